import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseManifests } from '../src/languages/kubernetes/parser.js';
import { at, items, type KubernetesDocument, type ScalarNode } from '../src/languages/kubernetes/syntax.js';
import { partRange } from '../src/languages/kubernetes/text.js';
import { merlint } from './helpers/cli.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';
import { RootReader } from '../src/root-reader.js';
import { EVERY_PART_REQUESTED } from '../src/workspace.js';

function parse(text: string, path = 'deploy/app.yaml') {
  return parseManifests({ path, kind: 'kubernetes', text });
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.sg/api:1.0
          env:
            - name: GOPROXY
              value: "https://proxy.golang.org,direct"
            - name: GOFLAGS
              valueFrom: {configMapKeyRef: {name: go, key: flags}}
`;

test('a Helm chart is one notice that says how to scan its rendered output, never a MER000 per template', async () => {
  const root = makeTree({
    'charts/payments/Chart.yaml': 'apiVersion: v2\nname: payments\nversion: 0.1.0\n',
    'charts/payments/values.yaml': 'replicas: 2\n',
    'charts/payments/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "payments.fullname" . }}\n',
    'charts/payments/templates/service.yaml': 'apiVersion: v1\nkind: Service\n{{- if .Values.dualStack }}\nspec:\n  ipFamilyPolicy: RequireDualStack\n{{- end }}\n',
    'charts/payments/templates/_helpers.tpl': '{{- define "payments.fullname" -}}payments{{- end }}\n',
  });
  const result = await scanDirectory(root);
  assert.equal(result.findings, []);
  const helm = result.notices.filter((notice) => notice.message.includes('Helm chart'));
  assert.is(helm.length, 1, JSON.stringify(result.notices));
  assert.match(helm[0]!.message, /Helm chart charts\/payments: 2 templates were not checked/);
  assert.match(helm[0]!.message, /helm template charts\/payments \| merlint - --stdin-filename charts\/payments\/rendered\.yaml/);
});

test('templated YAML outside a chart is one notice per folder that does not call it Helm', async () => {
  const root = makeTree({
    'deploy/etcd-template.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Name }}\n  labels: {{ .Labels }}\n',
    'deploy/vtctld-template.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Name }}\n  labels: {{ .Labels }}\n',
  });
  const result = await scanDirectory(root);
  assert.equal(result.findings, []);
  assert.equal(
    result.notices.map((notice) => notice.message),
    ['deploy/etcd-template.yaml:1:1: deploy: 2 templates were not checked: {{ … }} template actions make the files invalid YAML until rendered; scan the rendered output instead (… | merlint - --stdin-filename deploy/rendered.yaml)'],
  );
});

test('a templates/ folder without a Chart.yaml is templated YAML of its own folder, not a Helm chart', async () => {
  const root = makeTree({
    'fn/render/templates/worker.template.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Name }}\n  labels: {{ .Labels }}\n',
  });
  const result = await scanDirectory(root);
  assert.equal(
    result.notices.map((notice) => notice.message),
    ['fn/render/templates/worker.template.yaml:1:1: fn/render/templates: 1 template was not checked: {{ … }} template actions make the files invalid YAML until rendered; scan the rendered output instead (… | merlint - --stdin-filename fn/render/templates/rendered.yaml)'],
  );
});

test('a file with template actions that is not YAML is a template; a ConfigMap that holds Go templates in a string is a manifest', () => {
  const template = parse('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{ toYaml .Values.labels | nindent 4 }}\n');
  assert.is(template.document?.helmTemplate, true);
  assert.equal(template.errors, []);
  const alerts = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n  slack.tmpl: |\n    {{ define "slack.text" }}{{ .Labels.alertname }}{{ end }}\n');
  assert.is(alerts.document?.helmTemplate, false);
  assert.equal(alerts.document?.objects.map((object) => object.name), ['alerts']);
});

test('a broken document in the middle is one MER000 where it starts; the documents after it are read', () => {
  const result = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: "unclosed\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n');
  assert.equal(result.errors.map((error) => [error.range.start.line, error.range.start.column]), [[8, 9]]);
  assert.match(result.errors[0]!.message, /Missing closing "quote/);
  assert.equal(result.document?.objects.map((object) => `${object.kind}/${object.name}`), ['ConfigMap/a', 'Pod/b']);
});

test('aliases and merge keys are resolved, and the merged map keeps its own values over the merged ones', () => {
  const result = parse('apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n web\n  labels:\n    <<: {app: base, tier: x}\n    tier: front\n    copy: *n\n');
  const labels = result.document!.objects[0]!.root.entries.find((entry) => entry.key === 'metadata')!.value;
  const values = labels.type === 'map' ? labels.entries.find((entry) => entry.key === 'labels')!.value : undefined;
  assert.ok(values?.type === 'map');
  const last = new Map(values.entries.map((entry) => [entry.key, entry.value.type === 'scalar' ? entry.value.text : '']));
  assert.equal([...last], [['app', 'base'], ['tier', 'front'], ['copy', 'web']]);
});

test('an alias names the last node before it with its anchor, as YAML defines it: an anchor set again names the new node from there on', () => {
  const result = parse('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  first: &r ap-northeast-1\n  a: *r\n  second: &r ap-southeast-1\n  b: *r\n  list: [&r x, *r]\n');
  const data = result.document!.objects[0]!.root.entries.find((entry) => entry.key === 'data')!.value;
  assert.ok(data.type === 'map');
  const written = (node: (typeof data.entries)[number]['value']): unknown => (node.type === 'scalar' ? node.text : node.type === 'seq' ? node.items.map(written) : '');
  assert.equal(data.entries.map((entry) => [entry.key, written(entry.value)]), [['first', 'ap-northeast-1'], ['a', 'ap-northeast-1'], ['second', 'ap-southeast-1'], ['b', 'ap-southeast-1'], ['list', ['x', 'x']]]);
});

test('flow collections nested 20,000 deep are refused at the first too-deep bracket, not by a stack overflow; the next document is still read', () => {
  const result = parse(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  a: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: next}\n`);
  assert.equal(result.errors.map((error) => [error.message, error.range.start]), [['collections nested more than 500 deep, which merlint does not read; this document is not checked', { line: 5, column: 506 }]]);
  assert.is(result.document?.objects.length, 1);
});

test('block collections nested thousands deep on one line are one MER000, not a stack overflow of the yaml package (found by fuzzing); the next document is read', () => {
  for (const deep of [`${'? '.repeat(20_000)}x\n`, `${'? '.repeat(2_260)}  approvedTransfers:\n  :\n    -\n`, `  ${'- '.repeat(20_000)}x\n`]) {
    const result = parse(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${deep}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: next}\n`);
    assert.is(result.errors.length, 1, deep.slice(0, 10));
    assert.ok(result.errors[0]!.range.start.line <= 5, deep.slice(0, 10));
    assert.equal(result.document?.objects.map((object) => object.name), ['next'], deep.slice(0, 10));
  }
});

test('a billion-laughs document is refused with a clear MER000 before it is expanded, in bounded memory', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 12; level++) {
    const previous = String.fromCharCode(96 + level);
    levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  const before = process.memoryUsage().heapUsed;
  const result = parse(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map((line) => `  ${line}`).join('\n')}\n`);
  const grown = process.memoryUsage().heapUsed - before;
  assert.is(result.errors.length, 1);
  assert.match(result.errors[0]!.message, /aliases expand this document past [\d,]+ nodes \(a "billion laughs" document\?\); it was not expanded or checked/);
  assert.equal(result.document?.objects, []);
  assert.ok(grown < 64 * 1024 * 1024, `heap grew by ${grown} bytes`);
});

test('a 50 MB manifest is refused with a message that says why; the scan goes on', async () => {
  const root = makeTree({ 'ok.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  nodeSelector: {topology.kubernetes.io/region: ap-northeast-1}\n' });
  const document = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n' + `  k: "${'x'.repeat(1000)}"\n`.repeat(50 * 1024);
  writeFileSync(join(root, 'huge.yaml'), document);
  const result = await scanDirectory(root);
  assert.equal(result.findings.map((finding) => `${finding.location.path} ${finding.ruleId}`), ['huge.yaml MER000', 'ok.yaml RES004']);
  assert.match(result.findings[0]!.message, /file is 4\d\.\d MiB, over the 8 MiB limit; it was not read/);
});

test('YAML and JSON files that are not manifests are skipped quietly, named or found', async () => {
  const root = makeTree({ 'values.yaml': 'region: ap-northeast-1\n', 'package.json': '{"name": "x", "kind": "module"}\n', 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' });
  const walked = await scanDirectory(root);
  assert.equal(walked.fileCount, 1);
  assert.equal(walked.notices, []);
  const named = await scanDirectory(root, [join(root, 'values.yaml'), join(root, 'package.json')]);
  assert.equal([named.fileCount, named.notices, named.findings], [0, [], []]);
});

test('helm template output on stdin is read as manifests; YAML on stdin that is no manifest is nothing to check', () => {
  const rendered = '---\n# Source: payments/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: payments}\nspec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: us-east-1\n      containers: [{name: api, image: "r/api:1"}]\n';
  const run = merlint(['-', '--stdin-filename', 'chart.yaml', '--format', 'compact'], { stdin: rendered });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stdout, /^chart\.yaml:10:40: error RES004 /m);
  const values = merlint(['-', '--stdin-filename', 'values.yaml', '--format', 'compact'], { stdin: 'replicas: 2\n' });
  assert.equal([values.status, values.stdout, values.stderr], [0, '', '']);
});

test('NET001 points at the Service and relates the Terraform that decides the network', async () => {
  const result = await scanDirectory(repoPath('fixtures', 'network', 'NET001'));
  const finding = result.findings.find((candidate) => candidate.ruleId === 'NET001' && candidate.location.range.start.line === 9)!;
  assert.equal(finding.related.map((location) => [location.path, location.range.start.line, location.range.start.column, location.message]), [['main.tf', 5, 20, 'aws_vpc.main gets no IPv6 CIDR block here']]);
  const eks = await scanDirectory(repoPath('fixtures', 'network', 'NET001-eks'));
  assert.match(eks.findings[0]!.message, /the cluster network has no IPv6 \(aws_eks_cluster\.payments\)/);
  assert.is(eks.findings[0]!.related[0]!.path, 'main.tf');
});

test('a manifest named on its own (pre-commit) is still checked against the Terraform that decides the network', async () => {
  const directory = repoPath('fixtures', 'network', 'NET001');
  const result = await scanDirectory(directory, [join(directory, 'service.yaml')]);
  assert.equal(result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line} ${finding.ruleId} ${finding.related[0]?.path}`), ['service.yaml:9 NET001 main.tf', 'service.yaml:23 NET001 main.tf', 'service.yaml:34 NET001 main.tf']);
});

const DUAL_STACK_SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ipFamilyPolicy: RequireDualStack\n  ports:\n    - port: 80\n';
const IPV4_VPC = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';
const DUAL_STACK_VPC = 'resource "aws_vpc" "dual" {\n  cidr_block                       = "10.1.0.0/16"\n  assign_generated_ipv6_cidr_block = true\n}\n';

test('a manifest named with a file of another repository is checked against its own repository\'s network, not one elsewhere under their common parent', async () => {
  const root = makeTree({
    'a/.git/HEAD': 'ref: refs/heads/main\n',
    'a/k8s/service.yaml': DUAL_STACK_SERVICE,
    'a/main.tf': IPV4_VPC,
    'unrelated/main.tf': DUAL_STACK_VPC,
    'b/.git/HEAD': 'ref: refs/heads/main\n',
    'b/Dockerfile': 'FROM alpine:3.22\nUSER 1000\n',
  });
  const result = await scanDirectory(root, [join(root, 'a/k8s/service.yaml'), join(root, 'b/Dockerfile')], { namedFrom: makeTree() });
  assert.equal(result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line} ${finding.ruleId} ${finding.related[0]?.path}`), ['a/k8s/service.yaml:6 NET001 a/main.tf']);
  assert.equal([...result.sources.keys()].sort(), ['a/k8s/service.yaml', 'a/main.tf', 'b/Dockerfile']);
});

test('a manifest named from outside the working directory, in no repository, reads the Terraform of its own directory, not of the parent it shares with another named file', () => {
  const root = makeTree({ 'x/service.yaml': DUAL_STACK_SERVICE, 'x/main.tf': IPV4_VPC, 'y/Dockerfile': 'FROM alpine:3.22\nUSER 1000\n', 'unrelated/main.tf': DUAL_STACK_VPC });
  const run = merlint(['--format', 'compact', join(root, 'x/service.yaml'), join(root, 'y/Dockerfile')], { cwd: makeTree() });
  assert.is(run.status, 1, run.stderr);
  assert.equal(run.stdout.split('\n').filter(Boolean).map((line) => line.split(' ').slice(0, 3).join(' ')), ['x/service.yaml:6:19: error NET001']);
});

test('container env with Go settings is a fact for the GOP rules, at the value', async () => {
  const { buildKubernetes } = await import('../src/languages/kubernetes/model.js');
  const document = parseManifests({ path: 'deploy/api.yaml', kind: 'kubernetes', text: DEPLOYMENT }).document as KubernetesDocument;
  const { facts } = await buildKubernetes([document], { reader: new RootReader('.'), varFiles: [], requested: EVERY_PART_REQUESTED });
  const settings = facts.goSettings!();
  assert.equal(
    settings.map((setting) => [setting.name, setting.value, setting.at.range.start.line, setting.at.range.start.column, setting.verbatim, setting.source]),
    [
      ['GOPROXY', 'https://proxy.golang.org,direct', 13, 23, true, 'Kubernetes container env'],
      ['GOFLAGS', undefined, 15, 26, false, 'Kubernetes container env'],
    ],
  );
});

test('a quoted string folded onto lines no deeper than its key, as go-yaml writes it, is read with positions in the file', () => {
  const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  annotations:\n    summary: 'first line\n    it''s the second'\n    owner: \"the \\\"core\\\" platform\n  team\"\ndata:\n  region: ap-southeast-1\n";
  const { document, errors } = parse(text);
  assert.equal(errors, []);
  const root = document!.objects[0]!.root;
  const summary = at(root, 'metadata', 'annotations', 'summary');
  const owner = at(root, 'metadata', 'annotations', 'owner');
  const region = at(root, 'data', 'region');
  assert.equal(summary?.type === 'scalar' && summary.text, "first line it's the second");
  assert.equal(summary?.range, { start: { line: 6, column: 15 }, end: { line: 7, column: 21 } });
  assert.equal(owner?.type === 'scalar' && owner.text, 'the "core" platform team');
  assert.equal(owner?.range, { start: { line: 8, column: 13 }, end: { line: 9, column: 7 } });
  assert.equal(region?.range, { start: { line: 11, column: 11 }, end: { line: 11, column: 25 } });
});

test('a quoted rule folded onto lines left of its key, where a cut line ends in an escaped quote, reads as PyYAML reads it', () => {
  const text = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nrules:\n  - message: m\n    rule: 'a == ''x''\n  > 1 ? ''y'' : z'\n  - message: n\n";
  const { document, errors } = parse(text);
  assert.equal(errors, []);
  const [first, second] = items(at(document!.objects[0]!.root, 'rules'));
  const rule = at(first, 'rule');
  assert.equal(rule?.type === 'scalar' && rule.text, "a == 'x' > 1 ? 'y' : z");
  assert.equal(rule?.range, { start: { line: 5, column: 12 }, end: { line: 6, column: 18 } });
  assert.equal(at(second, 'message')?.range, { start: { line: 7, column: 14 }, end: { line: 7, column: 15 } });
});

test('a flow list or map with lines no deeper than its key reads as go-yaml reads it, a bracket in a comment on its lines aside', () => {
  const text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  list: [a, # not closed here ]\n  b\n  ]\n  map: {c: d,\n  e: f} # }\n  after: x\n";
  const { document, errors } = parse(text);
  assert.equal(errors, []);
  const data = at(document!.objects[0]!.root, 'data');
  assert.equal(items(at(data, 'list')).map((item) => item.type === 'scalar' && item.text), ['a', 'b']);
  assert.equal(at(data, 'map', 'e')?.range, { start: { line: 8, column: 6 }, end: { line: 8, column: 7 } });
  assert.equal(at(data, 'after')?.range, { start: { line: 9, column: 10 }, end: { line: 9, column: 11 } });
  assert.equal(parse('kind: ConfigMap\ndata:\n  list: [a,\n  b\n').errors.length, 1, 'a list nothing closes stays a MER000');
});

test('a quoted string folded left of its key stays a MER000 when it is broken past the folding', () => {
  const { errors } = parse("kind: ConfigMap\ndata:\n  check: 'a\n> 1' and more\n");
  assert.equal(errors.map((error) => error.range.start), [{ line: 3, column: 10 }]);
});

test('a quoted string whose cut line ends in an escaped quote reads on as go-yaml reads it, not as a short value and a null key', () => {
  const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  single: 'one ''\n: two'\n  double: \"three \\\"\nAWS_REGION: eu-west-3\"\n  after: x\n";
  const { document, errors } = parse(text);
  assert.equal(errors, []);
  const data = at(document!.objects[0]!.root, 'data');
  assert.equal(data?.type === 'map' && data.entries.map((entry) => [entry.key, entry.value.type === 'scalar' && entry.value.text]), [
    ['single', "one ' : two"],
    ['double', 'three " AWS_REGION: eu-west-3'],
    ['after', 'x'],
  ]);
  assert.equal(at(data, 'double')?.range, { start: { line: 8, column: 12 }, end: { line: 9, column: 22 } });
});

test('a quoted string that ends in an escaped quote where the text ends is a MER000 at its opening quote, not a value', () => {
  for (const [text, quote] of [["kind: ConfigMap\ndata:\n  a: 'one ''\nb: two ''", "'"], ["kind: ConfigMap\ndata:\n  a: 'one ''", "'"], ['kind: ConfigMap\ndata:\n  a: "one \\"', '"']]) {
    const { document, errors } = parse(text!);
    assert.equal(document!.objects, [], text);
    assert.equal(errors.map((error) => [error.message, error.range.start]), [[`YAML: Missing closing ${quote}quote; this document is not checked`, { line: 3, column: 6 }]], text);
  }
});

test('a part of a quoted value folded over lines is placed where it is written, in single quotes as in double', () => {
  for (const quote of ["'", '"']) {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LISTEN: ${quote}accepts\n    on [::]:8443${quote}\n`;
    const { document } = parse(text);
    const node = at(document!.objects[0]!.root, 'data', 'LISTEN') as ScalarNode;
    assert.equal(partRange(document!, node, node.text.indexOf('[::]'), 4), { start: { line: 7, column: 8 }, end: { line: 7, column: 12 } }, `quote ${quote}`);
  }
});

test.run();
