locals {
  snake_case     = 1
  kebab-case     = 2
  with-digits-2  = 3
  _leading       = 4
  café           = "unicode identifier"
  UPPER          = true
  a-b            = local.kebab-case
}

resource "aws_s3_bucket" "my-bucket" {
  bucket = "my-bucket.v2"
}

resource "aws_s3_bucket" "bucket.with.dots" {
  bucket = "dots"
}
