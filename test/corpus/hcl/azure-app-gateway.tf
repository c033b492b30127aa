locals {
  backend_address_pool_name = "${azurerm_virtual_network.hub.name}-beap"
  frontend_port_name        = "${azurerm_virtual_network.hub.name}-feport"
  listener_name             = "${azurerm_virtual_network.hub.name}-httplstn"
}

resource "azurerm_application_gateway" "public" {
  name                = "agw-payments"
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  enable_http2        = true

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gw-ip"
    subnet_id = azurerm_subnet.agw.id
  }

  frontend_port {
    name = local.frontend_port_name
    port = 443
  }

  backend_address_pool { name = local.backend_address_pool_name }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101S"
  }

  waf_configuration {
    enabled          = true
    firewall_mode    = "Prevention"
    rule_set_version = "3.2"
  }
}
