import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoPath } from './helpers/scan.js';

const POLICY = `id: ACME001
title: ADD never downloads from a URL
level: warning
rationale: ADD with a URL downloads at build time without a checksum the reviewer can see.
remediation: Download in a RUN step that verifies a pinned checksum.
target: dockerfile.instruction
select:
  type: ADD
assert:
  path: sources[*]
  notMatches: ^https?://
message: ADD downloads from a URL
`;

/** A project with a config listing one team policy, and a Dockerfile that breaks it. */
function project(config = 'policies:\n  - policies\n'): string {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-yaml-cache-'));
  mkdirSync(join(directory, 'policies'));
  writeFileSync(join(directory, '.merlint.yaml'), config);
  writeFileSync(join(directory, 'policies', 'add.policy.yaml'), POLICY);
  writeFileSync(join(directory, 'Dockerfile'), 'FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/\n');
  return directory;
}

function merlint(directory: string, cache: string) {
  const run = spawnSync(process.execPath, [repoPath('bin', 'merlint.js'), '--format', 'compact', 'Dockerfile'], {
    cwd: directory,
    encoding: 'utf8',
    env: { ...process.env, MERLINT_CODE_CACHE: cache, NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function yamlEntries(cache: string): string[] {
  return readdirSync(cache).flatMap((version) => readdirSync(join(cache, version)).filter((name) => name.startsWith('yaml-')).map((name) => join(cache, version, name)));
}

test('the config and a team policy that passed are kept by text, and a kept value is what the next run uses', () => {
  const directory = project();
  const cache = join(directory, '.cache');
  const first = merlint(directory, cache);
  assert.match(first.stdout, 'ACME001');
  assert.is(yamlEntries(cache).length, 2, 'one entry for the config, one for the policy');
  assert.equal(merlint(directory, cache), first);
  const policyEntry = yamlEntries(cache).find((path) => readFileSync(path, 'utf8').includes('ACME001'))!;
  const entry = JSON.parse(readFileSync(policyEntry, 'utf8')) as { text: string; value: { message: string } };
  entry.value.message = 'the kept value';
  writeFileSync(policyEntry, JSON.stringify(entry));
  assert.match(merlint(directory, cache).stdout, 'the kept value');
  writeFileSync(join(directory, 'policies', 'add.policy.yaml'), POLICY.replace('ADD downloads from a URL', 'the edited file'));
  assert.match(merlint(directory, cache).stdout, 'the edited file', 'an entry serves only the exact text it was made from');
});

test('files of the same length in two projects keep an entry each, named by where they are', () => {
  const cache = join(mkdtempSync(join(tmpdir(), 'merlint-yaml-cache-')), 'cache');
  const first = project('policies:\n  - policies\nfailOn: note\n');
  const second = project('policies:\n  - policies\nfailOn: none\n');
  merlint(first, cache);
  merlint(second, cache);
  assert.is(yamlEntries(cache).length, 4, 'a config and a policy for each project');
  const configs = yamlEntries(cache).map((path) => (JSON.parse(readFileSync(path, 'utf8')) as { text: string }).text).filter((text) => text.includes('failOn'));
  assert.equal(configs.sort(), ['policies:\n  - policies\nfailOn: none\n', 'policies:\n  - policies\nfailOn: note\n']);
});

test('a message about a file read from the cache gives the same file:line:col as one read afresh', () => {
  const directory = project('policies:\n  - policies\nrules:\n  XYZ999: off\n');
  const cache = join(directory, '.cache');
  const cold = merlint(directory, cache);
  assert.is(cold.status, 2);
  assert.match(cold.stderr, '.merlint.yaml:4:3: unknown rule id XYZ999');
  assert.ok(yamlEntries(cache).length > 0, 'the config passed its schema and was kept');
  assert.equal(merlint(directory, cache), cold);
});

test("a policy's problem found after its file was kept gives the same file:line:col from the cache as afresh", () => {
  const directory = project();
  writeFileSync(join(directory, 'policies', 'add.policy.yaml'), POLICY.replace('path: sources[*]', 'path: sources.nope'));
  const cache = join(directory, '.cache');
  const cold = merlint(directory, cache);
  assert.is(cold.status, 2);
  assert.match(cold.stderr, 'add.policy.yaml:10:3: unknown path sources.nope');
  assert.is(yamlEntries(cache).length, 2, 'the policy passed its schema and was kept');
  assert.equal(merlint(directory, cache), cold);
});

test('a run whose config and policies come from the cache loads neither the YAML library nor their validators', () => {
  const directory = project();
  const cache = join(directory, '.cache');
  merlint(directory, cache);
  for (const version of readdirSync(cache)) {
    for (const entry of readdirSync(join(cache, version))) if (entry.endsWith('.v8')) rmSync(join(cache, version, entry));
  }
  assert.match(merlint(directory, cache).stdout, 'ACME001');
  // With the code cache emptied, the loader writes an entry for each file of the bundle the run compiled.
  const chunks = JSON.parse(readFileSync(repoPath('dist', 'bundle-chunks.json'), 'utf8')) as Record<string, string[]>;
  const loaded = readdirSync(cache).flatMap((version) => readdirSync(join(cache, version))).filter((entry) => entry.endsWith('.v8')).flatMap((entry) => chunks[entry.replace(/\.cjs\..*$/, '.cjs')] ?? []);
  assert.ok(loaded.includes('src/policies/load.ts'), 'the policies were loaded');
  assert.equal(loaded.filter((source) => source.startsWith('node_modules/yaml/') || source === 'src/parsed-yaml.ts' || source.endsWith('-validator.generated.ts')), []);
});

test('an entry another build left is not used: its key holds the validator, the versions of the YAML library and of merlint, and the code that makes values', async () => {
  const directory = project();
  const cache = join(directory, '.cache');
  const first = merlint(directory, cache);
  const policyEntry = yamlEntries(cache).find((path) => readFileSync(path, 'utf8').includes('ACME001'))!;
  const entry = JSON.parse(readFileSync(policyEntry, 'utf8')) as { text: string; value: { message: string } };
  entry.value.message = "another build's value";
  // The builds before this key named an entry by the digest of the schema's text alone, whatever parsed and validated it.
  const schemaOnly = createHash('sha256').update(readFileSync(repoPath('schemas', 'policy.schema.json'), 'utf8')).digest('hex').slice(0, 16);
  const olderBuilds = join(policyEntry, '..', basename(policyEntry).replace(/^yaml-[0-9a-f]+-/, `yaml-${schemaOnly}-`));
  writeFileSync(olderBuilds, JSON.stringify(entry));
  assert.equal(merlint(directory, cache), first);
  const { yamlValueDigest, yamlValueInputs } = (await import(pathToFileURL(repoPath('scripts', 'yaml-value-digest.mjs')).href)) as {
    yamlValueDigest(code: string, inputs?: { yamlVersion: string; merlintVersion: string; code: string[][] }): string;
    yamlValueInputs(): { yamlVersion: string; merlintVersion: string; code: string[][] };
  };
  const inputs = yamlValueInputs();
  assert.ok(inputs.code.some(([path]) => path === 'src/parsed-yaml.ts'));
  const digest = yamlValueDigest('validator', inputs);
  for (const other of [{ yamlVersion: '2.0.0' }, { merlintVersion: '9.9.9' }, { code: [['src/parsed-yaml.ts', 'changed']] }]) {
    assert.is.not(yamlValueDigest('validator', { ...inputs, ...other }), digest, JSON.stringify(other));
  }
  assert.is.not(yamlValueDigest('another validator', inputs), digest);
});

test('nothing is kept with MERLINT_CODE_CACHE=off, nor a value JSON cannot hold', () => {
  const off = project();
  merlint(off, 'off');
  assert.equal(readdirSync(off).sort(), ['.merlint.yaml', 'Dockerfile', 'policies']);
  const infinite = project('policies:\n  - policies\ngoproxy:\n  allowedHosts: [a.example]\n');
  const unbounded = POLICY.replace('assert:\n  path: sources[*]\n  notMatches: ^https?://\n', 'assert:\n  all:\n    - path: sources[*]\n      notMatches: ^https?://\n    - path: keyword\n      notEquals: .inf\n');
  assert.ok(unbounded.includes('.inf'));
  writeFileSync(join(infinite, 'policies', 'add.policy.yaml'), unbounded);
  const cache = join(infinite, '.cache');
  const run = merlint(infinite, cache);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  assert.is(yamlEntries(cache).length, 1, 'the config is kept; the policy with .inf is a number JSON cannot hold');
});

test.run();
