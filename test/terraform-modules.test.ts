import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Value } from '../src/languages/terraform/model/value.js';
import { at, documentAt, loadWorkspace, modelOf, plain, providerAt, resourceAt, rootOf, writeTree } from './helpers/terraform.js';

function reason(value: Value | undefined): string {
  assert.is(value?.kind, 'unknown', `expected an unknown, got ${JSON.stringify(plain(value))}`);
  return (value as { reason: string }).reason;
}

const REGION_MODULE = {
  'modules/region/main.tf': [
    'variable "region" {\n  type = string\n}',
    'variable "name" {\n  default = "logs"\n}',
    'resource "aws_s3_bucket" "this" {\n  bucket = "${var.name}-${var.region}"\n}',
    'output "bucket" {\n  value = aws_s3_bucket.this.bucket\n}',
    'output "arn" {\n  value = aws_s3_bucket.this.arn\n}',
  ].join('\n'),
};

test('local modules are evaluated with their arguments; called directories are not roots', async () => {
  const model = await modelOf({
    ...REGION_MODULE,
    'main.tf': 'module "sg" {\n  source = "./modules/region"\n  region = "ap-southeast-1"\n}\nlocals {\n  bucket = module.sg.bucket\n  arn = module.sg.arn\n  all = module.sg\n}\n',
  });
  assert.equal(model.roots.map((root) => root.directory), ['.']);
  assert.equal(model.modules.map((module) => module.address), ['', 'module.sg']);
  const root = rootOf(model);
  assert.equal(plain(root.local('bucket')), 'logs-ap-southeast-1');
  assert.is(reason(root.local('arn')), 'module.sg.aws_s3_bucket.this.arn is only known after apply');
  assert.is(root.local('arn').resource?.address, 'module.sg.aws_s3_bucket.this', 'an attribute known after apply still names its resource');
  assert.equal(Object.keys(plain(root.local('all')) as object), ['arn', 'bucket']);
  assert.equal(plain(resourceAt(model, 'module.sg.aws_s3_bucket.this').attribute('bucket')), 'logs-ap-southeast-1');
});

test('a template that wraps an unknown attribute is a new string, not the attribute of that resource', async () => {
  const model = await modelOf({
    'main.tf': 'data "aws_caller_identity" "current" {}\nresource "aws_s3_bucket" "b" {}\nlocals {\n  vault = "arn:aws:backup:ap-southeast-1:${data.aws_caller_identity.current.account_id}:backup-vault:dr"\n  arn = "${aws_s3_bucket.b.arn}"\n}\n',
  });
  const root = rootOf(model);
  assert.match(reason(root.local('vault')), 'data.aws_caller_identity.current.account_id is only known once Terraform reads the data source');
  assert.is(root.local('vault').resource, undefined);
  assert.is(root.local('arn').resource?.address, 'aws_s3_bucket.b', 'a lone interpolation is the attribute itself');
});

test('a module argument missing for a variable without a default is an error; an undeclared output too', async () => {
  const model = await modelOf({ ...REGION_MODULE, 'main.tf': 'module "sg" {\n  source = "./modules/region"\n}\nlocals {\n  x = module.sg.nothing\n}\n' });
  assert.is(reason(model.modules[1]!.variable('region')), 'module.sg does not set region, and var.region has no default');
  assert.is(reason(rootOf(model).local('x')), 'module.sg has no output "nothing"');
});

test('count and for_each on modules and resources expand where the collection is known', async () => {
  const model = await modelOf({
    ...REGION_MODULE,
    'main.tf': [
      'variable "regions" {\n  default = { primary = "ap-southeast-1", dr = "ap-southeast-3" }\n}',
      'module "r" {\n  source = "./modules/region"\n  for_each = var.regions\n  region = each.value\n  name = each.key\n}',
      'resource "aws_s3_bucket" "n" {\n  count = 2\n  bucket = "n${count.index}"\n}',
      'resource "aws_s3_bucket" "s" {\n  for_each = toset(["b", "a"])\n  bucket = each.value\n}',
      'locals {\n  names = aws_s3_bucket.n[*].bucket\n  dr = module.r["dr"].bucket\n  one = aws_s3_bucket.s["a"].bucket\n}',
    ].join('\n'),
  });
  assert.equal(model.resources.map((resource) => resource.address), [
    'aws_s3_bucket.n[0]',
    'aws_s3_bucket.n[1]',
    'aws_s3_bucket.s["a"]',
    'aws_s3_bucket.s["b"]',
    'module.r["dr"].aws_s3_bucket.this',
    'module.r["primary"].aws_s3_bucket.this',
  ]);
  const root = rootOf(model);
  assert.equal(plain(root.local('names')), ['n0', 'n1']);
  assert.equal(plain(root.local('dr')), 'dr-ap-southeast-3');
  assert.equal(plain(root.local('one')), 'a');
  const dr = model.modules.find((module) => module.address === 'module.r["dr"]')!.variable('region');
  assert.is(at(dr.origin), 'main.tf:2:48', 'each.value keeps the origin of the map element');
  assert.equal(dr.via.map(at), ['main.tf:6:14'], 'and has travelled through the for_each reference');
});

test('an unknown count or for_each gives one instance that stands for all, with the reason', async () => {
  const model = await modelOf({
    'main.tf': 'variable "n" {}\nresource "aws_s3_bucket" "b" {\n  count = var.n\n  bucket = "b-${count.index}"\n  acl = "private"\n}\nresource "aws_s3_bucket" "l" {\n  for_each = ["a"]\n}\n',
  });
  const counted = resourceAt(model, 'aws_s3_bucket.b[?]');
  assert.match(counted.expansion!.reason, 'var.n has no default');
  assert.match(reason(counted.attribute('bucket')), 'var.n has no default');
  assert.equal(plain(counted.attribute('acl')), 'private');
  assert.match(resourceAt(model, 'aws_s3_bucket.l[?]').expansion!.reason, 'for_each needs a map or a set of strings');
});

test('all instances of an unknown count, named without a key, are unknown but still name the resource that stands for them', async () => {
  const model = await modelOf({
    'main.tf': 'variable "n" {}\nresource "aws_subnet" "public" {\n  count = var.n\n}\nlocals {\n  ids = aws_subnet.public[*].id\n  each = [for subnet in aws_subnet.public : subnet.id]\n}\n',
  });
  const root = rootOf(model);
  for (const name of ['ids', 'each']) {
    assert.match(reason(root.local(name)), 'var.n has no default');
    assert.is(root.local(name).resource, resourceAt(model, 'aws_subnet.public[?]'));
  }
});

test('a count that refers to its own resource is unknown, not a loop', async () => {
  const model = await modelOf({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  count = length(aws_s3_bucket.b)\n}\n' });
  assert.is(resourceAt(model, 'aws_s3_bucket.b[?]').expansion!.reason, 'the count or for_each of aws_s3_bucket.b refers to aws_s3_bucket.b itself');
});

test('modules nested deeper than the limit are not expanded', async () => {
  const files: Record<string, string> = { 'main.tf': 'module "m" {\n  source = "./m1"\n}\n' };
  for (let depth = 1; depth <= 20; depth++) files[`${Array.from({ length: depth }, (_, index) => `m${index + 1}`).join('/')}/main.tf`] = 'module "m" {\n  source = "./m' + (depth + 1) + '"\n}\n';
  const model = await modelOf(files);
  assert.is(model.modules.length, 16);
  assert.match(model.notes[0]!.message, 'modules nested more than 16 deep are not expanded');
});

test('provider configurations: aliases, the default by type prefix, and regions', async () => {
  const model = await modelOf({
    'main.tf': [
      'provider "aws" {\n  region = "ap-southeast-1"\n}',
      'provider "aws" {\n  alias = "tokyo"\n  region = "ap-northeast-1"\n}',
      'provider "aws" {\n  alias = "unset"\n}',
      'provider "aws" {\n  alias = "nulled"\n  region = null\n}',
      'provider "azurerm" {\n  features {}\n}',
      'provider "google" {\n  zone = "asia-southeast1-b"\n}',
      'resource "aws_s3_bucket" "sg" {}',
      'resource "aws_s3_bucket" "tokyo" {\n  provider = aws.tokyo\n}',
      'resource "aws_s3_bucket" "unset" {\n  provider = aws.unset\n}',
      'resource "aws_s3_bucket" "missing" {\n  provider = aws.osaka\n}',
      'resource "aws_s3_bucket" "nulled" {\n  provider = aws.nulled\n}',
      'resource "azurerm_resource_group" "rg" {\n  location = "southeastasia"\n}',
      'resource "google_storage_bucket" "b" {}',
      'resource "random_id" "r" {}',
    ].join('\n'),
  });
  const region = (address: string) => resourceAt(model, address).provider.region;
  assert.equal(plain(region('aws_s3_bucket.sg')), 'ap-southeast-1');
  assert.equal(plain(region('aws_s3_bucket.tokyo')), 'ap-northeast-1');
  assert.is(resourceAt(model, 'aws_s3_bucket.tokyo').provider.address, 'provider.aws.tokyo');
  assert.is(reason(region('aws_s3_bucket.unset')), 'provider "aws.unset" sets no region, so it comes from AWS_REGION (or the AWS profile) at run time');
  assert.is(reason(region('aws_s3_bucket.missing')), 'there is no provider "aws" configuration with alias "osaka" for the root module');
  assert.is(reason(region('aws_s3_bucket.nulled')), 'the region of provider "aws.nulled" is null, so it comes from AWS_REGION (or the AWS profile) at run time');
  assert.is(at(region('aws_s3_bucket.nulled')!.origin), 'main.tf:13:12');
  assert.is(region('azurerm_resource_group.rg'), undefined, 'azurerm has no provider region: resources carry location');
  assert.equal(plain(region('google_storage_bucket.b')), 'asia-southeast1');
  assert.is(region('random_id.r'), undefined);
});

test('without a provider block the region comes from the environment at run time', async () => {
  const model = await modelOf({ 'main.tf': 'resource "aws_s3_bucket" "b" {}\n' });
  assert.is(reason(resourceAt(model, 'aws_s3_bucket.b').provider.region), 'no provider "aws" block configures the root module, so the region comes from AWS_REGION (or the AWS profile) at run time');
});

test('default providers are inherited by modules; `providers` maps them explicitly', async () => {
  const model = await modelOf({
    'modules/bucket/main.tf': 'resource "aws_s3_bucket" "b" {}\nresource "aws_s3_bucket" "replica" {\n  provider = aws.replica\n}\n',
    'main.tf': [
      'provider "aws" {\n  region = "ap-southeast-1"\n}',
      'provider "aws" {\n  alias = "tokyo"\n  region = "ap-northeast-1"\n}',
      'module "inherits" {\n  source = "./modules/bucket"\n}',
      'module "mapped" {\n  source = "./modules/bucket"\n  providers = {\n    aws = aws.tokyo\n    aws.replica = aws\n  }\n}',
      'module "partial" {\n  source = "./modules/bucket"\n  providers = {\n    aws.replica = aws.tokyo\n  }\n}',
    ].join('\n'),
  });
  const provider = (address: string) => resourceAt(model, address).provider;
  assert.is(provider('module.inherits.aws_s3_bucket.b').address, 'provider.aws');
  assert.is(reason(provider('module.inherits.aws_s3_bucket.replica').region), 'there is no provider "aws" configuration with alias "replica" for module.inherits');
  assert.is(provider('module.mapped.aws_s3_bucket.b').address, 'provider.aws.tokyo');
  assert.equal(plain(provider('module.mapped.aws_s3_bucket.b').region), 'ap-northeast-1');
  assert.is(provider('module.mapped.aws_s3_bucket.replica').address, 'provider.aws');
  assert.is(provider('module.partial.aws_s3_bucket.replica').address, 'provider.aws.tokyo');
  assert.is(provider('module.partial.aws_s3_bucket.b').address, 'module.partial.provider.aws', 'a providers map turns inheritance off');
});

test('a provider declared in a module is configured per module instance', async () => {
  const model = await modelOf({
    'modules/region/main.tf': 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {}\n',
    'main.tf': 'module "sg" {\n  source = "./modules/region"\n  region = "ap-southeast-1"\n}\nmodule "dr" {\n  source = "./modules/region"\n  region = "ap-southeast-3"\n}\n',
  });
  assert.equal(model.providers.map((provider) => [provider.address, plain(provider.region)]), [
    ['module.sg.provider.aws', 'ap-southeast-1'],
    ['module.dr.provider.aws', 'ap-southeast-3'],
  ]);
  assert.is(providerAt(model, 'module.dr.provider.aws'), resourceAt(model, 'module.dr.aws_s3_bucket.b').provider);
});

test('remote modules are skipped with a note; module cycles are cut, not followed', async () => {
  const model = await modelOf({
    'main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "a" {\n  source = "./a"\n}\nlocals {\n  id = module.vpc.vpc_id\n}\n',
    'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
    'b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "b" {}\n',
  });
  assert.is(reason(rootOf(model).local('id')), 'module.vpc comes from "terraform-aws-modules/vpc/aws", a remote module merlint does not fetch');
  assert.equal(model.modules.map((module) => module.address), ['', 'module.a', 'module.a.module.b']);
  assert.equal(model.notes.map((note) => `${at(note.location)} ${note.message}`), [
    'main.tf:2:12 remote module "terraform-aws-modules/vpc/aws" is not fetched, so the resources it creates are not checked',
    'b/main.tf:2:12 module cycle . → a → b → a: it is expanded once',
  ]);
});

test('resource references: written attributes are known, nested blocks too, data.aws_region reads its provider', async () => {
  const model = await modelOf({
    'main.tf': [
      'provider "aws" {\n  region = "ap-southeast-1"\n}',
      'data "aws_region" "current" {}',
      'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n  versioning {\n    enabled = true\n  }\n}',
      'locals {\n  name = aws_s3_bucket.b.bucket\n  enabled = aws_s3_bucket.b.versioning[0].enabled\n  region = data.aws_region.current.name\n  missing = aws_s3_bucket.nope.id\n  encoded = jsonencode(aws_s3_bucket.b)\n}',
    ].join('\n'),
  });
  const root = rootOf(model);
  assert.equal(plain(root.local('name')), 'logs');
  assert.equal(plain(root.local('enabled')), true);
  assert.equal(plain(root.local('region')), 'ap-southeast-1');
  assert.is(reason(root.local('missing')), '"aws_s3_bucket.nope" is not declared in the root module');
  assert.is(reason(root.local('encoded')), 'aws_s3_bucket.b has attributes only known after apply', 'a whole resource is not fully known');
});

test('dynamic blocks expand into one block per element, in written order', async () => {
  const model = await modelOf({
    'main.tf': 'resource "aws_dynamodb_table" "t" {\n  replica {\n    region_name = "ap-southeast-1"\n  }\n  dynamic "replica" {\n    for_each = ["ap-northeast-1", "us-east-1"]\n    content {\n      region_name = replica.value\n    }\n  }\n}\n',
  });
  const replicas = resourceAt(model, 'aws_dynamodb_table.t').blocks('replica');
  assert.equal(replicas.map((replica) => plain(replica.attribute('region_name'))), ['ap-southeast-1', 'ap-northeast-1', 'us-east-1']);
  assert.is(at(replicas[2]!.attribute('region_name')!.origin), 'main.tf:6:35');
});

test('the resources and providers declared in a document', async () => {
  const root = writeTree({
    'modules/region/main.tf': 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {}\n',
    'main.tf': 'module "sg" {\n  source = "./modules/region"\n  region = "ap-southeast-1"\n}\nmodule "dr" {\n  source = "./modules/region"\n  region = "ap-southeast-3"\n}\nresource "aws_ecr_repository" "r" {}\n',
  });
  const workspace = await loadWorkspace(root);
  const module = documentAt(workspace, 'modules/region/main.tf');
  assert.equal(workspace.terraform.resourcesIn(module).map((resource) => resource.address), ['module.sg.aws_s3_bucket.b', 'module.dr.aws_s3_bucket.b']);
  assert.equal(workspace.terraform.providersIn(module).map((provider) => provider.address), ['module.sg.provider.aws', 'module.dr.provider.aws']);
  assert.equal(workspace.terraform.resourcesIn(documentAt(workspace, 'main.tf')).map((resource) => resource.address), ['aws_ecr_repository.r']);
});

test.run();
