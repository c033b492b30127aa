resource "google_storage_bucket" "dual" {
  name     = "payments-dual"
  location = "ASIA"

  custom_placement_config {
    data_locations = ["ASIA-SOUTHEAST1", "ASIA-EAST1"]
  }

  rpo = "ASYNC_TURBO"
}

resource "google_sql_database_instance" "ledger" {
  name                = "ledger-sg"
  database_version    = "POSTGRES_16"
  region              = "asia-southeast1"
  deletion_protection = true

  settings {
    tier              = "db-custom-4-15360"
    availability_type = "REGIONAL"
    disk_autoresize   = true

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      location                       = "asia-southeast1"
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 30
        retention_unit   = "COUNT"
      }
    }

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }
  }
}
