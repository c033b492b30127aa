terraform {
  required_version = ">= 1.5.0, < 2.0.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.30"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 5.30"
    }
  }

  backend "gcs" {
    bucket = "payments-tfstate-sg"
    prefix = "platform/network"
  }
}

provider "google" {
  project = var.project_id
  region  = "asia-southeast1"
  zone    = "asia-southeast1-a"
}

provider "google-beta" {
  project               = var.project_id
  region                = "asia-southeast1"
  user_project_override = true
  billing_project       = var.project_id
}
