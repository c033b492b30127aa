locals {
  full_splat       = aws_subnet.private[*].id
  attr_splat       = aws_subnet.private.*.id
  full_then_index  = aws_instance.web[*].network_interface[0].id
  attr_then_index  = aws_instance.web.*.private_ip[0]
  attr_legacy      = aws_instance.web.*.ebs_block_device.0.volume_id
  full_nested      = module.vpcs[*].subnets[*].id
  bare_full        = var.things[*]
  bare_attr        = var.things.*
  splat_in_call    = length(aws_subnet.private[*].id)
  splat_in_for     = [for id in aws_subnet.public[*].id : "subnet/${id}"]
}
