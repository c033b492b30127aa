output "vpc_id" {
  value = aws_vpc.main.id
}

output "alb_dns_name" {
  value = aws_lb.payments.dns_name
}

output "ledger_bucket_id" {
  value = aws_s3_bucket.ledger.id
}

output "ledger_bucket_arn" {
  value = aws_s3_bucket.ledger.arn
}
