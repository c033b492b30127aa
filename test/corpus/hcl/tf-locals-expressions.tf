locals {
  name_prefix  = "${var.environment}-payments"
  is_prod      = var.environment == "prod"
  az_count     = local.is_prod ? 3 : 2
  azs          = slice(data.aws_availability_zones.available.names, 0, local.az_count)
  backup_hours = 24 * 7
  half         = 1 / 2
  remainder    = 17 % 5
  negative     = -local.az_count
  not_prod     = !local.is_prod
  both         = local.is_prod && var.enable_replication
  either       = local.is_prod || var.force_backups
  ordered      = var.min_size <= var.max_size
  different    = var.primary_region != var.dr_region
  big          = var.node_count > 10
  small        = var.node_count < 3
  at_least     = var.node_count >= 1
  arithmetic   = (var.a + var.b) * var.c - var.d / 2
}
