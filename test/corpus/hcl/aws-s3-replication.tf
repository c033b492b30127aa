resource "aws_s3_bucket" "source" {
  bucket        = "sg-payments-ledger"
  force_destroy = false
}

resource "aws_s3_bucket_versioning" "source" {
  bucket = aws_s3_bucket.source.id
  versioning_configuration { status = "Enabled" }
}

resource "aws_s3_bucket_replication_configuration" "ledger" {
  provider = aws.dr
  role     = aws_iam_role.replication.arn
  bucket   = aws_s3_bucket.source.id

  rule {
    id       = "ledger-to-jakarta"
    priority = 1
    status   = "Enabled"

    filter {
      prefix = "ledger/"
    }

    destination {
      bucket        = "arn:aws:s3:::sg-payments-ledger-replica"
      storage_class = "STANDARD_IA"

      replication_time {
        status  = "Enabled"
        minutes = 15
      }

      metrics {
        status = "Enabled"
        event_threshold {
          minutes = 15
        }
      }
    }

    delete_marker_replication { status = "Disabled" }
  }

  depends_on = [aws_s3_bucket_versioning.source]
}
