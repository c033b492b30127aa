resource "google_storage_bucket" "exports" {
  name                        = "payments-exports-sg"
  location                    = "ASIA-SOUTHEAST1"
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning { enabled = true }

  lifecycle_rule {
    condition {
      age                   = 30
      with_state            = "ARCHIVED"
      matches_storage_class = ["STANDARD", "NEARLINE"]
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition { num_newer_versions = 3 }
    action {
      type          = "SetStorageClass"
      storage_class = "COLDLINE"
    }
  }

  retention_policy {
    retention_period = 2592000
    is_locked        = false
  }

  encryption {
    default_kms_key_name = google_kms_crypto_key.exports.id
  }
}
