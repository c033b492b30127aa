variable "region" {
  description = "Primary region; must be a Singapore region."
  type        = string
  default     = "ap-southeast-1"
  nullable    = false

  validation {
    condition     = contains(["ap-southeast-1", "asia-southeast1", "southeastasia"], var.region)
    error_message = "The region must be in Singapore."
  }

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+-?[0-9]*$", var.region))
    error_message = "The region \"${var.region}\" is not well formed."
  }
}

variable "retention_days" {
  type    = number
  default = 35

  validation {
    condition     = var.retention_days >= 7 && var.retention_days <= 35
    error_message = "Retention must be between 7 and 35 days."
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = false
}
