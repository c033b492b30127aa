resource "google_cloud_run_v2_service" "api" {
  name     = "payments-api"
  location = "asia-southeast1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"

  template {
    service_account                  = google_service_account.api.email
    max_instance_request_concurrency = 80
    timeout                          = "30s"

    scaling {
      min_instance_count = 1
      max_instance_count = 20
    }

    containers {
      image = "asia-southeast1-docker.pkg.dev/${var.project_id}/payments/api:${var.image_tag}"

      ports { container_port = 8080 }

      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
        cpu_idle = true
      }

      env {
        name  = "GOOGLE_CLOUD_REGION"
        value = "asia-southeast1"
      }

      env {
        name = "DB_PASSWORD"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.db.secret_id
            version = "latest"
          }
        }
      }
    }
  }
}
