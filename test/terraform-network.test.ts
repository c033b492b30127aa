import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Ipv6Cidr, Network } from '../src/languages/terraform/model/network.js';
import { at, modelOf, resourceAt } from './helpers/terraform.js';

/** Each VPC's address and IPv6 state: `assigned@file:line:col`, `absent@…`, or the unknown's reason. */
function vpcStates(network: Network): Record<string, string> {
  return Object.fromEntries(network.vpcs.map((vpc) => [vpc.resource.address, describe(vpc.ipv6)]));
}

function describe(ipv6: Ipv6Cidr): string {
  return ipv6.state === 'unknown' ? `unknown: ${ipv6.reason}` : `${ipv6.state}@${at(ipv6.at)}`;
}

test('a VPC has IPv6 when it asks for a generated block, an IPAM pool or an association targets it', async () => {
  const { network } = await modelOf({
    'main.tf': [
      'resource "aws_vpc" "generated" {',
      '  assign_generated_ipv6_cidr_block = true',
      '}',
      'resource "aws_vpc" "pool" {',
      '  ipv6_ipam_pool_id = "ipam-pool-0abc"',
      '}',
      'resource "aws_vpc" "associated" {}',
      'resource "aws_vpc_ipv6_cidr_block_association" "extra" {',
      '  vpc_id = aws_vpc.associated.id',
      '}',
      'resource "aws_vpc" "plain" {',
      '  assign_generated_ipv6_cidr_block = var.ipv6',
      '}',
      'variable "ipv6" {',
      '  default = false',
      '}',
      'resource "aws_vpc" "unset" {}',
      '',
    ].join('\n'),
  });
  assert.equal(vpcStates(network), {
    'aws_vpc.generated': 'assigned@main.tf:2:38',
    'aws_vpc.pool': 'assigned@main.tf:5:23',
    'aws_vpc.associated': 'assigned@main.tf:8:48',
    'aws_vpc.plain': 'absent@main.tf:15:13',
    'aws_vpc.unset': 'absent@main.tf:17:20',
  });
});

test('IPv6 is unknown when a setting cannot be resolved, for data sources, and when an association may exist or may target the VPC', async () => {
  const { network } = await modelOf({
    'main.tf': [
      'variable "ipv6" {}',
      'variable "other_vpc" {}',
      'resource "aws_vpc" "main" {',
      '  assign_generated_ipv6_cidr_block = var.ipv6',
      '}',
      'data "aws_vpc" "shared" {',
      '  default = true',
      '}',
      'resource "aws_vpc" "counted" {}',
      'resource "aws_vpc_ipv6_cidr_block_association" "counted" {',
      '  count  = var.ipv6 ? 1 : 0',
      '  vpc_id = aws_vpc.counted.id',
      '}',
      '',
    ].join('\n'),
    'net/main.tf': 'resource "aws_vpc" "other" {}\nresource "aws_vpc_ipv6_cidr_block_association" "somewhere" {\n  vpc_id = var.vpc_id\n}\nvariable "vpc_id" {}\n',
  });
  const states = vpcStates(network);
  assert.match(states['aws_vpc.main']!, /^unknown: aws_vpc.main.assign_generated_ipv6_cidr_block cannot be determined: var.ipv6 has no default/);
  assert.is(states['data.aws_vpc.shared'], 'unknown: data.aws_vpc.shared is read from AWS when Terraform runs');
  assert.match(states['aws_vpc.counted']!, /^unknown: whether aws_vpc_ipv6_cidr_block_association.counted\[\?\] exists is unknown: var.ipv6 has no default/);
  assert.is(states['aws_vpc.other'], 'unknown: aws_vpc_ipv6_cidr_block_association.somewhere may give aws_vpc.other an IPv6 CIDR block: its vpc_id cannot be resolved');
});

test('a subnet finds its VPC through module outputs and arguments; load balancer subnets lead to it too', async () => {
  const model = await modelOf({
    'main.tf': [
      'module "network" {',
      '  source = "./network"',
      '}',
      'module "app" {',
      '  source = "./app"',
      '  vpc_id = module.network.vpc_id',
      '}',
      'resource "aws_lb" "api" {',
      '  subnets = module.app.subnet_ids',
      '}',
      '',
    ].join('\n'),
    'network/main.tf': 'resource "aws_vpc" "this" {\n  count = 1\n}\noutput "vpc_id" {\n  value = aws_vpc.this[0].id\n}\n',
    'app/main.tf': 'variable "vpc_id" {}\nresource "aws_subnet" "a" {\n  for_each = toset(["a", "b"])\n  vpc_id = var.vpc_id\n}\noutput "subnet_ids" {\n  value = [for subnet in aws_subnet.a : subnet.id]\n}\n',
  });
  const { network } = model;
  const vpc = network.vpcs[0]!;
  assert.is(vpc.resource.address, 'module.network.aws_vpc.this[0]');
  assert.equal(network.subnets.map((subnet) => [subnet.resource.address, subnet.vpc?.resource.address]), [
    ['module.app.aws_subnet.a["a"]', 'module.network.aws_vpc.this[0]'],
    ['module.app.aws_subnet.a["b"]', 'module.network.aws_vpc.this[0]'],
  ]);
  const subnets = resourceAt(model, 'aws_lb.api').attribute('subnets')!;
  assert.ok(subnets.kind === 'list' && subnets.items.every((item) => network.vpcOf(item) === vpc));
});

test('a subnet lists the IPv6 settings it certainly turns on, a cidrsubnet() of an unknown block among them', async () => {
  const model = await modelOf({
    'main.tf': [
      'variable "enable_ipv6" {',
      '  default = true',
      '}',
      'variable "dns64" {}',
      'resource "aws_vpc" "main" {}',
      'resource "aws_subnet" "a" {',
      '  vpc_id                          = aws_vpc.main.id',
      '  ipv6_cidr_block                 = var.enable_ipv6 ? cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1) : null',
      '  assign_ipv6_address_on_creation = var.enable_ipv6',
      '  enable_dns64                    = var.dns64',
      '  ipv6_native                     = false',
      '}',
      'resource "aws_subnet" "b" {',
      '  vpc_id          = aws_vpc.main.id',
      '  ipv6_cidr_block = var.enable_ipv6 ? "${cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 2)}" : null',
      '}',
      '',
    ].join('\n'),
  });
  const [a, b] = model.network.subnets.map((subnet) => subnet.ipv6Settings.map((setting) => `${setting.argument}@${at(setting.at)}`));
  assert.equal(a, ['ipv6_cidr_block@main.tf:8:55', 'assign_ipv6_address_on_creation@main.tf:2:13']);
  assert.equal(b, ['ipv6_cidr_block@main.tf:15:42']);
});

test.run();
