locals {
  simple       = var.enabled ? 1 : 0
  chained      = var.tier == "gold" ? 3 : var.tier == "silver" ? 2 : 1
  nested_true  = var.a ? var.b ? "ab" : "a" : "none"
  grouped      = (var.a ? 1 : 2) + 3
  in_arg       = max(var.n > 5 ? var.n : 5, 1)
  with_null    = var.override != null ? var.override : "default"
  null_result  = var.enabled ? "on" : null
  in_template  = "count=${var.enabled ? var.count : 0}"
  multi_line = (
    var.environment == "prod"
    ? "ap-southeast-1"
    : "ap-southeast-2"
  )
}
