locals {
  tuple_for      = [for s in var.list : upper(s)]
  tuple_indexed  = [for i, s in var.list : "${i}:${s}"]
  tuple_if       = [for s in var.list : s if s != ""]
  object_for     = { for k, v in var.map : k => upper(v) }
  object_if      = { for k, v in var.map : k => v if length(v) > 3 }
  grouped        = { for s in var.subnets : s.zone => s.id... }
  grouped_if     = { for s in var.subnets : s.zone => s.id... if s.public }
  nested         = [for a in var.outer : [for b in a.inner : b.name]]
  from_set       = [for name in toset(["a", "b"]) : name]
  multi_line = {
    for name, subnet in var.subnets :
    name => subnet.cidr
    if !subnet.public
  }
  parenthesised_key = { for s in var.list : (s) => length(s) }
}
