resource "aws_db_instance" "primary" {
  identifier              = "ledger-primary"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.r6g.large"
  allocated_storage       = 200
  max_allocated_storage   = 1000
  storage_encrypted       = true
  backup_retention_period = 35
  multi_az                = true
  deletion_protection     = true
  skip_final_snapshot     = false
  parameter_group_name    = aws_db_parameter_group.pg16.name
}

resource "aws_db_instance" "replica" {
  provider               = aws.dr
  identifier             = "ledger-replica"
  replicate_source_db    = aws_db_instance.primary.arn
  instance_class         = "db.r6g.large"
  storage_encrypted      = true
  kms_key_id             = aws_kms_key.dr.arn
  backup_retention_period = 7
}

resource "aws_db_parameter_group" "pg16" {
  name   = "ledger-pg16"
  family = "postgres16"

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }
}
