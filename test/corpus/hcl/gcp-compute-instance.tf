resource "google_compute_instance" "bastion" {
  name         = "bastion"
  machine_type = "e2-micro"
  zone         = "asia-southeast1-b"
  tags         = ["bastion"]

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 10
      type  = "pd-balanced"
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.gke.id
    stack_type = "IPV4_IPV6"
  }

  metadata = {
    enable-oslogin = "TRUE"
    startup-script = <<-SCRIPT
      #!/usr/bin/env bash
      apt-get update
      apt-get install -y --no-install-recommends tmux
    SCRIPT
  }

  shielded_instance_config {
    enable_secure_boot = true
  }

  scheduling {
    preemptible         = false
    automatic_restart   = true
    on_host_maintenance = "MIGRATE"
  }
}
