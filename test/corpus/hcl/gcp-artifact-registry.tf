resource "google_artifact_registry_repository" "images" {
  location      = "asia-southeast1"
  repository_id = "payments"
  format        = "DOCKER"
  description   = "Service images"

  docker_config {
    immutable_tags = true
  }

  cleanup_policy_dry_run = false

  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"
    condition {
      tag_state  = "UNTAGGED"
      older_than = "1209600s"
    }
  }

  cleanup_policies {
    id     = "keep-releases"
    action = "KEEP"
    most_recent_versions {
      package_name_prefixes = ["api", "worker"]
      keep_count            = 20
    }
  }
}
