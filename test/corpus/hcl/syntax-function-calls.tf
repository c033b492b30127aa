locals {
  no_args     = timestamp()
  one_arg     = upper("sg")
  two_args    = max(3, 7)
  nested      = lower(replace(var.name, "_", "-"))
  expanded    = max(var.sizes...)
  expand_list = concat(["a"], var.more...)
  multi_line = format(
    "%s-%s-%03d",
    var.env,
    var.app,
    var.index,
  )
  object_arg   = jsonencode({ a = 1, b = [true, false] })
  cidr         = cidrsubnet("10.0.0.0/16", 8, 2)
  try_call     = try(var.settings.timeout, 30)
  can_call     = can(regex("^ap-", var.region))
  file_call    = file("${path.module}/policy.json")
  template     = templatefile("${path.module}/user-data.sh.tftpl", { region = var.region })
  provider_fn  = provider::terraform::encode_tfvars({ region = "ap-southeast-1" })
  yaml         = yamlencode({ region = var.region, zones = local.azs })
}
