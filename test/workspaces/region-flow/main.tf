provider "aws" {
  region = "ap-southeast-1"
}

resource "aws_s3_bucket" "primary" {
  bucket = "orders-primary"
}

module "dr" {
  source = "./modules/region"
  region = local.dr_region
}
