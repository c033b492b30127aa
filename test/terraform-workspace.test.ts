import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main, type Io } from '../src/cli.js';
import { loadConfig } from '../src/config/load.js';
import type { Value } from '../src/languages/terraform/model/value.js';
import { buildWorkspace } from '../src/languages/index.js';
import { RootReader } from '../src/root-reader.js';
import { EVERY_PART_REQUESTED } from '../src/workspace.js';
import { allRules } from '../rules/index.js';
import { scanDirectory, repoPath } from './helpers/scan.js';
import { at, loadWorkspace, plain, providerAt, resourceAt, writeTree } from './helpers/terraform.js';

const REGION_FLOW = repoPath('test', 'workspaces', 'region-flow');

function span(value: Value): string {
  const { path, range } = value.origin!;
  return `${path}:${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

test('a region flows from terraform.tfvars through a variable, a local and a module argument into a provider', async () => {
  const { terraform } = await loadWorkspace(REGION_FLOW);
  const provider = providerAt(terraform, 'module.dr.provider.aws');
  const region = provider.region!;
  assert.equal(plain(region), 'ap-northeast-1');
  assert.is(span(region), 'terraform.tfvars:2:13-2:29', 'the finding goes where the value is written');
  assert.equal(region.via.map(at), ['locals.tf:2:15', 'main.tf:11:12', 'modules/region/main.tf:6:12'], 'and relates each place it passed through');
  assert.is(resourceAt(terraform, 'module.dr.aws_s3_bucket.replica').provider, provider);
  assert.is(at(resourceAt(terraform, 'aws_s3_bucket.primary').provider.region!.origin), 'main.tf:2:12');
});

test('a var file takes precedence over terraform.tfvars', async () => {
  const { terraform } = await loadWorkspace(REGION_FLOW, ['envs/prod.tfvars']);
  const region = providerAt(terraform, 'module.dr.provider.aws').region!;
  assert.equal(plain(region), 'ap-southeast-1');
  assert.is(span(region), 'envs/prod.tfvars:1:13-1:29');
});

test('terraform.varFiles in the config resolve from the config file, and are validated', async () => {
  const root = writeTree({ '.merlint.yaml': 'terraform:\n  varFiles:\n    - envs/prod.tfvars\n', 'bad.yaml': 'terraform:\n  varfiles: []\n' });
  const ids = new Set(allRules.map((rule) => rule.id));
  assert.equal((await loadConfig(join(root, '.merlint.yaml'), ids)).terraform.varFiles, [join(root, 'envs/prod.tfvars')]);
  try {
    await loadConfig(join(root, 'bad.yaml'), ids);
    assert.unreachable('an unknown key is refused');
  } catch (error) {
    assert.match((error as Error).message, 'unknown key varfiles in terraform');
  }
});

function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = { cwd, env: {}, stdoutIsTTY: false, out: '', err: '', write: (text: string) => void (io.out += text), error: (text: string) => void (io.err += text), readStdin: async () => new Uint8Array() };
  return io;
}

test('--var-file reads the file even outside the scanned paths; a missing one is a usage error', async () => {
  const root = writeTree({ 'infra/main.tf': 'variable "region" {}\n', 'envs/broken.tfvars': 'region = \n' });
  const io = captureIo(root);
  assert.is(await main(['--var-file', 'envs/broken.tfvars', '--format', 'json', 'infra'], io), 1);
  const findings = (JSON.parse(io.out) as { findings: { ruleId: string; location: { path: string } }[] }).findings;
  assert.equal(findings.map((finding) => `${finding.ruleId} ${finding.location.path}`), ['MER000 envs/broken.tfvars']);
  const missing = captureIo(root);
  assert.is(await main(['--var-file', 'envs/none.tfvars', 'infra'], missing), 2);
  assert.match(missing.err, 'cannot read envs/none.tfvars');
});

test('--var-file through a symbolic link is read where it leads, like a var file named there', async () => {
  const shared = writeTree({ 'prod.tfvars': 'region = \n' });
  const root = writeTree({ 'infra/main.tf': 'variable "region" {}\n' });
  symlinkSync(join(shared, 'prod.tfvars'), join(root, 'prod.tfvars'));
  const io = captureIo(root);
  assert.is(await main(['--var-file', 'prod.tfvars', '--format', 'json', 'infra'], io), 1, io.err);
  const findings = (JSON.parse(io.out) as { findings: { ruleId: string; location: { path: string } }[] }).findings;
  assert.equal(findings.map((finding) => finding.ruleId), ['MER000']);
});

test('var files of a config above the working directory widen the scan root as --var-file does, instead of stopping the run', async () => {
  const root = writeTree({
    '.merlint.yaml': 'terraform:\n  varFiles:\n    - env/prod.tfvars\n',
    'env/prod.tfvars': 'region = "eu-west-1"\n',
    'infra/main.tf': 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n}\n',
  });
  const io = captureIo(join(root, 'infra'));
  assert.is(await main(['--format', 'json', '.'], io), 1, io.err);
  const findings = (JSON.parse(io.out) as { findings: { ruleId: string; location: { path: string } }[] }).findings;
  assert.equal(findings.map((finding) => `${finding.ruleId} ${finding.location.path}`), ['RES001 env/prod.tfvars']);
});

test('what the model left out becomes notices of the run', async () => {
  const root = writeTree({ 'main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n' });
  const result = await scanDirectory(root);
  assert.equal(result.notices.map((notice) => notice.message), [
    'main.tf:2:12: remote module "terraform-aws-modules/vpc/aws" is not fetched, so the resources it creates are not checked',
  ]);
});

test('a scan without Terraform files gets an empty Terraform model', async () => {
  const workspace = await buildWorkspace([], { reader: new RootReader(REGION_FLOW), varFiles: [], requested: EVERY_PART_REQUESTED });
  assert.equal([workspace.terraform.roots.length, workspace.terraform.resources.length], [0, 0]);
});

test.run();
