resource "google_kms_key_ring" "sg" {
  name     = "payments-sg"
  location = "asia-southeast1"
}

resource "google_kms_crypto_key" "exports" {
  name            = "exports"
  key_ring        = google_kms_key_ring.sg.id
  rotation_period = "7776000s"
  purpose         = "ENCRYPT_DECRYPT"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "HSM"
  }

  lifecycle {
    prevent_destroy = true
  }
}
