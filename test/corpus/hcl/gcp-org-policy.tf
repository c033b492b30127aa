resource "google_org_policy_policy" "resource_locations" {
  name   = "projects/${var.project_id}/policies/gcp.resourceLocations"
  parent = "projects/${var.project_id}"

  spec {
    rules {
      values {
        allowed_values = ["in:asia-southeast1-locations"]
        denied_values  = []
      }
    }
  }
}

resource "google_org_policy_policy" "uniform_access" {
  name   = "projects/${var.project_id}/policies/storage.uniformBucketLevelAccess"
  parent = "projects/${var.project_id}"

  spec {
    rules { enforce = "TRUE" }
  }
}
