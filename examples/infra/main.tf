# The payment platform runs in Singapore, with a warm standby in Tokyo.
module "sg" {
  source = "./modules/region"

  environment        = var.environment
  vpc_cidr           = "10.10.0.0/16"
  availability_zones = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]

  # PayNow clients on IPv6-only mobile networks reach the API directly.
  alb_ip_address_type = "dualstack"
}

module "dr" {
  source = "./modules/region"

  providers = {
    aws = aws.tokyo
  }

  environment         = var.environment
  vpc_cidr            = "10.20.0.0/16"
  availability_zones  = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]
  alb_ip_address_type = "ipv4"
}
