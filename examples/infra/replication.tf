resource "aws_iam_role" "replication" {
  name = "paynow-s3-replication"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "s3.amazonaws.com" }
    }]
  })
}

# Settlement files go to the Tokyo standby (approved transfer, see .merlint.yaml).
resource "aws_s3_bucket_replication_configuration" "ledger_dr" {
  bucket = module.sg.ledger_bucket_id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "ledger-to-tokyo"
    status = "Enabled"

    destination {
      bucket        = module.dr.ledger_bucket_arn
      storage_class = "STANDARD_IA"
    }
  }
}

# Reconciliation exports, copied to the group analytics team's bucket in Sydney.
resource "aws_s3_bucket" "reconciliation_exports" {
  bucket = "paynow-reconciliation-exports-${var.environment}"
}

resource "aws_s3_bucket_versioning" "reconciliation_exports" {
  bucket = aws_s3_bucket.reconciliation_exports.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "analytics_inbox" {
  provider = aws.sydney
  bucket   = "group-analytics-paynow-inbox-${var.environment}"
}

resource "aws_s3_bucket_versioning" "analytics_inbox" {
  provider = aws.sydney
  bucket   = aws_s3_bucket.analytics_inbox.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_replication_configuration" "exports_to_analytics" {
  bucket = aws_s3_bucket.reconciliation_exports.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "exports-to-group-analytics"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.analytics_inbox.arn
    }
  }
}
