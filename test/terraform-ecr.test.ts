import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filterMatches } from '../src/languages/terraform/model/ecr/scanning.js';
import type { EcrFacts, EcrRepository, PolicyProblem } from '../src/languages/terraform/model/ecr/types.js';
import { at, modelOf, plain } from './helpers/terraform.js';

const PROVIDERS = 'provider "aws" {\n  region = "ap-southeast-1"\n}\nprovider "aws" {\n  alias = "dr"\n  region = "ap-southeast-3"\n}\n';
const VALID = 'jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 5 }, action = { type = "expire" } }] })';

async function ecrOf(files: Record<string, string>): Promise<EcrFacts> {
  return (await modelOf({ 'providers.tf': PROVIDERS, ...files })).ecr;
}

function repository(facts: EcrFacts, address: string): EcrRepository {
  const found = facts.repositories.find((candidate) => candidate.resource.address === address);
  if (!found) throw new Error(`no repository ${address}; have ${facts.repositories.map((candidate) => candidate.resource.address).join(', ')}`);
  return found;
}

function policiesOf(facts: EcrFacts, address: string): { yes: string[]; maybe: string[] } {
  const found = repository(facts, address);
  return { yes: found.lifecyclePolicies.map((policy) => policy.resource.address), maybe: found.possibleLifecyclePolicies.map((policy) => policy.resource.address) };
}

function problems(facts: EcrFacts): string[] {
  return facts.lifecyclePolicies.flatMap((policy) => policy.problems.map((problem: PolicyProblem) => `${at(problem.location)} ${problem.message}; ${problem.fix}`));
}

function policy(name: string, repository: string, document = VALID, extra = ''): string {
  return `resource "aws_ecr_lifecycle_policy" "${name}" {\n  repository = ${repository}\n  policy = ${document}\n${extra}}\n`;
}

test('a lifecycle policy belongs to the repository its `repository` refers to, or names in the same region', async () => {
  const facts = await ecrOf({
    'main.tf': [
      'resource "aws_ecr_repository" "a" {\n  name = "a"\n}',
      'resource "aws_ecr_repository" "b" {\n  name = "b"\n}',
      'resource "aws_ecr_repository" "c" {\n  name = "c"\n}',
      'resource "aws_ecr_repository" "c_dr" {\n  provider = aws.dr\n  name = "c"\n}',
      'resource "aws_ecr_repository" "each" {\n  for_each = toset(["x", "y"])\n  name = each.key\n}',
      policy('by_name_attribute', 'aws_ecr_repository.a.name'),
      policy('by_id', 'local.b_id'),
      'locals {\n  b_id = aws_ecr_repository.b.id\n}',
      policy('by_literal', '"c"'),
      policy('each', 'aws_ecr_repository.each["y"].name'),
    ].join('\n'),
  });
  assert.equal(policiesOf(facts, 'aws_ecr_repository.a').yes, ['aws_ecr_lifecycle_policy.by_name_attribute']);
  assert.equal(policiesOf(facts, 'aws_ecr_repository.b').yes, ['aws_ecr_lifecycle_policy.by_id'], '.id is known after apply, but names its repository');
  assert.equal(policiesOf(facts, 'aws_ecr_repository.c').yes, ['aws_ecr_lifecycle_policy.by_literal']);
  assert.equal(policiesOf(facts, 'aws_ecr_repository.c_dr'), { yes: [], maybe: [] }, 'a repository of the same name in another region is another repository');
  assert.equal(policiesOf(facts, 'aws_ecr_repository.each["x"]'), { yes: [], maybe: [] });
  assert.equal(policiesOf(facts, 'aws_ecr_repository.each["y"]').yes, ['aws_ecr_lifecycle_policy.each']);
});

test('a repository inside a module instance is matched by the policy of that instance', async () => {
  const facts = await ecrOf({
    'modules/repo/main.tf': 'variable "name" {}\nvariable "with_policy" {}\nresource "aws_ecr_repository" "this" {\n  name = var.name\n}\n' + policy('this', 'aws_ecr_repository.this.name', VALID, '  count = var.with_policy ? 1 : 0\n'),
    'main.tf': 'module "one" {\n  source = "./modules/repo"\n  name = "one"\n  with_policy = true\n}\nmodule "two" {\n  source = "./modules/repo"\n  name = "two"\n  with_policy = false\n}\n',
  });
  assert.equal(policiesOf(facts, 'module.one.aws_ecr_repository.this').yes, ['module.one.aws_ecr_lifecycle_policy.this[0]']);
  assert.equal(policiesOf(facts, 'module.two.aws_ecr_repository.this'), { yes: [], maybe: [] });
});

test('an unknown target may be any repository of its module, unless it is the unknown name of one', async () => {
  const paired = await ecrOf({
    'main.tf': 'variable "name" {}\nresource "aws_ecr_repository" "named" {\n  name = var.name\n}\nresource "aws_ecr_repository" "other" {\n  name = "other"\n}\n' + policy('p', 'var.name'),
  });
  assert.equal(policiesOf(paired, 'aws_ecr_repository.named').maybe, ['aws_ecr_lifecycle_policy.p']);
  assert.equal(policiesOf(paired, 'aws_ecr_repository.other'), { yes: [], maybe: [] }, 'the policy is the named repository\'s, so it says nothing about this one');
  const unpaired = await ecrOf({ 'main.tf': 'variable "target" {}\nresource "aws_ecr_repository" "other" {\n  name = "other"\n}\n' + policy('p', 'var.target') });
  assert.equal(policiesOf(unpaired, 'aws_ecr_repository.other').maybe, ['aws_ecr_lifecycle_policy.p'], 'cannot verify: not reported as missing');
  const unknownName = await ecrOf({ 'main.tf': 'variable "name" {}\nresource "aws_ecr_repository" "r" {\n  name = "${var.name}-api"\n}\n' + policy('p', '"prod-api"') + policy('q', '"elsewhere"') });
  assert.equal(policiesOf(unknownName, 'aws_ecr_repository.r').maybe, ['aws_ecr_lifecycle_policy.p', 'aws_ecr_lifecycle_policy.q'], 'a repository without a known name may be the one a name points at');
});

test('a policy is read from a heredoc, file(), jsonencode or the policy document data source, each field where it is written', async () => {
  const facts = await ecrOf({
    'policy.json': '{"rules": [{"rulePriority": 0, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}]}',
    'main.tf': [
      policy('file', '"a"', 'file("policy.json")'),
      policy('heredoc', '"b"', '<<EOF\n{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1, "countUnit": "days"}, "action": {"type": "expire"}}]}\nEOF'),
      'variable "keep" {\n  default = 0\n}',
      policy('encoded', '"c"', 'jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = var.keep }, action = { type = "expire" } }] })'),
      'data "aws_ecr_lifecycle_policy_document" "d" {\n  rule {\n    priority = 1\n    selection {\n      tag_status = "tagged"\n      count_type = "imageCountMoreThan"\n      count_number = 3\n    }\n  }\n}',
      policy('document', '"d"', 'data.aws_ecr_lifecycle_policy_document.d.json'),
    ].join('\n'),
  });
  assert.equal(problems(facts), [
    'policy.json:1:29 rulePriority is 0; use 1 or more',
    'main.tf:9:132 countUnit is not allowed when countType is "imageCountMoreThan"; remove countUnit',
    'main.tf:14:13 countNumber is 0; use 1 or more',
    'main.tf:25:20 tag_status "tagged" needs tag_prefix_list or tag_pattern_list; add tag_prefix_list or tag_pattern_list',
  ]);
  const document = facts.lifecyclePolicies.find((candidate) => candidate.resource.name === 'document')!.document;
  assert.equal(plain(document), { rules: [{ rulePriority: 1, selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 3 }, action: { type: 'expire' } }] }, 'without an action block the provider writes expire');
});

test('a policy that is not JSON is a problem; unknown parts of a policy hide what is unknown, not the rest', async () => {
  const facts = await ecrOf({
    'main.tf': [
      policy('broken', '"a"', '<<EOF\n{"rules": [,]}\nEOF'),
      'variable "count_type" {}',
      'data "aws_ecr_lifecycle_policy_document" "partly" {\n  rule {\n    priority = 1\n    selection {\n      tag_status = "any"\n      count_type = var.count_type\n      count_unit = "days"\n      count_number = 0\n    }\n  }\n}',
      policy('partly', '"b"', 'data.aws_ecr_lifecycle_policy_document.partly.json'),
      'variable "policy" {}',
      policy('unset', '"c"', 'var.policy'),
    ].join('\n'),
  });
  assert.equal(problems(facts), [
    'main.tf:4:12 the policy is not valid JSON: unexpected ","; correct the JSON syntax',
    'main.tf:16:22 count_number is 0; use 1 or more',
  ], 'whether count_unit is allowed depends on the unknown count_type, so it is not reported');
});

test('rules that conflict: a priority used twice, the any rule before another, a second untagged rule', async () => {
  const rule = (priority: number, status: string, extra = '') => `{ rulePriority = ${priority}, selection = { tagStatus = "${status}", countType = "imageCountMoreThan", countNumber = 1${extra} }, action = { type = "expire" } }`;
  const facts = await ecrOf({
    'main.tf': policy('p', '"a"', `jsonencode({ rules = [\n${rule(1, 'any')},\n${rule(2, 'untagged')},\n${rule(2, 'tagged', ', tagPrefixList = ["v"]')},\n${rule(3, 'untagged')}\n] })`),
  });
  assert.equal(problems(facts), [
    'main.tf:6:18 rulePriority 2 is already taken by another rule; give each rule its own rulePriority',
    'main.tf:4:18 the tagStatus "any" rule has rulePriority 1, lower than another rule\'s 2, but it must come last; give it the highest rulePriority in the policy',
    'main.tf:7:47 a second tagStatus "untagged" rule for standard storage, where only one rule may select untagged images; merge the untagged rules into one',
  ]);
});

test('registry scanning covers a repository with enhanced scanning or a matching scan-on-push rule, in its region', async () => {
  const scanning = (type: string, frequency: string, filter: string, provider = '') =>
    `resource "aws_ecr_registry_scanning_configuration" "s${Math.abs(filter.length * 31 + frequency.length)}${provider ? 'dr' : ''}" {\n${provider}  scan_type = "${type}"\n  rule {\n    scan_frequency = "${frequency}"\n    repository_filter {\n      filter = "${filter}"\n      filter_type = "WILDCARD"\n    }\n  }\n}\n`;
  const repositories = 'resource "aws_ecr_repository" "api" {\n  name = "team-api"\n}\nresource "aws_ecr_repository" "web" {\n  name = "web"\n}\n';
  const verdicts = async (configuration: string) => {
    const facts = await ecrOf({ 'main.tf': repositories + configuration });
    return facts.repositories.map((candidate) => candidate.registryScan);
  };
  assert.equal(await verdicts(''), ['none', 'none']);
  assert.equal(await verdicts(scanning('BASIC', 'SCAN_ON_PUSH', 'api')), ['covered', 'none'], 'a filter without a wildcard matches names that contain it');
  assert.equal(await verdicts(scanning('BASIC', 'SCAN_ON_PUSH', 'team-*')), ['covered', 'none']);
  assert.equal(await verdicts(scanning('BASIC', 'MANUAL', '*')), ['none', 'none']);
  assert.equal(await verdicts(scanning('ENHANCED', 'CONTINUOUS_SCAN', 'nothing')), ['covered', 'covered']);
  assert.equal(await verdicts(scanning('ENHANCED', 'CONTINUOUS_SCAN', '*', '  provider = aws.dr\n')), ['none', 'none'], 'the registry of another region');
  assert.equal(await verdicts('variable "filter" {}\nresource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "BASIC"\n  rule {\n    scan_frequency = "SCAN_ON_PUSH"\n    repository_filter {\n      filter = var.filter\n      filter_type = "WILDCARD"\n    }\n  }\n}\n'), ['unknown', 'unknown']);
});

test('repository filters: a wildcard stands for any characters, a plain filter matches a part of the name', () => {
  assert.ok(filterMatches('*', 'anything'));
  assert.ok(filterMatches('prod', 'team/prod-api'));
  assert.ok(filterMatches('team/*-api', 'team/prod-api'));
  assert.not.ok(filterMatches('team/*-api', 'team/prod-api-v2'));
  assert.not.ok(filterMatches('a.b', 'axb'));
});

test.run();
