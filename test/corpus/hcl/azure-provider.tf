terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
    azapi = { source = "Azure/azapi" }
  }

  backend "azurerm" {
    resource_group_name  = "tfstate-sea"
    storage_account_name = "paymentstfstate"
    container_name       = "state"
    key                  = "platform.tfstate"
    use_azuread_auth     = true
  }
}

provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy    = false
      recover_soft_deleted_key_vaults = true
    }
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
  subscription_id = var.subscription_id
  storage_use_azuread = true
}

provider "azurerm" {
  alias           = "dr"
  subscription_id = var.subscription_id
  features {}
}
