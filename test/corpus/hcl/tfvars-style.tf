# Written like a terraform.tfvars file: attributes at the top level.
region              = "ap-southeast-1"
environment         = "prod"
enable_replication  = false
replica_regions     = []
node_count          = 3
node_disk_gb        = 1.0e2
allowed_cidrs       = ["10.0.0.0/8", "fd00::/8"]
tags = {
  Team       = "payments"
  Compliance = "PDPA"
}
subnets = {
  app = { cidr = "10.20.0.0/20", public = false }
  lb  = { cidr = "10.20.32.0/22", public = true }
}
