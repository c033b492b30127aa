locals {
  attribute      = aws_vpc.main.id
  deep           = module.vpc.outputs.subnets.private
  index_number   = var.list[0]
  index_string   = var.map["key"]
  index_var      = var.map[var.key]
  index_chain    = var.matrix[1][2]
  mixed          = data.aws_availability_zones.available.names[0]
  legacy_index   = aws_instance.web.0.private_ip
  legacy_deep    = module.db.instances.1.endpoint
  count_ref      = aws_subnet.private[count.index].id
  each_ref       = aws_vpc_endpoint.interface[each.key].id
  string_key_ref = aws_vpc_endpoint.interface["ecr.api"].dns_entry[0].dns_name
  self_ref       = path.module
}
