resource "google_compute_network" "vpc" {
  name                            = "payments-vpc"
  auto_create_subnetworks         = false
  routing_mode                    = "REGIONAL"
  delete_default_routes_on_create = true
  enable_ula_internal_ipv6        = true
  mtu                             = 1460
}

resource "google_compute_subnetwork" "gke" {
  name                     = "gke-sg"
  region                   = "asia-southeast1"
  network                  = google_compute_network.vpc.id
  ip_cidr_range            = "10.10.0.0/20"
  private_ip_google_access = true
  stack_type               = "IPV4_IPV6"
  ipv6_access_type         = "INTERNAL"

  secondary_ip_range {
    range_name    = "pods"
    ip_cidr_range = "10.20.0.0/14"
  }

  secondary_ip_range {
    range_name    = "services"
    ip_cidr_range = "10.24.0.0/20"
  }

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}
