variable "environment" {
  type    = string
  default = "prod"
}

variable "subnets" {
  description = "Subnets by name."
  type = map(object({
    cidr        = string
    public      = optional(bool, false)
    zone_index  = optional(number)
    route_table = optional(string)
  }))
  default = {
    app = { cidr = "10.20.0.0/20" }
    db  = { cidr = "10.20.16.0/20", zone_index = 1 }
    lb  = { cidr = "10.20.32.0/22", public = true }
  }
}

variable "feature_flags" {
  type    = set(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "cidr_blocks" {
  type    = tuple([string, string])
  default = ["10.0.0.0/8", "172.16.0.0/12"]
}

variable "anything" {
  type    = any
  default = null
}
