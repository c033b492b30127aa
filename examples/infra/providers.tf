provider "aws" {
  region = "ap-southeast-1"

  default_tags {
    tags = {
      team       = "payments"
      managed-by = "terraform"
    }
  }
}

# Disaster recovery in Tokyo. The transfer basis is recorded in .merlint.yaml
# (residency.approvedTransfers), so data may be copied there.
provider "aws" {
  alias  = "tokyo"
  region = "ap-northeast-1"
}

# The group analytics team's inbox in Sydney. No transfer basis has been recorded for it.
provider "aws" {
  alias  = "sydney"
  region = "ap-southeast-2"
}
