data "aws_region" "current" {}
data "aws_partition" "current" {}

data "aws_vpc" "shared" {
  filter {
    name   = "tag:Name"
    values = ["shared-services"]
  }
  state = "available"
}

data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "payments-tfstate"
    key    = "network/terraform.tfstate"
    region = "ap-southeast-1"
  }
}

data "external" "git" {
  program = ["bash", "-c", "echo '{\"sha\": \"'$(git rev-parse HEAD)'\"}'"]
}

data "http" "ip_ranges" {
  url = "https://ip-ranges.amazonaws.com/ip-ranges.json"
}
