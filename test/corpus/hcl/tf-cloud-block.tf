terraform {
  required_version = "~> 1.9"

  cloud {
    organization = "example-sg"
    hostname     = "app.terraform.io"

    workspaces {
      tags    = ["payments", "platform"]
      project = "singapore"
    }
  }

  required_providers {
    random = {
      source  = "hashicorp/random"
      version = "3.6.2"
    }
    null = { source = "hashicorp/null", version = ">= 3.0" }
  }

  provider_meta "google" {
    module_name = "blueprints/terraform/payments/v1.0.0"
  }
}
