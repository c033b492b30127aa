terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }

  backend "s3" {
    bucket       = "paynow-terraform-state"
    key          = "infra/prod.tfstate"
    region       = "ap-southeast-1"
    use_lockfile = true
  }
}
