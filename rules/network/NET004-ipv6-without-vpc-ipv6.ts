import type { Network, Subnet, Vpc } from '../../src/languages/terraform/model/network.js';
import { aboutInstance, type ResourceInstance } from '../../src/languages/terraform/model/types.js';
import { takenFrom, type Value } from '../../src/languages/terraform/model/value.js';
import { namedList } from '../../src/named-list.js';
import { checkPerOrigin, type Occurrence } from '../../src/per-origin.js';
import { defineRule } from '../../src/rule.js';
import type { Location } from '../../src/types.js';

const LOAD_BALANCERS = new Set(['aws_lb', 'aws_alb']);
const DUAL_STACK = new Set(['dualstack', 'dualstack-without-public-ipv4']);

/** What each subnet argument asks of the subnet, for messages. */
const SUBNET_WANTS: Record<string, string> = {
  ipv6_cidr_block: 'takes an IPv6 CIDR block from the VPC',
  ipv6_native: 'makes the subnet IPv6-only',
  assign_ipv6_address_on_creation: 'gives new network interfaces IPv6 addresses',
  enable_dns64: 'makes the subnet answer DNS queries with synthetic IPv6 addresses (DNS64)',
  enable_resource_name_dns_aaaa_record_on_launch: 'publishes AAAA records for new instances',
};

/** A setting that needs IPv6 in a VPC without it: the argument and the VPC, per instance. */
interface Ipv6Need extends Occurrence {
  argument: string;
  /** The value written, for a load balancer's ip_address_type. */
  value?: string;
  vpc: Vpc;
}

export default defineRule({
  id: 'NET004',
  slug: 'ipv6-without-vpc-ipv6',
  level: 'error',
  title: 'Dual-stack load balancer or IPv6 subnet in a VPC without an IPv6 CIDR block',
  rationale:
    'A dual-stack load balancer needs subnets with IPv6 CIDR blocks, and a subnet can only have one carved from its VPC\'s IPv6 CIDR block, which AWS never adds by itself (a default VPC has IPv4 only). When the VPC has none, `terraform apply` fails: Elastic Load Balancing answers "You must specify subnets with an associated IPv6 CIDR block", and EC2 refuses `assign_ipv6_address_on_creation`, `enable_dns64` and AAAA-record settings "unless the subnet has an IPv6 CIDR block associated with it". The failure comes in the change window, often after part of the change is applied, which is the unplanned outage risk the MAS Technology Risk Management Guidelines ask teams to control through tested changes. Internal load balancers may be dual-stack (the API reference\'s older note that they must use `ipv4` no longer matches what AWS accepts), so they are checked like any other. The VPC is followed through references, module arguments and outputs only; when merlint cannot tell which VPC a resource is in, or whether that VPC has IPv6 (an unset variable, a VPC read with a data source, a remote module), it stays quiet.',
  remediation:
    'Give the VPC an IPv6 CIDR block — `assign_generated_ipv6_cidr_block = true` for an Amazon-provided /56, `ipv6_ipam_pool_id` for an IPAM pool, or an `aws_vpc_ipv6_cidr_block_association` — then give each subnet its own block (`ipv6_cidr_block = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)`), route `::/0` and allow IPv6 in security groups and network ACLs. With terraform-aws-modules/vpc that is `enable_ipv6 = true` and the `*_subnet_ipv6_prefixes` inputs. If the service does not need IPv6 yet, set `ip_address_type = "ipv4"` and drop the subnet\'s IPv6 arguments.',
  kinds: ['terraform', 'tfplan'],
  tags: ['ipv6', 'network', 'availability'],
  check: checkPerOrigin(
    ({ workspace: { terraform } }) => [...terraform.network.subnets.flatMap(subnetNeeds), ...terraform.resources.flatMap((resource) => loadBalancerNeeds(resource, terraform.network))],
    ({ items, subjects }) => {
      const { argument, value } = items[0]!;
      const vpcs = namedList(items.map((need) => need.vpc.resource.address));
      if (value === undefined) return `${argument} of ${subjects} ${SUBNET_WANTS[argument]}, but the VPC has no IPv6 CIDR block (${vpcs}), so terraform apply fails; give the VPC an IPv6 CIDR block or remove ${argument}`;
      return `ip_address_type "${value}" of ${subjects} asks for IPv6 addresses, but the VPC of the subnets has no IPv6 CIDR block (${vpcs}), so AWS refuses the load balancer ("You must specify subnets with an associated IPv6 CIDR block"); give the VPC and its subnets IPv6 CIDR blocks, or use "ipv4"`;
    },
  ),
});

function subnetNeeds(subnet: Subnet): Ipv6Need[] {
  const vpc = subnet.vpc;
  if (vpc?.ipv6.state !== 'absent') return [];
  return subnet.ipv6Settings.map((setting) => ({ ...occurrence(subnet.resource, setting.at, vpc, setting.via), argument: setting.argument, vpc }));
}

function loadBalancerNeeds(balancer: ResourceInstance, network: Network): Ipv6Need[] {
  if (balancer.mode !== 'managed' || !LOAD_BALANCERS.has(balancer.type)) return [];
  const type = balancer.attribute('ip_address_type');
  if (type?.kind !== 'string' || !DUAL_STACK.has(type.value)) return [];
  const vpc = subnetIds(balancer).map(network.vpcOf).find((candidate) => candidate?.ipv6.state === 'absent');
  return vpc ? [{ ...occurrence(balancer, type.origin, vpc, type.via), argument: 'ip_address_type', value: type.value, vpc }] : [];
}

/** The subnets a load balancer is placed in: `subnets` and the `subnet_id` of each `subnet_mapping`. */
function subnetIds(balancer: ResourceInstance): Value[] {
  const listed = balancer.attribute('subnets');
  const items = listed?.kind === 'list' ? listed.items.map((item) => takenFrom(item, listed)) : listed ? [listed] : [];
  return [...items, ...balancer.blocks('subnet_mapping').flatMap((mapping) => mapping.attribute('subnet_id') ?? [])];
}

function occurrence(resource: ResourceInstance, at: Location, vpc: Vpc, via: readonly Location[]): Occurrence {
  const about = aboutInstance(resource);
  const without = vpc.ipv6.state === 'absent' ? [{ ...vpc.ipv6.at, message: `${vpc.resource.address} gets no IPv6 CIDR block here` }] : [];
  const passed = via.map((location) => ({ ...location, message: 'the value is passed on here' }));
  return { ...about, at, reportedFrom: resource.path, related: [...without, ...passed, ...about.related] };
}
