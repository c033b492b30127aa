resource "aws_secretsmanager_secret" "db" {
  name                    = "payments/db/master"
  description             = "Master credentials for the ledger database"
  recovery_window_in_days = 30
  kms_key_id              = aws_kms_key.secrets.id

  replica {
    region     = "ap-southeast-3"
    kms_key_id = "alias/payments-dr"
  }
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = aws_lambda_function.rotate.arn

  rotation_rules {
    automatically_after_days = 30
    duration                 = "2h"
  }
}
