provider "alicloud" {
  region = "ap-southeast-1"
}

resource "alicloud_oss_bucket" "statements" {
  bucket          = "payments-statements-sg"
  storage_class   = "Standard"
  redundancy_type = "ZRS"

  server_side_encryption_rule {
    sse_algorithm = "KMS"
  }

  lifecycle_rule {
    id      = "expire"
    prefix  = "tmp/"
    enabled = true
    expiration { days = 7 }
  }
}

provider "oci" {
  region = "ap-singapore-1"
}

resource "oci_objectstorage_bucket" "exports" {
  compartment_id = var.compartment_ocid
  name           = "exports"
  namespace      = var.namespace
  versioning     = "Enabled"
  access_type    = "NoPublicAccess"
}
