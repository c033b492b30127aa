import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig } from '../src/config/config.js';
import { loadConfig } from '../src/config/load.js';
import type { Finding } from '../src/types.js';
import { allRules } from '../rules/index.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { at, loadWorkspace, plain, resourceAt, writeTree } from './helpers/terraform.js';

const RULE_IDS = new Set(allRules.map((rule) => rule.id));

async function residencyFindings(files: Record<string, string>): Promise<Finding[]> {
  const result = await scanDirectory(writeTree(files));
  return result.findings.filter((finding) => finding.ruleId.startsWith('RES'));
}

function where(finding: Finding): string {
  return `${finding.ruleId} ${at(finding.location)}`;
}

const REGION_MODULE = 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_s3_bucket" "this" {}\n';

test('the singapore profile allows the Singapore region of each cloud and approves no transfer', () => {
  assert.equal(defaultConfig().settings.residency, {
    allowedRegions: { aws: ['ap-southeast-1'], azure: ['southeastasia'], gcp: ['asia-southeast1'], alibaba: ['ap-southeast-1'], oracle: ['ap-singapore-1', 'ap-singapore-2'] },
    approvedTransfers: [],
  });
});

test('allowed regions given for a cloud replace its default; other clouds keep theirs', async () => {
  const root = writeTree({ '.merlint.yaml': 'residency:\n  allowedRegions:\n    aws: [ap-southeast-1, ap-southeast-5]\n' });
  const { residency } = (await loadConfig(join(root, '.merlint.yaml'), RULE_IDS)).settings;
  assert.equal(residency.allowedRegions.aws, ['ap-southeast-1', 'ap-southeast-5']);
  assert.equal(residency.allowedRegions.azure, ['southeastasia']);
});

test('an approved transfer needs a basis from the PDP Regulations list; the error names the key and line', async () => {
  const cases: [string, string][] = [
    ['residency:\n  approvedTransfers:\n    - cloud: aws\n      region: ap-northeast-1\n', ':3:7: residency.approvedTransfers.0 must have required property \'basis\''],
    ['residency:\n  approvedTransfers:\n    - cloud: aws\n      region: ap-northeast-1\n      basis: handshake\n', ':5:14: residency.approvedTransfers.0.basis must be one of "contract", "binding-corporate-rules", "consent", "certification", "other"'],
    ['residency:\n  allowedRegions:\n    ibm: [jp-tok]\n', ':3:5: unknown key ibm in residency.allowedRegions'],
  ];
  for (const [text, message] of cases) {
    const root = writeTree({ '.merlint.yaml': text });
    try {
      await loadConfig(join(root, '.merlint.yaml'), RULE_IDS);
      assert.unreachable(`refused: ${text}`);
    } catch (error) {
      assert.match((error as Error).message, message);
    }
  }
});

test('a region written once and used by two module instances is one finding, at the tfvars line, relating every use', async () => {
  const findings = await residencyFindings({
    'modules/region/main.tf': REGION_MODULE,
    'main.tf': 'variable "dr" {}\nmodule "a" {\n  source = "./modules/region"\n  region = var.dr\n}\nmodule "b" {\n  source = "./modules/region"\n  region = var.dr\n}\n',
    'terraform.tfvars': 'dr = "ap-northeast-1"\n',
  });
  assert.equal(findings.map(where), ['RES001 terraform.tfvars:1:6']);
  assert.match(findings[0]!.message, 'region ap-northeast-1 (Tokyo) of provider "aws" of module.a and provider "aws" of module.b is outside the allowed AWS regions (ap-southeast-1, Singapore)');
  assert.equal(findings[0]!.related.map(at), ['main.tf:4:12', 'modules/region/main.tf:3:12', 'main.tf:2:8', 'main.tf:8:12', 'main.tf:6:8']);
});

test('the region-flow workspace: the finding is where the region is written, and relates the places it passes through', async () => {
  const result = await scanDirectory(repoPath('test', 'workspaces', 'region-flow'));
  const [finding] = result.findings;
  assert.equal(result.findings.map(where), ['RES001 terraform.tfvars:2:13']);
  assert.equal(finding!.related.map((related) => `${at(related)} ${related.message}`), [
    'locals.tf:2:15 the region is passed on here',
    'main.tf:11:12 the region is passed on here',
    'modules/region/main.tf:6:12 the region of provider "aws" of module.dr',
    'main.tf:9:8 this module call creates provider "aws"',
  ]);
});

test('an approved destination is quiet for RES001 and RES002, and findings elsewhere echo its basis', async () => {
  const findings = await residencyFindings({
    '.merlint.yaml': 'residency:\n  approvedTransfers:\n    - cloud: aws\n      region: ap-northeast-1\n      basis: contract\n      reference: DPA with AWS Japan, 2025-03\n',
    'main.tf': [
      'provider "aws" {\n  region = "ap-southeast-1"\n}',
      'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  replica {\n    region_name = "ap-northeast-1"\n  }\n  replica {\n    region_name = "us-east-1"\n  }\n}',
    ].join('\n'),
  });
  assert.equal(findings.map(where), ['RES002 main.tf:10:19']);
  assert.match(findings[0]!.message, 'to us-east-1 (N. Virginia), outside the allowed AWS regions (ap-southeast-1, Singapore) and the approved transfers (approved for AWS: ap-northeast-1 (Tokyo) on the basis of contract, DPA with AWS Japan, 2025-03)');
});

test('a code approved on one cloud is not approved on another, where it is another place', async () => {
  const findings = await residencyFindings({
    '.merlint.yaml': 'residency:\n  approvedTransfers:\n    - cloud: alibaba\n      region: ap-southeast-3\n      basis: certification\n',
    'main.tf': 'provider "alicloud" {\n  region = "ap-southeast-3"\n}\nprovider "aws" {\n  region = "ap-southeast-3"\n}\n',
  });
  assert.equal(findings.map(where), ['RES001 main.tf:5:12']);
  assert.match(findings[0]!.message, 'region ap-southeast-3 (Jakarta) of provider "aws"');
  assert.match(findings[0]!.message, 'ap-southeast-3 is approved on Alibaba Cloud (ap-southeast-3 (Kuala Lumpur) on the basis of certification), which is another place than ap-southeast-3 on AWS');
});

test('a replica made inside a module is reported where the root module names its source', async () => {
  const findings = await residencyFindings({
    'modules/replica/main.tf': 'variable "primary_key_arn" {}\nresource "aws_kms_replica_key" "this" {\n  primary_key_arn = var.primary_key_arn\n}\n',
    'main.tf': [
      'provider "aws" {\n  region = "ap-southeast-1"\n}',
      'provider "aws" {\n  alias = "london"\n  region = "eu-west-2" # RES001\n}',
      'resource "aws_kms_key" "payments" {}',
      'module "replica" {\n  source = "./modules/replica"\n  providers = { aws = aws.london }\n  primary_key_arn = aws_kms_key.payments.arn\n}',
    ].join('\n'),
  });
  assert.equal(findings.map(where), ['RES001 main.tf:6:12', 'RES002 main.tf:12:21']);
  assert.match(findings[1]!.message, 'module.replica.aws_kms_replica_key.this (a KMS replica key) copies data from ap-southeast-1 (Singapore) to eu-west-2 (London)');
});

test('Azure display names and GCP dual-regions are read as the cloud means them', async () => {
  const findings = await residencyFindings({
    '.merlint.yaml': 'residency:\n  allowedRegions:\n    azure: ["Southeast Asia"]\n    gcp: [asia-southeast1, asia-northeast1, asia-northeast2]\n',
    'main.tf': [
      'resource "azurerm_resource_group" "a" {\n  name = "a"\n  location = "southeastasia"\n}',
      'resource "google_storage_bucket" "tokyo_osaka" {\n  name = "b"\n  location = "ASIA1"\n}',
      'resource "google_storage_bucket" "eu" {\n  name = "c"\n  location = "EUR4"\n}',
    ].join('\n'),
  });
  assert.equal(findings.map(where), ['RES002 main.tf:11:14']);
  assert.match(findings[0]!.message, 'google_storage_bucket.eu (a dual-region location) keeps copies in EUR4 (dual-region: Finland and the Netherlands)');
  assert.match(findings[0]!.message, '(cloud gcp, region EUR4)');
});

test('Firestore in eur3 keeps full copies in Finland too: approving Belgium and the Netherlands alone is not enough', async () => {
  const database = (name: string, location: string) =>
    `resource "google_firestore_database" "${name}" {\n  name = "${name}"\n  location_id = "${location}"\n  type = "FIRESTORE_NATIVE"\n}`;
  const findings = await residencyFindings({
    '.merlint.yaml': 'residency:\n  allowedRegions:\n    gcp: [europe-west1, europe-west4]\n',
    'main.tf': database('eu', 'eur3'),
  });
  assert.equal(findings.map(where), ['RES002 main.tf:3:17']);
  assert.match(findings[0]!.message, 'Finland');
  const approved = await residencyFindings({
    '.merlint.yaml': 'residency:\n  allowedRegions:\n    gcp: [europe-west1, europe-west4, europe-north1]\n',
    'main.tf': database('eu', 'eur3'),
  });
  assert.equal(approved.map(where), []);
});

test('the Malaysian regions across the causeway are named, and a code merlint does not know is said to be one', async () => {
  const findings = await residencyFindings({
    'main.tf': [
      'provider "alicloud" {\n  region = "ap-southeast-8"\n}',
      'provider "oci" {\n  region = "ap-kulai-2"\n}',
      'provider "aws" {\n  region = "ap-southeast-9"\n}',
      'resource "alicloud_oss_bucket" "a" {}\nresource "oci_objectstorage_bucket" "b" {}\nresource "aws_s3_bucket" "c" {}\n',
    ].join('\n'),
  });
  assert.equal(findings.map(where), ['RES001 main.tf:2:12', 'RES001 main.tf:5:12', 'RES001 main.tf:8:12']);
  assert.match(findings[0]!.message, 'region ap-southeast-8 (Johor) of provider "alicloud"');
  assert.match(findings[1]!.message, 'region ap-kulai-2 (Kulai) of provider "oci"');
  assert.match(findings[2]!.message, 'region ap-southeast-9 (a code merlint does not know on AWS) of provider "aws"');
});

test('an unknown region is a note naming why, never RES001; its uses are related', async () => {
  const findings = await residencyFindings({ 'main.tf': 'variable "location" {}\nresource "azurerm_resource_group" "a" {\n  location = var.location\n}\nresource "azurerm_storage_account" "s" {\n  location = azurerm_resource_group.a.location\n  account_replication_type = "GRS"\n}\n' });
  assert.equal(findings.map(where), ['RES003 main.tf:1:10']);
  assert.match(findings[0]!.message, 'merlint cannot statically determine the location of azurerm_resource_group.a, the location of azurerm_storage_account.s and where azurerm_storage_account.s (GRS geo-redundant storage) copies data: var.location has no default');
  assert.equal(findings[0]!.level, 'note');
});

test('a replica source that is empty or not an ARN copies nothing across regions, even where the region is unknown', async () => {
  const findings = await residencyFindings({
    'main.tf': [
      'variable "region" {}\nprovider "aws" {\n  region = var.region\n}',
      'resource "aws_rds_cluster" "ledger" {\n  replication_source_identifier = ""\n}',
      'resource "aws_db_instance" "reports" {\n  replicate_source_db = "ledger-primary"\n}\n',
    ].join('\n'),
  });
  assert.equal(findings.map(where), ['RES003 main.tf:1:10']);
  assert.not.match(findings[0]!.message, 'copies data');
});

test('the regions in use: per cloud, with where each is written', async () => {
  const { terraform } = await loadWorkspace(repoPath('test', 'workspaces', 'region-flow'));
  const known = terraform.regions.uses.flatMap(({ cloud, region }) => (region.kind === 'string' ? [`${cloud} ${region.value} ${at(region.origin)}`] : []));
  assert.equal(known, ['aws ap-southeast-1 main.tf:2:12', 'aws ap-northeast-1 terraform.tfvars:2:13']);
  assert.equal(plain(terraform.regions.of(resourceAt(terraform, 'module.dr.aws_s3_bucket.replica'))!.region), 'ap-northeast-1');
});

test('transfers: an ARN written as a template with an account known only after apply still gives its region, from where it is written', async () => {
  const { terraform } = await loadWorkspace(
    writeTree({
      'main.tf': 'variable "dr" {}\ndata "aws_caller_identity" "me" {}\nresource "aws_backup_plan" "p" {\n  rule {\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:${var.dr}:${data.aws_caller_identity.me.account_id}:backup-vault:dr"\n    }\n  }\n}\n',
      'terraform.tfvars': 'dr = "ap-south-1"\n',
    }),
  );
  const [copy] = terraform.transfers;
  assert.equal(plain(copy!.destination), 'ap-south-1');
  assert.is(at(copy!.site), 'terraform.tfvars:1:6');
  assert.is(copy!.mechanism, 'an AWS Backup copy action');
});

test.run();
