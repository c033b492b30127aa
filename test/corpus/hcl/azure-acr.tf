resource "azurerm_container_registry" "main" {
  name                          = "crpaymentssea"
  resource_group_name           = azurerm_resource_group.platform.name
  location                      = azurerm_resource_group.platform.location
  sku                           = "Premium"
  admin_enabled                 = false
  public_network_access_enabled = false
  zone_redundancy_enabled       = true
  data_endpoint_enabled         = true

  georeplications {
    location                = "eastasia"
    zone_redundancy_enabled = true
    tags                    = {}
  }

  retention_policy {
    days    = 30
    enabled = true
  }

  trust_policy {
    enabled = true
  }
}
