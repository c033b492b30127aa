variable "environment" {
  description = "Deployment environment, part of every resource name."
  type        = string
}
