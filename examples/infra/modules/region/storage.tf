data "aws_region" "current" {}

# The ledger's daily settlement files; replicated from Singapore to the Tokyo standby.
resource "aws_s3_bucket" "ledger" {
  bucket = "paynow-ledger-${var.environment}-${data.aws_region.current.name}"
}

resource "aws_s3_bucket_versioning" "ledger" {
  bucket = aws_s3_bucket.ledger.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "ledger" {
  bucket                  = aws_s3_bucket.ledger.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
