resource "azurerm_policy_definition" "allowed_locations" {
  name         = "allowed-locations-sea"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Allowed locations: Singapore"

  parameters = <<PARAMETERS
{
  "allowedLocations": {
    "type": "Array",
    "metadata": { "displayName": "Allowed locations", "strongType": "location" },
    "defaultValue": ["southeastasia"]
  }
}
PARAMETERS

  policy_rule = jsonencode({
    if = {
      allOf = [
        { field = "location", notIn = "[parameters('allowedLocations')]" },
        { field = "location", notEquals = "global" },
      ]
    }
    then = { effect = "deny" }
  })
}
