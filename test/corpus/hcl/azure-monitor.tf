resource "azurerm_log_analytics_workspace" "main" {
  name                = "log-payments-sea"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  sku                 = "PerGB2018"
  retention_in_days   = 365
  daily_quota_gb      = -1
}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv-to-log"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log { category = "AuditEvent" }

  metric {
    category = "AllMetrics"
    enabled  = true
  }
}
