locals {
  common_tags = merge(var.tags, {
    Environment = var.environment
    ManagedBy   = "terraform"
    DataClass   = "restricted"
  })

  subnet_names = keys(var.subnets)
  public_names = [for name, subnet in var.subnets : name if subnet.public]
  cidrs_by_tier = { for name, subnet in var.subnets : (subnet.public ? "public" : "private") => subnet.cidr... }
  upper_names  = [for name in local.subnet_names : upper(name)]
  indexed      = { for index, name in local.subnet_names : name => index }
  flattened    = flatten([for name, subnet in var.subnets : [for az in local.azs : "${name}-${az}"]])
  distinct_azs = distinct(concat(local.azs, ["ap-southeast-1a"]))
  first_az     = local.azs[0]
  lookup_cidr  = lookup(var.subnets, "app", { cidr = "0.0.0.0/0" }).cidr
  joined       = join(",", local.subnet_names)
  split_list   = split(",", "a,b,c")
  coalesced    = coalesce(var.override_region, var.region, "ap-southeast-1")
}
