variable "dr_region" {
  description = "Region of the disaster-recovery copy."
  type        = string
  default     = "ap-southeast-3"
}
