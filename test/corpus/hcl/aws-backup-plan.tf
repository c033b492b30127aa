resource "aws_backup_vault" "sg" {
  name        = "payments-sg"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_plan" "daily" {
  name = "daily-35d"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.sg.name
    schedule          = "cron(0 18 * * ? *)"
    start_window      = 60
    completion_window = 180

    lifecycle {
      cold_storage_after = 30
      delete_after       = 120
    }

    copy_action {
      destination_vault_arn = "arn:aws:backup:ap-southeast-3:123456789012:backup-vault:payments-jkt"
      lifecycle {
        delete_after = 35
      }
    }

    recovery_point_tags = { Plan = "daily" }
  }

  advanced_backup_setting {
    backup_options = {
      WindowsVSS = "enabled"
    }
    resource_type = "EC2"
  }
}
