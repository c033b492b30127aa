resource "aws_s3_bucket_policy" "deny_insecure" {
  bucket = aws_s3_bucket.source.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::sg-payments-ledger",
        "arn:aws:s3:::sg-payments-ledger/*"
      ],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}
POLICY
}

resource "aws_s3_bucket_policy" "templated" {
  bucket = aws_s3_bucket.source.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": { "AWS": "arn:aws:iam::${var.account_id}:root" },
        "Action": "s3:GetObject",
        "Resource": "${aws_s3_bucket.source.arn}/*"
      }]
    }
  POLICY
}
