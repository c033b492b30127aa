output "vpc_id" {
  description = "The VPC that holds the payment workloads."
  value       = aws_vpc.main.id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "endpoint_dns" {
  value = { for name, endpoint in aws_vpc_endpoint.interface : name => endpoint.dns_entry[0].dns_name }
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}

output "bucket_region" {
  value = aws_s3_bucket.source.region

  precondition {
    condition     = aws_s3_bucket.source.region == "ap-southeast-1"
    error_message = "The ledger bucket left Singapore."
  }
}
