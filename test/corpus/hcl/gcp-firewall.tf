locals {
  firewall_rules = {
    allow-iap-ssh = {
      ranges = ["35.235.240.0/20"]
      ports  = ["22"]
      tags   = ["bastion"]
    }
    allow-health-checks = {
      ranges = ["130.211.0.0/22", "35.191.0.0/16"]
      ports  = ["8080", "8443"]
      tags   = ["gke-node"]
    }
  }
}

resource "google_compute_firewall" "ingress" {
  for_each      = local.firewall_rules
  name          = each.key
  network       = google_compute_network.vpc.name
  direction     = "INGRESS"
  priority      = 1000
  source_ranges = each.value.ranges
  target_tags   = each.value.tags

  allow {
    protocol = "tcp"
    ports    = each.value.ports
  }

  log_config { metadata = "EXCLUDE_ALL_METADATA" }
}
