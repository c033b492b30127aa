resource "azurerm_postgresql_flexible_server" "ledger" {
  name                          = "psql-ledger-sea"
  resource_group_name           = azurerm_resource_group.platform.name
  location                      = "southeastasia"
  version                       = "16"
  sku_name                      = "GP_Standard_D4ds_v5"
  storage_mb                    = 262144
  backup_retention_days         = 35
  geo_redundant_backup_enabled  = false
  public_network_access_enabled = false
  zone                          = "1"

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = data.azurerm_client_config.current.tenant_id
  }

  maintenance_window {
    day_of_week  = 6
    start_hour   = 18
    start_minute = 30
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "log_statement" {
  name      = "log_statement"
  server_id = azurerm_postgresql_flexible_server.ledger.id
  value     = "ddl"
}
