locals {
  crlf = "windows line endings"
  list = [
    "a",
    "b",
  ]
  doc = <<EOT
line one
line two
EOT
}

resource "aws_s3_bucket" "crlf" {
  bucket = "crlf"
  # a comment
  versioning { enabled = true }
}
