module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name = "payments"
  cidr = "10.20.0.0/16"

  azs             = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
  private_subnets = ["10.20.1.0/24", "10.20.2.0/24", "10.20.3.0/24"]
  public_subnets  = ["10.20.101.0/24", "10.20.102.0/24", "10.20.103.0/24"]

  enable_nat_gateway     = true
  single_nat_gateway     = false
  one_nat_gateway_per_az = true
  enable_ipv6            = true

  tags = local.common_tags
}

module "replica" {
  source = "./modules/s3-replica"
  providers = {
    aws        = aws.dr
    aws.source = aws
  }

  bucket_name = "sg-payments-ledger-replica"
  depends_on  = [module.vpc]
}
