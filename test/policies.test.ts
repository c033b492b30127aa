import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules } from '../rules/index.js';
import { defaultConfig } from '../src/config/config.js';
import { UsageError } from '../src/errors.js';
import { mergeFacts } from '../src/facts/index.js';
import type { GoSetting } from '../src/facts/go-settings.js';
import { parse } from '../src/languages/index.js';
import { EMPTY_TERRAFORM_MODEL } from '../src/languages/terraform/model/empty.js';
import type { Workspace } from '../src/workspace.js';
import { loadPolicies } from '../src/policies/load.js';
import { formatPath, parsePath } from '../src/policies/path.js';
import { matcher } from '../src/policies/glob-list.js';
import { safeRegExp } from '../src/policies/regex.js';
import { assertUsageError, merlint } from './helpers/cli.js';
import { repoPath } from './helpers/scan.js';
import { writeTree } from './helpers/terraform.js';

const BUILTIN_IDS = new Set(allRules.map((rule) => rule.id));

const VALID = `id: TEAM001
title: Buckets carry an owner tag
level: warning
rationale: Someone answers for every bucket.
remediation: Add tags = { owner = "team" }.
target: terraform.resource
select:
  type: aws_s3_bucket
assert:
  path: tags.owner
  exists: true
`;

const directory = writeTree;

/** The configuration error loading `text` as a policy gives, as `line:col: message` (the file name cut off). */
async function loadError(text: string, extra: Record<string, string> = {}): Promise<string> {
  const root = directory({ 'bad.policy.yaml': text, ...extra });
  try {
    await loadPolicies([root], BUILTIN_IDS);
  } catch (error) {
    assert.instance(error, UsageError);
    const message = (error as Error).message;
    assert.match(message, /bad\.policy\.yaml:\d+:\d+: /, message);
    return message.replace(/^.*bad\.policy\.yaml:/, '');
  }
  throw new Error(`no error for\n${text}`);
}

test('a valid policy loads as a rule with its metadata, kinds and the policy file as help', async () => {
  const [policy] = await loadPolicies([directory({ 'team/owner.policy.yaml': VALID })], BUILTIN_IDS);
  assert.is(policy!.id, 'TEAM001');
  assert.is(policy!.slug, 'buckets-carry-an-owner-tag');
  assert.equal(policy!.kinds, ['terraform', 'tfplan']);
  assert.match(policy!.helpUri, /team\/owner\.policy\.yaml$/);
  assert.ok(policy!.tags.includes('team-policy'));
});

test('schema errors name the line and the key', async () => {
  assert.match(await loadError(VALID.replace('level: warning', 'level: fatal')), /^3:8: level must be one of "error", "warning", "note"/);
  assert.match(await loadError(`${VALID}colour: red\n`), /^12:1: unknown key colour in the policy/);
  assert.match(await loadError(VALID.replace('  exists: true', '  exist: true')), /^11:3: unknown key exist in assert/);
  assert.match(await loadError(VALID.replace('title: Buckets carry an owner tag\n', '')), /^1:1: the policy must have required property 'title'/);
  assert.match(await loadError(VALID.replace('id: TEAM001', 'id: team-1')), /^1:5: id must match pattern/);
  assert.match(await loadError(VALID.replace('  type: aws_s3_bucket', '  type: 3')), /^8:9: select\.type must be string/);
  assert.match(await loadError('id: [unclosed\n'), /^[12]:\d+: \S/);
  assert.match(await loadError(VALID.replace('title: Buckets carry an owner tag', 'title: "Buckets carry an owner tag')), /^2:8: Missing closing "quote/);
  assert.match(await loadError(VALID.replace('title: Buckets carry an owner tag', "title: 'Buckets carry\nan owner tag'")), /^3:1: a quoted string goes on here, on a line indented no deeper than its key/);
});

test('an id that clashes with a built-in rule, a built-in family or another policy is a configuration error', async () => {
  assert.match(await loadError(VALID.replace('TEAM001', 'DKR002')), /^1:5: policy id DKR002 is the id of a built-in rule/);
  assert.match(await loadError(VALID.replace('TEAM001', 'DKR900')), /^1:5: policy id DKR900 uses DKR, the prefix of merlint's built-in rules/);
  assert.match(await loadError(VALID.replace('TEAM001', 'PDPA900')), /prefix of merlint's built-in rules/);
  const message = await loadError(VALID, { 'a/first.policy.yaml': VALID });
  assert.match(message, /^1:5: policy id TEAM001 is already used by .*a\/first\.policy\.yaml:1:5/);
});

test('a bad or catastrophic regular expression is refused where it is written', async () => {
  const matching = (pattern: string) => VALID.replace('  exists: true', () => `  matches: '${pattern}'`);
  assert.match(await loadError(matching('^(sg-')), /^11:3: invalid regular expression \/\^\(sg-\/: Unterminated group/);
  assert.match(await loadError(matching('^(a+)+$')), /^11:3: regular expression \/\^\(a\+\)\+\$\/ repeats a group made only of repetitions/);
  assert.match(await loadError(matching('(a|a)*$')), /^11:3: regular expression \/\(a\|a\)\*\$\/ repeats a group whose alternatives can match the same text/);
  for (const catastrophic of ['(a*)*', '(\\w+\\s*)+$', '(?:x+)+y', '((ab)*)+', '(\\d+|x)+$']) assert.match(safeRegExp(catastrophic) as string, /made only of repetitions/, catastrophic);
  for (const ambiguous of ['(a|a)*$', '(\\w|\\d)+$', '(.|\\s)*x', '(a|aa)*$', '([a-z]|[0-9a-f])+$', '(?:ab|a\\w)+$']) assert.match(safeRegExp(ambiguous) as string, /alternatives can match the same text/, ambiguous);
  for (const fine of ['^(\\d+\\.)+\\d+$', '^sg-[a-z]+$', '(ab)+', '^[(+*)]+$', '\\(a+\\)+', '^(?:https?|git)://', '(ab|ac)+$', '(a|ab)*c', '^([A-Z]|[a-z])+$', '(?:-|_)+']) assert.is.not(typeof safeRegExp(fine), 'string', fine);
});

test('select.type globs: `*` is any run of characters, case aside; a pattern of 100 KB or of many `*` is matched, not made into a regular expression', () => {
  const bucket = matcher(['aws_*_bucket', 'google_storage_*']);
  assert.equal(['aws_s3_bucket', 'AWS_S3_BUCKET', 'aws__bucket', 'google_storage_bucket', 'aws_s3_bucket_policy', 'aws_bucket'].map(bucket), [true, true, true, true, false, false]);
  assert.is(matcher('*')('anything'), true);
  assert.is(matcher('a*b*c')('axxbyyc'), true);
  assert.is(matcher('a*b*c')('axxbyy'), false);
  assert.is(matcher(`aws_rds${'P&i'.repeat(35_000)}_cluster`)('aws_db_instance'), false);
  assert.is(matcher(`${'*a'.repeat(40)}b`)('a'.repeat(10_000)), false);
});

test('an unknown path, target or operator mix is a configuration error at its key', async () => {
  const dockerfile = VALID.replace('target: terraform.resource', 'target: dockerfile.stage').replace('  type: aws_s3_bucket', '  type: stage');
  assert.match(await loadError(dockerfile.replace('path: tags.owner', 'path: baseImage.registy')), /^10:3: unknown path baseImage\.registy for dockerfile\.stage: baseImage has no field "registy"; it has digest, registry, repository, resolved, tag, written/);
  assert.match(await loadError(dockerfile.replace('path: tags.owner', 'path: user.name')), /^10:3: unknown path user\.name for dockerfile\.stage: user holds a single value/);
  assert.match(await loadError(VALID.replace('path: tags.owner', 'path: tags..owner')), /^10:3: path "tags\.\.owner" cannot be read/);
  assert.match(await loadError(VALID.replace('target: terraform.resource', 'target: kubernetes.pod')), /^6:9: unknown target kubernetes\.pod; use one of dockerfile\.instruction, dockerfile\.stage, go\.setting, kubernetes\.container, kubernetes\.object, terraform\.data/);
  assert.match(await loadError(VALID.replace('  exists: true', '  exists: true\n  equals: x')), /^10:3: a condition is one check of a path/);
  assert.match(await loadError(VALID.replace('  exists: true', '')), /^10:3: a condition is one check of a path/);
  assert.match(await loadError(VALID.replace('assert:\n  path: tags.owner\n  exists: true', 'assert:\n  referencedBy:\n    type: x\n    path: flags.nope\n    target: dockerfile.stage')), /^12:5: unknown path flags\.nope for dockerfile\.stage: the object has no field "flags"/);
});

test('go.setting: a target over a cross-language fact, whichever language assigns the setting', async () => {
  const policy = `id: TEAM002
title: GOPROXY goes through the company proxy first
level: error
rationale: Modules are fetched through the proxy that records and scans them.
remediation: Set GOPROXY=https://goproxy.acme.sg,direct.
target: go.setting
select:
  type: GOPROXY
assert:
  path: entries[0]
  equals: https://goproxy.acme.sg
`;
  const [rule] = await loadPolicies([directory({ 'go.policy.yaml': policy })], BUILTIN_IDS);
  const text = 'FROM golang:1.25\nENV GOPROXY=https://proxy.golang.org,direct\nENV GOPROXY=https://goproxy.acme.sg|direct\nENV GOPROXY=$UPSTREAM\nENV GOFLAGS=-mod=mod\n';
  const { document } = await parse({ path: 'Dockerfile', kind: 'dockerfile', text });
  const at = (line: number, column: number, length: number) => ({ path: 'Dockerfile', range: { start: { line, column }, end: { line, column: column + length } } });
  const setting = (line: number, name: string, value: string | undefined, length: number): GoSetting => ({ name, value, at: at(line, 13, length), nameAt: at(line, 5, name.length), source: 'Dockerfile ENV', verbatim: value !== undefined });
  const goSettings = [setting(2, 'GOPROXY', 'https://proxy.golang.org,direct', 31), setting(3, 'GOPROXY', 'https://goproxy.acme.sg|direct', 30), setting(4, 'GOPROXY', undefined, 9), setting(5, 'GOFLAGS', '-mod=mod', 8)];
  const workspace = { documents: [document!], byPath: new Map([['Dockerfile', document!]]), terraform: EMPTY_TERRAFORM_MODEL, facts: { ...mergeFacts([]), goSettings }, notes: [] } as unknown as Workspace;
  const reported: string[] = [];
  rule!.check({ document: document!, workspace, settings: defaultConfig().settings, report: (place, message) => reported.push(`${'range' in place ? place.range.start.line : 0}:${'range' in place ? place.range.start.column : 0} ${message}`) });
  assert.equal(reported.map((line) => line.split(',')[0]), ['2:13 for GOPROXY (Dockerfile ENV)', '4:13 for GOPROXY (Dockerfile ENV)']);
  assert.match(reported[0]!, /entries\[0\] is "https:\/\/proxy\.golang\.org", not "https:\/\/goproxy\.acme\.sg"/);
  assert.match(reported[1]!, /entries\[0\] is unknown \(the value of GOPROXY is not known statically\), so the team policy .* cannot be checked/);
  assert.match(await loadError(policy.replace('path: entries[0]', 'path: entries.host')), /unknown path entries\.host for go\.setting/);
});

test('paths: dotted keys, indexes, each, quoted keys; formatted back the same', () => {
  assert.equal(parsePath('tags.data-classification'), [{ key: 'tags' }, { key: 'data-classification' }]);
  assert.equal(parsePath('ingress[0].cidr_blocks[*]'), [{ key: 'ingress' }, { index: 0 }, { key: 'cidr_blocks' }, { each: true }]);
  assert.equal(parsePath('metadata.labels["app.kubernetes.io/name"]'), [{ key: 'metadata' }, { key: 'labels' }, { key: 'app.kubernetes.io/name' }]);
  assert.equal(parsePath('[*].name'), [{ each: true }, { key: 'name' }]);
  for (const text of ['tags.owner', 'ingress[0].cidr_blocks[*]', 'labels["app.kubernetes.io/name"]']) assert.is(formatPath(parsePath(text) as never), text);
  for (const bad of ['', 'a..b', 'a.', 'a[x]', 'a["open]', 'a b']) assert.type(parsePath(bad), 'string', bad);
});

test('the command line: a broken policy exits 2 with one line naming file, line and key', () => {
  const root = directory({ 'policies/bad.policy.yaml': VALID.replace('  exists: true', '  exists: true\n  colour: red'), 'main.tf': 'resource "aws_s3_bucket" "a" {}\n' });
  assertUsageError(merlint(['--policy', 'policies', '.'], { cwd: root }), /^merlint: policies\/bad\.policy\.yaml:12:3: unknown key colour in assert$/);
  const clash = directory({ 'policies/a.policy.yaml': VALID, 'policies/b.policy.yaml': VALID, 'main.tf': '' });
  assertUsageError(merlint(['--policy', 'policies', '.'], { cwd: clash }), /^merlint: policies\/b\.policy\.yaml:1:5: policy id TEAM001 is already used by policies\/a\.policy\.yaml:1:5/);
  assertUsageError(merlint(['--policy', 'nowhere', '.'], { cwd: clash }), /^merlint: policy directory nowhere does not exist/);
  const regex = directory({ 'p/a.policy.yaml': VALID.replace('  exists: true', () => "  matches: '(x+)+$'"), 'main.tf': '' });
  assertUsageError(merlint(['--policy', 'p', '.'], { cwd: regex }), /^merlint: p\/a\.policy\.yaml:11:3: regular expression \/\(x\+\)\+\$\/ repeats a group/);
  const path = directory({ 'p/a.policy.yaml': VALID.replace('terraform.resource', 'dockerfile.instruction').replace('path: tags.owner', 'path: flag.from'), Dockerfile: 'FROM scratch\n' });
  assertUsageError(merlint(['--policy', 'p', 'test', 'p'], { cwd: path }), /^merlint: p\/a\.policy\.yaml:10:3: unknown path flag\.from for dockerfile\.instruction: the object has no field "flag"/);
});

test('config: policies listed under policies: run with levels, suppressions and baselines like built-in rules', () => {
  const root = directory({
    '.merlint.yaml': 'policies: [team]\nrules:\n  TEAM001: error\n',
    'team/owner.policy.yaml': VALID,
    'main.tf': 'provider "aws" {\n  region = "ap-southeast-1"\n}\n\nresource "aws_s3_bucket" "a" {}\n\n# merlint-ignore TEAM001 -- scratch space, deleted nightly\nresource "aws_s3_bucket" "b" {}\n',
  });
  const run = merlint(['--format', 'json', '.'], { cwd: root });
  assert.is(run.status, 1, run.stderr);
  const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; level: string; location: { range: { start: { line: number } } }; suppression?: unknown; fingerprint: string }[] }).findings.filter((finding) => finding.ruleId === 'TEAM001');
  assert.equal(findings.map((finding) => [finding.location.range.start.line, finding.level, Boolean(finding.suppression)]), [[5, 'error', false], [8, 'error', true]]);
  writeFileSync(join(root, 'baseline.json'), run.stdout);
  assert.is(merlint(['--baseline', 'baseline.json', '.'], { cwd: root }).status, 0);
  writeFileSync(join(root, '.merlint.yaml'), 'policies: [team]\nrules:\n  TEAM001: off\n');
  assert.not.match(merlint(['--format', 'compact', '.'], { cwd: root }).stdout, / (?:error|warning|note) TEAM001 /);
  writeFileSync(join(root, '.merlint.yaml'), 'rules:\n  TEAM001: off\n');
  assertUsageError(merlint(['.'], { cwd: root }), /^merlint: \.merlint\.yaml:2:3: unknown rule id TEAM001 under rules/);
});

test("a policy's message replaces the title and remediation in its findings; values point at their origin", () => {
  const policy = VALID.replace('  exists: true', '  equals: platform').concat('message: every bucket needs an owning team for the access review; tag it with one\n');
  const root = directory({ 'team/owner.policy.yaml': policy, 'main.tf': 'variable "owner" {\n  default = "nobody"\n}\n\nresource "aws_s3_bucket" "a" {\n  tags = { owner = var.owner }\n}\n' });
  const lines = merlint(['--policy', 'team', '--format', 'compact', '.'], { cwd: root }).stdout.split('\n').filter((line) => line.includes('TEAM001'));
  assert.equal(lines, ['main.tf:2:13: warning TEAM001 for aws_s3_bucket.a, tags.owner is "nobody", not "platform", every bucket needs an owning team for the access review; tag it with one']);
});

test('a subject with a dollar sign is quoted as written, not read as a replacement pattern', () => {
  const policy = VALID.replace('terraform.resource', 'dockerfile.stage').replace('select:\n  type: aws_s3_bucket\n', '').replace('tags.owner', 'instructions.healthcheck');
  const root = directory({ 'team/health.policy.yaml': policy, Dockerfile: 'FROM alpine:3.20 AS cost$&tax\nUSER 10001\n' });
  const lines = merlint(['--policy', 'team', '--format', 'compact', 'Dockerfile'], { cwd: root }).stdout.split('\n').filter((line) => line.includes('TEAM001'));
  assert.is(lines.length, 1);
  assert.match(lines[0]!, 'for stage cost$&tax, instructions.healthcheck is not set');
});

test('a title or message written as a YAML block is one line in findings and listings; rationale and remediation lose only the closing line break', async () => {
  const policy = VALID.replace('title: Buckets carry an owner tag', 'title: |\n  Buckets carry\n  an owner tag')
    .replace('remediation: Add tags = { owner = "team" }.', 'remediation: >\n  Add tags = { owner = "team" }.\n\n  Ask the platform team which.')
    .concat('message: >\n  every bucket needs an owning team;\n  tag it with one\n');
  const [loaded] = await loadPolicies([directory({ 'team/owner.policy.yaml': policy })], BUILTIN_IDS);
  assert.is(loaded!.title, 'Buckets carry an owner tag');
  assert.is(loaded!.remediation, 'Add tags = { owner = "team" }.\nAsk the platform team which.');
  const root = directory({ 'team/owner.policy.yaml': policy, 'main.tf': 'resource "aws_s3_bucket" "a" {}\n' });
  const report = JSON.parse(merlint(['--policy', 'team', '--format', 'json', '.'], { cwd: root }).stdout) as { findings: { ruleId: string; message: string }[] };
  const messages = report.findings.filter((finding) => finding.ruleId === 'TEAM001').map((finding) => finding.message);
  assert.equal(messages, ['for aws_s3_bucket.a, tags.owner is not set, every bucket needs an owning team; tag it with one']);
});

test('SARIF carries the policy as a rule with its file as help, and validates', () => {
  const root = directory({ 'team/owner.policy.yaml': VALID, 'main.tf': 'resource "aws_s3_bucket" "a" {}\n' });
  const sarif = JSON.parse(merlint(['--policy', 'team', '--format', 'sarif', '.'], { cwd: root }).stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; help: { text: string; markdown: string }; shortDescription: { text: string } }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
  const rules = sarif.runs[0]!.tool.driver.rules;
  const rule = rules.find((candidate) => candidate.id === 'TEAM001')!;
  assert.is(rule.helpUri, undefined, 'SARIF wants an absolute helpUri; a policy file is a path');
  assert.match(rule.help.markdown, /Team policy `team\/owner\.policy\.yaml`$/);
  assert.match(rule.help.text, /How to fix: Add tags = \{ owner = "team" \}\.\n\nTeam policy: team\/owner\.policy\.yaml$/);
  assert.is(rule.shortDescription.text, 'Buckets carry an owner tag');
  const result = sarif.runs[0]!.results.find((candidate) => candidate.ruleId === 'TEAM001')!;
  assert.is(rules[result.ruleIndex]!.id, 'TEAM001');
});

test('merlint rules and merlint explain include team policies', () => {
  const root = directory({ '.merlint.yaml': 'policies: [team]\n', 'team/owner.policy.yaml': VALID, 'team/fixtures/TEAM001/main.tf': 'resource "aws_s3_bucket" "a" {} # expect: TEAM001\n' });
  assert.match(merlint(['rules'], { cwd: root }).stdout, /^TEAM001 +warning +buckets-carry-an-owner-tag +terraform,tfplan +Buckets carry an owner tag$/m);
  const explained = merlint(['explain', 'TEAM001'], { cwd: root });
  assert.is(explained.status, 0, explained.stderr);
  assert.match(explained.stdout, /Team policy: team\/owner\.policy\.yaml/);
  assert.match(explained.stdout, /Target: terraform\.resource, a resource instance/);
  assert.match(explained.stdout, /Fires on \(team\/fixtures\/TEAM001\/main\.tf\)/);
});

test('merlint test proves the example pack, and CI runs it', () => {
  const run = merlint(['test', 'examples/policies']);
  assert.is(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^PASS {2}ACME001 {2}examples\/policies\/fixtures\/ACME001\/main\.tf$/m);
  assert.match(run.stdout, /\d+ fixture files of 11 rules: all passed\n$/);
  assert.not.match(run.stdout, /^FAIL/m);
});

test('the engine semantics pack (paths over blocks and lists, numbers, all/any/not, label and name selectors, stage references) holds on its fixtures', () => {
  const run = merlint(['test', 'test/policies']);
  assert.is(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /fixture files of 10 rules: all passed\n$/);
});

test('merlint test fails with the expected-versus-found difference, and on policies without fixtures', () => {
  const root = mkdtempSync(join(tmpdir(), 'merlint-policies-'));
  cpSync(repoPath('examples/policies'), join(root, 'pack'), { recursive: true });
  const fixture = join(root, 'pack/fixtures/ACME002/ecr.tf');
  writeFileSync(fixture, readFileSync(fixture, 'utf8').replace('name = "payments-legacy" # expect: ACME002', 'name = "payments-legacy"').replace('name = "sg-payments"', 'name = "sg-payments" # expect: ACME002'));
  writeFileSync(join(root, 'pack/untested.policy.yaml'), VALID);
  const run = merlint(['test', 'pack'], { cwd: root });
  assert.is(run.status, 1);
  assert.match(run.stdout, /^FAIL {2}ACME002 {2}pack\/fixtures\/ACME002\/ecr\.tf\n {8}expected, not found {3}2: ACME002\n {8}found, not expected {3}6:10 ACME002 for aws_ecr_repository\.legacy, name is "payments-legacy", which does not match/m);
  assert.match(run.stdout, /^FAIL {2}TEAM001 {2}no fixtures: add files with expect: TEAM001 marks under pack\/fixtures\/TEAM001\/$/m);
  assert.match(run.stdout, /: 2 failed\n$/);
});

test('merlint test without policies is a usage error; --builtin runs the built-in fixtures', () => {
  assertUsageError(merlint(['test'], { cwd: directory({}) }), /^merlint: no team policies to test/);
  const run = merlint(['test', '--builtin'], { cwd: directory({}) });
  assert.is(run.status, 0, run.stdout.split('\n').filter((line) => !line.startsWith('PASS')).join('\n'));
  assert.match(run.stdout, /^PASS {2}DKR002 {2}/m);
});

test('a policies directory in the config that does not exist is a configuration error at its line (found by fuzzing)', () => {
  const root = mkdtempSync(join(tmpdir(), 'merlint-policies-'));
  writeFileSync(join(root, '.merlint.yaml'), 'failOn: warning\npolicies:\n  - team-policies/\n');
  writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
  assertUsageError(merlint(['.'], { cwd: root }), /^merlint: \.merlint\.yaml:3:5: policy directory team-policies does not exist or is not a directory$/);
});

test.run();
