resource "azurerm_resource_group" "platform" {
  name     = "rg-payments-sea"
  location = "southeastasia"
  tags = {
    "cost-centre" = "cc-1042"
    "data-class"  = "restricted"
    owner         = "platform@example.sg"
  }
}

resource "azurerm_management_lock" "platform" {
  name       = "do-not-delete"
  scope      = azurerm_resource_group.platform.id
  lock_level = "CanNotDelete"
  notes      = "Holds regulated payment data"
}
