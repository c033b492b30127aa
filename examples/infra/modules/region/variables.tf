variable "environment" {
  type = string
}

variable "vpc_cidr" {
  description = "IPv4 range of the region's VPC."
  type        = string
}

variable "availability_zones" {
  description = "One public and one private subnet per zone."
  type        = list(string)
}

variable "alb_ip_address_type" {
  description = "ipv4, or dualstack to serve IPv6 clients as well."
  type        = string
  default     = "ipv4"
}
