locals {
  nsg_rules = [
    { name = "allow-https", priority = 100, port = "443", source = "VirtualNetwork" },
    { name = "allow-lb", priority = 110, port = "*", source = "AzureLoadBalancer" },
    { name = "deny-all", priority = 4096, port = "*", source = "*", access = "Deny" },
  ]
}

resource "azurerm_network_security_group" "aks" {
  name                = "nsg-aks"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name

  dynamic "security_rule" {
    for_each = local.nsg_rules
    content {
      name                       = security_rule.value.name
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = lookup(security_rule.value, "access", "Allow")
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value.port
      source_address_prefix      = security_rule.value.source
      destination_address_prefix = "*"
    }
  }
}
