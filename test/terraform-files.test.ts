import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeJson } from '../src/languages/terraform/model/json.js';
import { member, type Value } from '../src/languages/terraform/model/value.js';
import { at, loadWorkspace, plain, rootOf, writeTree } from './helpers/terraform.js';

function reason(value: Value): string {
  assert.is(value.kind, 'unknown', `expected an unknown, got ${JSON.stringify(plain(value))}`);
  return (value as { reason: string }).reason;
}

const POLICY = '{\n  "rules": [\n    { "rulePriority": 1, "selection": { "tagStatus": "any" } }\n  ]\n}\n';

test('file() reads inside the scan root: the value is written in that file, and the call is where it was used', async () => {
  const root = writeTree({
    'main.tf': 'locals {\n  policy = file("${path.module}/policy.json")\n  rules = jsondecode(file("policy.json")).rules\n}\n',
    'policy.json': POLICY,
  });
  const { terraform, reader } = await loadWorkspace(root);
  const policy = rootOf(terraform).local('policy');
  assert.equal(plain(policy), POLICY);
  assert.is(at(policy.origin), 'policy.json:1:1');
  assert.equal(policy.via.map(at), ['main.tf:2:12']);
  const priority = member(member(rootOf(terraform).local('rules'), 0)!, 'rulePriority')!;
  assert.is(at(priority.origin), 'policy.json:3:23', 'jsondecode of a file gives each field the place it is written');
  assert.equal([...reader.texts.keys()], ['policy.json'], 'what file() read is kept for reporters');
});

test('file() outside the scan root is refused, never read: unknown with the reason, and a refusal for the notices', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'merlint-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  const root = writeTree({
    'infra/main.tf': 'locals {\n  passwd = file("../../etc/passwd")\n  absolute = file("/etc/passwd")\n  linked = file("link.txt")\n  template = templatefile("../../etc/passwd", {})\n  missing = file("nothing.txt")\n}\n',
  });
  symlinkSync(join(outside, 'secret.txt'), join(root, 'infra', 'link.txt'));
  const { terraform, reader } = await loadWorkspace(join(root, 'infra'));
  const local = (name: string) => rootOf(terraform).local(name);
  assert.is(reason(local('passwd')), 'file("../../etc/passwd") was not read: it lies outside the scan root, and merlint reads nothing outside it');
  assert.match(reason(local('absolute')), 'outside the scan root');
  assert.is(reason(local('linked')), 'file("link.txt") was not read: it is a symbolic link to a file outside the scan root, and merlint reads nothing outside it');
  assert.match(reason(local('template')), 'outside the scan root');
  assert.is(reason(local('missing')), 'file("nothing.txt") was not read: no such file');
  assert.is(at(local('passwd').origin), 'main.tf:2:12');
  assert.equal([...reader.texts.keys()], []);
  assert.equal(reader.refusals.size, 3);
});

test('templatefile() renders directives with the variables given, and only those', async () => {
  const root = writeTree({
    'main.tf': 'locals {\n  text = templatefile("t.tpl", { regions = ["ap-southeast-1", "ap-southeast-3"], primary = "ap-southeast-1" })\n  bad = templatefile("bad.tpl", {})\n}\n',
    't.tpl': '%{ for r in regions ~}\n${r}${r == primary ? " (primary)" : ""}\n%{ endfor ~}\n',
    'bad.tpl': '${var.region}',
  });
  const { terraform } = await loadWorkspace(root);
  assert.equal(plain(rootOf(terraform).local('text')), 'ap-southeast-1 (primary)\nap-southeast-3\n');
  assert.match(reason(rootOf(terraform).local('bad')), 'templatefile templates see no module names');
});

test('templatefile() reads the file as a template with the file\'s own positions: a syntax error makes an unknown at its place', async () => {
  const root = writeTree({
    'main.tf': 'locals {\n  broken = templatefile("broken.tpl", { x = 1 })\n  plain = templatefile("plain.tpl", {})\n}\n',
    'broken.tpl': 'first line\nsecond ${x\n',
    'plain.tpl': 'ap-southeast-1',
  });
  const { terraform } = await loadWorkspace(root);
  const broken = rootOf(terraform).local('broken');
  assert.match(reason(broken), 'could not be parsed');
  assert.is(at(broken.origin), 'broken.tpl:2:8');
  const plainText = rootOf(terraform).local('plain');
  assert.is(plain(plainText), 'ap-southeast-1');
  assert.equal(plainText.origin, { path: 'plain.tpl', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 15 } } });
});

test('yamlencode() in a template works though no .tf file names it (the YAML library loads for templatefile too)', async () => {
  const root = writeTree({
    'main.tf': 'locals {\n  values = templatefile("values.tpl", { zones = ["ap-southeast-1a"] })\n}\n',
    'values.tpl': '${yamlencode({ zones = zones })}',
  });
  const { terraform } = await loadWorkspace(root);
  assert.equal(plain(rootOf(terraform).local('values')), '"zones":\n- "ap-southeast-1a"\n');
});

test('JSON in a heredoc or made by jsonencode keeps the positions of its fields', async () => {
  const root = writeTree({
    'main.tf': [
      'resource "aws_ecr_lifecycle_policy" "heredoc" {',
      '  policy = <<-EOT',
      '    {"rules": [{"rulePriority": 1}]}',
      '  EOT',
      '}',
      'resource "aws_ecr_lifecycle_policy" "encoded" {',
      '  policy = jsonencode({ rules = [{ rulePriority = 1 }] })',
      '}',
      'resource "aws_ecr_lifecycle_policy" "escaped" {',
      '  policy = "{\\"rules\\": []}"',
      '}',
    ].join('\n'),
  });
  const { terraform } = await loadWorkspace(root);
  const priority = (name: string) => {
    const policy = decodeJson(terraform.resources.find((resource) => resource.name === name)!.attribute('policy')!);
    return member(member(member(policy, 'rules')!, 0)!, 'rulePriority')!;
  };
  assert.is(at(priority('heredoc').origin), 'main.tf:3:33');
  assert.is(at(priority('encoded').origin), 'main.tf:7:51');
  const escaped = decodeJson(terraform.resources.find((resource) => resource.name === 'escaped')!.attribute('policy')!);
  assert.is(at(escaped.origin), 'main.tf:10:12', 'escapes hide positions inside a quoted string: the whole string is the origin');
  assert.match(reason(decodeJson({ ...escaped, kind: 'string', value: '{"rules": [' } as Value)), 'invalid JSON');
});

test('JSON rendered by a template keeps the positions of its fields: literal text where written, interpolated values at their ${...}', async () => {
  const root = writeTree({
    'main.tf': [
      'variable "keep" {',
      '  default = 30',
      '}',
      'locals {',
      '  heredoc = <<-EOT',
      '    {"rules": [{"rulePriority": 1,',
      '      "countNumber": ${var.keep}, "countUnit": "days"}]}',
      '  EOT',
      '  rendered = templatefile("policy.json.tpl", { keep = 7, prefixes = ["v", "release"] })',
      '}',
    ].join('\n'),
    'policy.json.tpl': '{\n  "rules": [{\n    "tagPrefixList": [%{ for p in prefixes }"${p}", %{ endfor }"x"],\n    "countNumber": ${keep}, "countUnit": "days"\n  }]\n}\n',
  });
  const { terraform } = await loadWorkspace(root);
  const rule = (name: string) => member(member(decodeJson(rootOf(terraform).local(name)), 'rules')!, 0)!;
  const span = (value: Value) => `${at(value.origin)}-${value.origin!.range.end.line}:${value.origin!.range.end.column}`;
  assert.is(span(member(rule('heredoc'), 'rulePriority')!), 'main.tf:6:33-6:34');
  assert.is(span(member(rule('heredoc'), 'countNumber')!), 'main.tf:7:22-7:33', 'a value an interpolation produced is where the interpolation is written');
  assert.is(span(member(rule('heredoc'), 'countUnit')!), 'main.tf:7:48-7:54', 'text after an interpolation is placed again');
  assert.is(span(member(rule('rendered'), 'countNumber')!), 'policy.json.tpl:4:20-4:27');
  assert.is(span(member(rule('rendered'), 'countUnit')!), 'policy.json.tpl:4:42-4:48');
  assert.is(span(member(member(rule('rendered'), 'tagPrefixList')!, 1)!), 'policy.json.tpl:3:45-3:51', 'text a %{for} repeats is where it is written');
});

test.run();
