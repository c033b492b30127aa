import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules, checksByKind, documentRules } from '../rules/index.js';
import { loadChecks } from '../src/checks.js';
import { defaultConfig } from '../src/config/config.js';
import type { KubernetesModel } from '../src/languages/kubernetes/model.js';
import type { Kind } from '../src/types.js';
import { repoPath } from './helpers/scan.js';
import { loadWorkspace, writeTree } from './helpers/terraform.js';

/**
 * The source files (as esbuild names them) in the chunks of dist/bundle that the built CLI loads to scan one file `name`:
 * run with an empty code cache, the loader writes an entry for each chunk it compiled.
 */
function sourcesLoaded(name: string, text: string, config?: string): Set<string> {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-loading-'));
  writeFileSync(join(directory, name), text);
  if (config !== undefined) writeFileSync(join(directory, '.merlint.yaml'), config);
  const cache = join(directory, 'cache');
  const run = spawnSync(process.execPath, [repoPath('bin', 'merlint.js'), name], {
    cwd: directory,
    encoding: 'utf8',
    env: { ...process.env, MERLINT_CODE_CACHE: cache, NO_COLOR: '1' },
  });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  const chunks = JSON.parse(readFileSync(repoPath('dist', 'bundle-chunks.json'), 'utf8')) as Record<string, string[]>;
  const loaded = readdirSync(cache).flatMap((version) => readdirSync(join(cache, version))).map((entry) => entry.replace(/\.cjs\..*$/, '.cjs')); // an entry is named by its chunk, then by the V8 flags set before the chunk compiled
  assert.ok(loaded.includes('cli.cjs'), 'the cache saw the bundle load');
  return new Set(loaded.flatMap((chunk) => chunks[chunk] ?? []));
}

/**
 * Asserts that the file of each document rule was loaded exactly when the rule applies to `kind`, and
 * that no other file of rules/<family>/ (a helper) was loaded unless a rule of its family applies.
 */
function assertRulesLoaded(loaded: Set<string>, kind: Kind): void {
  for (const rule of documentRules) {
    const file = [...loaded].find((path) => path.endsWith(`/${rule.id}-${rule.slug}.ts`));
    assert.is(Boolean(file), rule.kinds.includes(kind), `${rule.id} (${rule.kinds.join(', ')}) loaded for a ${kind} file: ${file}`);
  }
  const families = new Set([...loaded].flatMap((path) => (documentRules.some((rule) => rule.kinds.includes(kind) && path.endsWith(`/${rule.id}-${rule.slug}.ts`)) ? [path.split('/')[1]] : [])));
  const strays = [...loaded].filter((path) => /^rules\/(?!generated\/)[^/]+\//.test(path) && !families.has(path.split('/')[1]));
  assert.equal(strays, [], `rule code of other kinds loaded for a ${kind} file`);
}

test('a run over one Dockerfile loads the Dockerfile rules and no Terraform rule module, nor a reporter of another format', () => {
  const loaded = sourcesLoaded('Dockerfile', 'FROM golang:1.25.4 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
  assertRulesLoaded(loaded, 'dockerfile');
  assert.ok(loaded.has('src/reporters/text.ts'));
  assert.equal([...loaded].filter((path) => /^src\/reporters\/(sarif|github|json|compact)\.ts$/.test(path)), []);
});

test('a run over one Dockerfile loads dockerfile-ast only when the file holds a form the plain reader leaves to it', () => {
  const loadsDockerfileAst = (text: string) => [...sourcesLoaded('Dockerfile', text)].some((path) => path.startsWith('node_modules/dockerfile-ast/'));
  const plain = 'FROM --platform=$BUILDPLATFORM golang:1.25.4 AS build\nRUN --mount=type=cache,target=/root/.cache \\\n    go build -o /app .\nRUN <<EOF\napk add git\nEOF\nFROM scratch\nCOPY --from=build /app /app\n';
  assert.is(loadsDockerfileAst(plain), false);
  assert.is(loadsDockerfileAst(`${plain}ONBUILD RUN make\n`), true);
});

test('a run that validates a config, team policies and an ECR lifecycle policy loads no module from node_modules at run time', () => {
  // examples/infra/main.tf from examples/: its .merlint.yaml lists policies/, and infra/ecr.tf holds a lifecycle policy.
  const directory = mkdtempSync(join(tmpdir(), 'merlint-loading-'));
  const record = join(directory, 'record.cjs');
  const out = join(directory, 'modules.json');
  writeFileSync(record, "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, JSON.stringify(Object.keys(require.cache))));\n");
  const run = spawnSync(process.execPath, ['-r', record, repoPath('bin', 'merlint.js'), 'infra/main.tf'], {
    cwd: repoPath('examples'),
    encoding: 'utf8',
    env: { ...process.env, MERLINT_CODE_CACHE: join(directory, 'cache'), MODULES_OUT: out, NO_COLOR: '1' },
  });
  assert.is(run.status, 1, run.stderr);
  assert.ok(run.stdout.includes('ACME001'), 'the team policies ran');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')), [record, repoPath('bin', 'merlint.js')]);
});

test('a run over one .tf file loads the Terraform rules and no Dockerfile rule module', () => {
  assertRulesLoaded(sourcesLoaded('main.tf', 'resource "aws_ecr_repository" "app" {\n  name = "app"\n}\n'), 'terraform');
});

test('a run over one .tf file loads the YAML library only when the file can call yamlencode', () => {
  const loadsYaml = (text: string) => [...sourcesLoaded('main.tf', text)].some((path) => path.startsWith('node_modules/yaml/'));
  assert.is(loadsYaml('provider "aws" {\n  region = "ap-southeast-1"\n}\n'), false);
  assert.is(loadsYaml('locals {\n  values = yamlencode({ region = "ap-southeast-1" })\n}\n'), true);
});

test('a manifest loads the shell reader and its grammar only when a container script may change a kernel parameter or run a script file', () => {
  const pod = (script: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: busybox:1.36\n      command: ["sh", "-c", ${JSON.stringify(script)}]\n`;
  const loadsShellReader = (script: string) => [...sourcesLoaded('pod.yaml', pod(script))].some((path) => path.startsWith('node_modules/web-tree-sitter/'));
  assert.is(loadsShellReader('until nc -z db 5432; do sleep 2; done; exec /app'), false);
  assert.is(loadsShellReader('sysctl -w net.core.somaxconn=1024 && exec /app'), true);
  assert.is(loadsShellReader('exec /opt/start.sh'), true);
});

test('a manifest loads no shell reader when every rule that reads container scripts is off', () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: busybox:1.36\n      command: ["sh", "-c", "sysctl -w net.core.somaxconn=1024 && exec /opt/start.sh"]\n`;
  const readers = documentRules.filter((rule) => rule.reads?.includes('container-scripts')).map((rule) => rule.id);
  const loadsShellReader = (off: readonly string[]) => {
    const config = `rules:\n${off.map((id) => `  ${id}: off\n`).join('')}`;
    return [...sourcesLoaded('pod.yaml', pod, config)].some((path) => path.startsWith('node_modules/web-tree-sitter/'));
  };
  assert.is(loadsShellReader(readers), false);
  for (const id of readers) assert.is(loadsShellReader(readers.filter((other) => other !== id)), true, `${id} on alone`);
});

test('a rule reads container scripts exactly when its metadata says so', async () => {
  const workspace = await loadWorkspace(
    writeTree({
      'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n      command: ["sh", "-c", "sysctl -w net.ipv6.conf.all.disable_ipv6=1 && exec /opt/start.sh"]\n`,
      'start.sh': 'sysctl -w net.core.somaxconn=1024\n',
      Dockerfile: 'FROM alpine:3.22\nCOPY start.sh /opt/start.sh\nUSER 10001\n',
    }),
  );
  // A network without IPv6, so that the network rules look at every container.
  const settings = { ...defaultConfig().settings, network: { ipv6: false } };
  for (const rule of await loadChecks(allRules, new Set(workspace.documents.map((document) => document.kind)))) {
    let readsScripts = false;
    const scriptOf: KubernetesModel['scriptOf'] = (container) => {
      readsScripts = true;
      return workspace.kubernetes.scriptOf(container);
    };
    const watched = { ...workspace, kubernetes: { ...workspace.kubernetes, scriptOf } };
    for (const document of workspace.documents.filter((document) => rule.kinds.includes(document.kind))) rule.check({ document, workspace: watched, settings, report: () => {} });
    assert.is(readsScripts, rule.reads?.includes('container-scripts') ?? false, rule.id);
  }
});

/** Per-kind loaders that record the kinds whose module was asked for. */
function recordingModules(): { modules: typeof checksByKind; loaded: Kind[] } {
  const loaded: Kind[] = [];
  const modules = Object.fromEntries(
    Object.entries(checksByKind).map(([kind, load]) => [
      kind,
      () => {
        loaded.push(kind as Kind);
        return load();
      },
    ]),
  ) as typeof checksByKind;
  return { modules, loaded };
}

test('loadChecks loads the enabled rules that apply to the kinds in the scan, in id order', async () => {
  const { modules, loaded } = recordingModules();
  const enabled = allRules.filter((rule) => rule.id !== 'DKR002');
  const checks = await loadChecks(enabled, new Set<Kind>(['dockerfile']), modules);
  assert.equal(loaded, ['dockerfile']);
  const expected = documentRules.filter((rule) => rule.id !== 'DKR002' && rule.kinds.includes('dockerfile')).map((rule) => rule.id);
  assert.equal(checks.map((rule) => rule.id), expected);
  assert.ok(checks.every((rule) => typeof rule.check === 'function'));
});

test('loadChecks loads no module for a scan without documents, nor for a kind whose rules are all off', async () => {
  const { modules, loaded } = recordingModules();
  assert.equal(await loadChecks(allRules, new Set(), modules), []);
  const noDockerRules = allRules.filter((rule) => !rule.kinds.includes('dockerfile'));
  const checks = await loadChecks(noDockerRules, new Set<Kind>(['dockerfile', 'tfvars']), modules);
  assert.equal(loaded, ['tfvars']);
  // Rules of every kind (PDPA003) are off with the Dockerfile rules here.
  assert.equal(checks.map((rule) => rule.id), documentRules.filter((rule) => rule.kinds.includes('tfvars') && !rule.kinds.includes('dockerfile')).map((rule) => rule.id));
});

test.run();
