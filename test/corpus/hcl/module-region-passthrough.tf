variable "region" {
  type    = string
  default = "ap-southeast-1"
}

locals {
  region = var.region
  dr     = var.region == "ap-southeast-1" ? "ap-southeast-3" : "ap-southeast-1"
}

provider "aws" {
  region = local.region
}

provider "aws" {
  alias  = "dr"
  region = local.dr
}

module "storage" {
  source = "./modules/storage"
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }
  region     = local.region
  dr_region  = local.dr
  replicate  = true
}
