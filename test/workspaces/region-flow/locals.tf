locals {
  dr_region = var.dr_region
}
