resource "google_dns_managed_zone" "private" {
  name        = "payments-internal"
  dns_name    = "payments.internal."
  description = "Private zone"
  visibility  = "private"

  private_visibility_config {
    networks {
      network_url = google_compute_network.vpc.id
    }
  }
}

resource "google_dns_record_set" "api" {
  managed_zone = google_dns_managed_zone.private.name
  name         = "api.${google_dns_managed_zone.private.dns_name}"
  type         = "A"
  ttl          = 300
  rrdatas      = ["10.10.0.10"]
}
