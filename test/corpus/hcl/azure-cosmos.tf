resource "azurerm_cosmosdb_account" "sessions" {
  name                = "cosmos-sessions-sea"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  automatic_failover_enabled = true

  consistency_policy {
    consistency_level       = "BoundedStaleness"
    max_interval_in_seconds = 300
    max_staleness_prefix    = 100000
  }

  geo_location {
    location          = "southeastasia"
    failover_priority = 0
    zone_redundant    = true
  }

  geo_location {
    location          = "australiaeast"
    failover_priority = 1
  }

  backup {
    type = "Continuous"
    tier = "Continuous30Days"
  }
}
