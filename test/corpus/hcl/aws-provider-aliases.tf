# Providers for the Singapore payments platform.
provider "aws" {
  region = "ap-southeast-1"

  default_tags {
    tags = {
      Team        = "payments"
      CostCentre  = "cc-1042"
      Environment = var.environment
    }
  }
}

provider "aws" {
  alias  = "dr"
  region = "ap-southeast-3"

  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/terraform"
    session_name = "merlint-dr"
    duration     = "1h"
  }
}

provider "aws" {
  alias               = "global"
  region              = "us-east-1"
  allowed_account_ids = ["123456789012", "210987654321"]
  max_retries         = 5
}
