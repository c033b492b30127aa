data "aws_caller_identity" "current" {}

resource "aws_ecr_replication_configuration" "this" {
  replication_configuration {
    rule {
      destination {
        region      = "ap-southeast-3"
        registry_id = data.aws_caller_identity.current.account_id
      }

      repository_filter {
        filter      = "payments/"
        filter_type = "PREFIX_MATCH"
      }
    }
  }
}

resource "aws_ecr_lifecycle_policy" "legacy" {
  repository = "payments/legacy"
  policy     = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}}]}"
}
