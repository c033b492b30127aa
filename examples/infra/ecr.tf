# Images of the services in services/, pushed by CI from the Singapore account.
resource "aws_kms_key" "ecr" {
  description             = "Encrypts the payments team's container images"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_ecr_repository" "service" {
  for_each = toset(["payments", "ledger", "reconciliation"])

  name                 = "paynow/${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}

resource "aws_ecr_lifecycle_policy" "service" {
  for_each = aws_ecr_repository.service

  repository = each.value.name
  policy     = file("${path.module}/policies/ecr-services.json")
}

resource "aws_ecr_repository" "fx_rates" {
  name                 = "paynow/fx-rates"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}

# AWS rejects this policy: a "tagged" rule must say which tags it selects.
resource "aws_ecr_lifecycle_policy" "fx_rates" {
  repository = aws_ecr_repository.fx_rates.name

  policy = <<-EOT
    {
      "rules": [
        {
          "rulePriority": 1,
          "description": "Keep the last 20 images",
          "selection": {
            "tagStatus": "tagged",
            "countType": "imageCountMoreThan",
            "countNumber": 20
          },
          "action": { "type": "expire" }
        }
      ]
    }
  EOT
}

resource "aws_ecr_repository" "webhooks" {
  name                 = "paynow/webhooks"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}

# Keeps 30 release images, but never deletes untagged ones or other tags.
resource "aws_ecr_lifecycle_policy" "webhooks" {
  repository = aws_ecr_repository.webhooks.name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 30 release images"
      selection = {
        tagStatus     = "tagged"
        tagPrefixList = ["v"]
        countType     = "imageCountMoreThan"
        countNumber   = 30
      }
      action = { type = "expire" }
    }]
  })
}

# No lifecycle policy at all: every image ever pushed stays.
resource "aws_ecr_repository" "notifications" {
  name                 = "paynow/notifications"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}
