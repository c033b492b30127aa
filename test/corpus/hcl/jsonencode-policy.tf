data "aws_caller_identity" "this" {}

resource "aws_iam_policy" "deploy" {
  name        = "deploy-ecr"
  description = "Push images to the Singapore registry only"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Push"
        Effect   = "Allow"
        Action   = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
        Resource = "arn:aws:ecr:ap-southeast-1:${data.aws_caller_identity.this.account_id}:repository/payments/*"
      },
      {
        Sid       = "DenyOtherRegions"
        Effect    = "Deny"
        NotAction = "ecr:GetAuthorizationToken"
        Resource  = "*"
        Condition = {
          StringNotEquals = { "aws:RequestedRegion" = "ap-southeast-1" }
          Bool            = { "aws:ViaAWSService" = "false" }
        }
      },
    ]
  })
}
