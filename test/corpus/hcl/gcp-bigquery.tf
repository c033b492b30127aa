resource "google_bigquery_dataset" "analytics" {
  dataset_id                  = "payments_analytics"
  location                    = "asia-southeast1"
  default_table_expiration_ms = 7776000000
  delete_contents_on_destroy  = false

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role           = "READER"
    group_by_email = "analysts@example.sg"
  }

  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.exports.id
  }
}

resource "google_bigquery_table" "transactions" {
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = "transactions"
  deletion_protection = true

  time_partitioning {
    type  = "DAY"
    field = "created_at"
  }

  schema = <<EOF
[
  {"name": "id", "type": "STRING", "mode": "REQUIRED"},
  {"name": "amount_cents", "type": "INT64", "mode": "REQUIRED"},
  {"name": "created_at", "type": "TIMESTAMP", "mode": "REQUIRED"}
]
EOF
}
