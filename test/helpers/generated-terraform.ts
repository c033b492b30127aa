/*
 * A long Terraform file of the shape of a public VPC module (resources with for_each, lookups and
 * interpolations), generated so the tests need no vendored third-party code.
 */

export function vpcLikeModule(blocks = 80): string {
  const parts: string[] = [];
  for (let index = 0; index < blocks; index++) {
    parts.push(`resource "aws_subnet" "tier_${index}" {
  for_each = { for k, v in var.subnets_${index} : k => v if local.create_vpc }

  vpc_id            = local.vpc_id
  cidr_block        = cidrsubnet(var.cidr, 8, ${index})
  availability_zone = element(var.azs, ${index})

  tags = merge(
    { Name = "\${var.name}-tier-${index}-\${each.key}" },
    lookup(var.subnet_tags, "tier_${index}", {}),
  )
}
`);
  }
  return parts.join('\n');
}

/** The module with one interpolation left open in the middle: `"${var.name-tier-…` lacks its `}`. */
export function moduleWithOpenInterpolation(blocks = 80): { text: string; blocks: number } {
  const text = vpcLikeModule(blocks);
  const at = text.indexOf('{ Name = "${var.name}', text.length / 2) + '{ Name = "${var.name'.length;
  return { text: text.slice(0, at) + text.slice(at + 1), blocks };
}
