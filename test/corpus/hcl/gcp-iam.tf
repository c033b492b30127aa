variable "project_roles" {
  type    = map(list(string))
  default = {
    "roles/logging.logWriter"       = ["serviceAccount:nodes@payments.iam.gserviceaccount.com"]
    "roles/monitoring.metricWriter" = ["serviceAccount:nodes@payments.iam.gserviceaccount.com"]
    "roles/viewer"                  = ["group:platform@example.sg", "group:sre@example.sg"]
  }
}

locals {
  bindings = flatten([
    for role, members in var.project_roles : [
      for member in members : { role = role, member = member }
    ]
  ])
}

resource "google_project_iam_member" "this" {
  for_each = { for binding in local.bindings : "${binding.role}/${binding.member}" => binding }
  project  = var.project_id
  role     = each.value.role
  member   = each.value.member
}

resource "google_service_account" "nodes" {
  account_id   = "nodes"
  display_name = "GKE nodes"
}
