resource "azurerm_storage_account" "archive" {
  name                     = "paymentsarchive"
  resource_group_name      = azurerm_resource_group.platform.name
  location                 = azurerm_resource_group.platform.location
  account_tier             = "Standard"
  account_replication_type = "RAGRS"
  access_tier              = "Cool"
}

resource "azurerm_storage_management_policy" "archive" {
  storage_account_id = azurerm_storage_account.archive.id

  rule {
    name    = "tier-then-delete"
    enabled = true
    filters {
      prefix_match = ["statements/"]
      blob_types   = ["blockBlob"]
    }
    actions {
      base_blob {
        tier_to_archive_after_days_since_modification_greater_than = 90
        delete_after_days_since_modification_greater_than          = 2555
      }
      snapshot {
        delete_after_days_since_creation_greater_than = 30
      }
    }
  }
}
