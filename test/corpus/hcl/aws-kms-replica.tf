resource "aws_kms_key" "primary" {
  description  = "Multi-region key for tokenisation"
  multi_region = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableRoot"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_replica_key" "jakarta" {
  provider                = aws.dr
  description             = "Tokenisation key replica"
  primary_key_arn         = aws_kms_key.primary.arn
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "primary" {
  name          = "alias/tokenisation"
  target_key_id = aws_kms_key.primary.key_id
}
