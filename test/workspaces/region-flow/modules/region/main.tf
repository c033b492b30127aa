variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

resource "aws_s3_bucket" "replica" {
  bucket = "orders-replica-${var.region}"
}
