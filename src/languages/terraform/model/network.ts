import type { NetworkDecision } from '../../../facts/network.js';
import type { Location } from '../../../types.js';
import { attribute, type Expression } from '../hcl/syntax.js';
import { toBool } from './convert.js';
import { CLUSTER_TYPES, DEFAULT_VPC, IPV6_ASSOCIATION, VPC } from './network-types.js';
import { nameLocation, type ResourceInstance } from './types.js';
import { type KnownValue, type UnknownValue, type Value } from './value.js';

/*
 * AWS networking as the configuration writes it: every VPC (in any module instance) and whether it
 * has an IPv6 CIDR block, and every subnet with its VPC and the IPv6 settings it turns on. A VPC or
 * subnet is found through references (`aws_vpc.main.id`, a module output, a module argument), never
 * by guessing from names or literal ids: what a reference cannot reach stays unknown.
 */

export interface Network {
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  /**
   * The VPC a value leads to: `aws_vpc.main.id`, or the id of anything that has a `vpc_id` (a
   * subnet, a CIDR block association, a `data "aws_subnet"`), followed through variables, locals,
   * module arguments and outputs; undefined when it leads to no VPC of the configuration.
   */
  vpcOf(value: Value | undefined): Vpc | undefined;
}

/** An `aws_vpc`, `aws_default_vpc` or `data "aws_vpc"` instance. */
export interface Vpc {
  readonly resource: ResourceInstance;
  readonly ipv6: Ipv6Cidr;
}

export type Ipv6Cidr =
  /** `at` is where the block is asked for: the argument's value, or the association resource. */
  | { readonly state: 'assigned'; readonly at: Location }
  /** `at` is the argument that leaves it off (`assign_generated_ipv6_cidr_block = false`), else the VPC's name. */
  | { readonly state: 'absent'; readonly at: Location }
  | { readonly state: 'unknown'; readonly reason: string };

export interface Subnet {
  readonly resource: ResourceInstance;
  readonly vpc: Vpc | undefined;
  /** The IPv6 arguments the subnet certainly turns on, in the order of IPV6_SUBNET_ARGUMENTS. */
  readonly ipv6Settings: readonly Ipv6Setting[];
}

export interface Ipv6Setting {
  readonly argument: string;
  /** Where the setting is written: the value's origin, or the `cidrsubnet(...)` call that computes it. */
  readonly at: Location;
  readonly via: readonly Location[];
}

/** What a VPC can have its IPv6 CIDR block from, in the order they are looked at. */
const VPC_IPV6_ARGUMENTS = ['assign_generated_ipv6_cidr_block', 'ipv6_cidr_block', 'ipv6_ipam_pool_id'];

/** Subnet arguments that AWS accepts only when the subnet has an IPv6 CIDR block. */
const IPV6_SUBNET_ARGUMENTS = ['ipv6_cidr_block', 'ipv6_native', 'assign_ipv6_address_on_creation', 'enable_dns64', 'enable_resource_name_dns_aaaa_record_on_launch'];

/** The arguments above whose values are strings; the others are bools. */
const STRING_ARGUMENTS = new Set(['ipv6_cidr_block', 'ipv6_ipam_pool_id']);

export function buildNetwork(resources: readonly ResourceInstance[]): Network {
  const vpcResources = new Set(resources.filter(isVpc));
  const vpcResourceOf = (value: Value | undefined, seen: ReadonlySet<ResourceInstance> = new Set()): ResourceInstance | undefined => {
    const resource = value?.resource;
    if (!resource || vpcResources.has(resource)) return resource;
    return seen.has(resource) ? undefined : vpcResourceOf(resource.attribute('vpc_id'), new Set([...seen, resource]));
  };
  const associations = resources.filter((resource) => resource.mode === 'managed' && resource.type === IPV6_ASSOCIATION);
  const untraced = associations.filter((association) => {
    const target = association.attribute('vpc_id');
    return target?.kind !== 'string' && vpcResourceOf(target) === undefined;
  });
  const byResource = new Map<ResourceInstance, Vpc>();
  for (const resource of vpcResources) {
    const targeting = associations.filter((association) => vpcResourceOf(association.attribute('vpc_id')) === resource);
    const mayTarget = untraced.filter((association) => association.module.root === resource.module.root);
    byResource.set(resource, { resource, ipv6: vpcIpv6(resource, targeting, mayTarget) });
  }
  const vpcOf = (value: Value | undefined) => {
    const resource = vpcResourceOf(value);
    return resource && byResource.get(resource);
  };
  const subnets = resources
    .filter((resource) => resource.mode === 'managed' && resource.type === 'aws_subnet')
    .map((resource): Subnet => ({ resource, vpc: vpcOf(resource.attribute('vpc_id')), ipv6Settings: ipv6Settings(resource) }));
  return { vpcs: [...byResource.values()], subnets, vpcOf };
}

function isVpc(resource: ResourceInstance): boolean {
  return resource.type === VPC || (resource.mode === 'managed' && resource.type === DEFAULT_VPC);
}

function vpcIpv6(vpc: ResourceInstance, targeting: ResourceInstance[], mayTarget: ResourceInstance[]): Ipv6Cidr {
  const association = targeting.find((candidate) => !candidate.expansion);
  if (association) return { state: 'assigned', at: nameOf(association) };
  const [maybe] = targeting;
  if (maybe?.expansion) return { state: 'unknown', reason: `whether ${maybe.address} exists is unknown: ${maybe.expansion.reason}` };
  if (vpc.mode === 'data') return { state: 'unknown', reason: `${vpc.address} is read from AWS when Terraform runs` };
  const configured = configuredIpv6(vpc);
  const [other] = mayTarget;
  if (configured.state !== 'absent' || !other) return configured;
  return { state: 'unknown', reason: `${other.address} may give ${vpc.address} an IPv6 CIDR block: its vpc_id cannot be resolved` };
}

function configuredIpv6(vpc: ResourceInstance): Ipv6Cidr {
  let off: Location | undefined;
  for (const argument of VPC_IPV6_ARGUMENTS) {
    const value = vpc.attribute(argument);
    if (!value) continue;
    const on = value.kind === 'unknown' ? value : isOn(argument, value);
    if (typeof on !== 'boolean') return { state: 'unknown', reason: `${vpc.address}.${argument} cannot be determined: ${on.reason}` };
    if (on) return { state: 'assigned', at: value.origin ?? nameOf(vpc) };
    off ??= value.origin;
  }
  return { state: 'absent', at: off ?? nameOf(vpc) };
}

/** Whether an argument turns IPv6 on (a true bool, a non-empty string), or why that cannot be known. */
function isOn(argument: string, value: KnownValue): boolean | UnknownValue {
  if (STRING_ARGUMENTS.has(argument)) return value.kind === 'string' && value.value !== '';
  const bool = toBool(value);
  return bool.kind === 'unknown' ? bool : bool.kind === 'bool' && bool.value;
}

function ipv6Settings(subnet: ResourceInstance): Ipv6Setting[] {
  return IPV6_SUBNET_ARGUMENTS.flatMap((argument) => {
    const value = subnet.attribute(argument);
    if (!value) return [];
    if (value.kind !== 'unknown') return isOn(argument, value) === true ? [{ argument, at: value.origin, via: value.via }] : [];
    const computed = computedCidr(subnet, attribute(subnet.block.body, argument)!.value);
    return computed ? [{ argument, at: { path: subnet.path, range: computed.range }, via: [] }] : [];
  });
}

/**
 * `cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)`, possibly as `"${…}"` or behind conditionals whose
 * conditions are known: its value is only known after apply, but it is certainly a CIDR block, never null.
 */
function computedCidr(resource: ResourceInstance, expression: Expression): Expression | undefined {
  if (expression.type === 'parentheses') return computedCidr(resource, expression.expression);
  const [only, ...rest] = expression.type === 'template' ? expression.parts : [];
  if (only?.type === 'interpolation' && rest.length === 0) return computedCidr(resource, only.expression);
  if (expression.type === 'call') return expression.name === 'cidrsubnet' ? expression : undefined;
  if (expression.type !== 'conditional') return undefined;
  const condition = toBool(resource.evaluate(expression.condition));
  if (condition.kind !== 'bool') return undefined;
  return computedCidr(resource, condition.value ? expression.whenTrue : expression.whenFalse);
}

/** Where a resource is named: its second label, as in `resource "aws_vpc" "main"`. */
function nameOf(resource: ResourceInstance): Location {
  const block = resource.block;
  return { path: resource.path, range: (block.labels[1] ?? block.labels[0] ?? block).range };
}

/** Each VPC as a network fact for every language's rules: whether it has IPv6 and where that is decided. */
export function networkDecisions(network: Network): NetworkDecision[] {
  return network.vpcs.map(({ resource, ipv6 }) => {
    const name = resource.address;
    if (ipv6.state === 'unknown') return { name, ipv6: 'unknown', at: nameOf(resource), reason: ipv6.reason };
    return { name, ipv6: ipv6.state === 'assigned' ? 'on' : 'off', at: ipv6.at };
  });
}

/**
 * The IP family of each managed Kubernetes cluster, which decides what its Services may ask for:
 * EKS `kubernetes_network_config.ip_family` (`ipv4` by default, or `ipv6`), GKE
 * `ip_allocation_policy.stack_type` (`IPV4` by default, or `IPV4_IPV6`), AKS
 * `network_profile.ip_versions` (`["IPv4"]` by default, or with `IPv6`).
 */
export function clusterDecisions(resources: readonly ResourceInstance[]): NetworkDecision[] {
  return resources.flatMap((resource): NetworkDecision[] => {
    const setting = resource.mode === 'managed' ? CLUSTER_SETTINGS[resource.type] : undefined;
    if (!setting) return [];
    const [block] = resource.blocks(setting.block);
    const value = block?.attribute(setting.argument);
    const decision = { name: resource.address, level: 'cluster' } as const;
    if (!value || value.kind === 'null') return [{ ...decision, ipv6: 'off', at: block ? nameLocation(block) : nameOf(resource) }];
    if (value.kind === 'unknown') return [{ ...decision, ipv6: 'unknown', at: nameOf(resource), reason: `${resource.address} ${setting.block}.${setting.argument} cannot be determined: ${value.reason}` }];
    return [{ ...decision, ipv6: setting.hasIpv6(value) ? 'on' : 'off', at: value.origin }];
  });
}

interface ClusterSetting {
  readonly block: string;
  readonly argument: string;
  hasIpv6(value: KnownValue): boolean;
}

const CLUSTER_SETTINGS: Readonly<Record<string, ClusterSetting>> = {
  aws_eks_cluster: { block: 'kubernetes_network_config', argument: 'ip_family', hasIpv6: (value) => value.kind === 'string' && value.value.toLowerCase() === 'ipv6' },
  google_container_cluster: { block: 'ip_allocation_policy', argument: 'stack_type', hasIpv6: (value) => value.kind === 'string' && value.value.toUpperCase() === 'IPV4_IPV6' },
  azurerm_kubernetes_cluster: {
    block: 'network_profile',
    argument: 'ip_versions',
    hasIpv6: (value) => value.kind === 'list' && value.items.some((item) => item.kind === 'string' && item.value.toLowerCase() === 'ipv6'),
  },
} satisfies Record<(typeof CLUSTER_TYPES)[number], ClusterSetting>;

