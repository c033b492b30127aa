import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { bytesUnder, megabytes, trackedCopy } from './helpers/install.js';
import { repoPath } from './helpers/scan.js';

interface Step {
  id?: string;
  run: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(repoPath('action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { steps: Step[] } };
const scanStep = action.runs.steps.find((step) => step.id === 'scan')!;
const installStep = action.runs.steps.find((step) => step.id === 'install')!;

/** Runs the action's scan step the way a runner does: inputs as env, bash, GITHUB_* files. */
function runScanStep(workspace: string, inputs: Record<string, string>, actionPath = repoPath()) {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: join(workspace, 'output'), GITHUB_STEP_SUMMARY: join(workspace, 'summary'), NO_COLOR: '1' };
  for (const [name, expression] of Object.entries(scanStep.env ?? {})) {
    const input = /inputs\.([a-z-]+)/.exec(expression)![1]!;
    env[name] = inputs[input] ?? action.inputs[input]!.default;
  }
  writeFileSync(env.GITHUB_OUTPUT!, '');
  return spawnSync('bash', ['-e', '-c', scanStep.run], { cwd: workspace, env, encoding: 'utf8' });
}

test('the scan step prints annotations, writes SARIF and the step summary, and fails on errors', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'merlint-action-'));
  try {
    writeFileSync(join(workspace, 'Dockerfile'), 'FROM golang:1.22\nUSER 10001\n');
    writeFileSync(join(workspace, 'ok.Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nUSER nonroot\n');
    const result = runScanStep(workspace, { paths: 'Dockerfile ok.Dockerfile' });
    assert.is(result.status, 1, result.stderr);
    assert.match(result.stdout, /^::error title=DKR001\/golang-final-stage,file=Dockerfile,line=1,endLine=1,col=6,endColumn=17::the final stage is the Go toolchain/m);
    const sarif = JSON.parse(readFileSync(join(workspace, 'merlint.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    assert.ok(sarif.runs[0]!.results.length > 0);
    assert.match(readFileSync(join(workspace, 'summary'), 'utf8'), /\| error \| DKR001 \|/);
    assert.match(readFileSync(join(workspace, 'output'), 'utf8'), /^sarif-file=merlint\.sarif$/m);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('fail-on none keeps the step green; extra formats are written', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'merlint-action-'));
  try {
    writeFileSync(join(workspace, 'Dockerfile'), 'FROM golang:1.22\nUSER 10001\n');
    const result = runScanStep(workspace, { 'fail-on': 'none', formats: 'json:merlint.json', 'sarif-file': '' });
    assert.is(result.status, 0, result.stderr);
    assert.ok(JSON.parse(readFileSync(join(workspace, 'merlint.json'), 'utf8')).findings.length > 0);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('a matrix of shard jobs and a merge job give one SARIF with every finding, and the merge fails on errors', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'merlint-action-'));
  try {
    writeFileSync(join(workspace, 'Dockerfile'), 'FROM golang:1.22\nUSER 10001\n');
    writeFileSync(join(workspace, 'main.tf'), 'provider "aws" {\n  region = "us-east-1"\n}\n');
    for (const shard of ['1/2', '2/2']) {
      const part = runScanStep(workspace, { shard, 'fail-on': 'none', 'sarif-file': `shard-${shard[0]}.sarif` });
      assert.is(part.status, 0, part.stderr);
    }
    const merged = runScanStep(workspace, { 'merge-sarif': 'shard-*.sarif' });
    assert.is(merged.status, 1, merged.stderr);
    const sarif = JSON.parse(readFileSync(join(workspace, 'merlint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.runs[0]!.results.map((result) => result.ruleId), ['DKR001', 'RES001']);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('on a cold runner the action installs only its run-time dependencies and scans with the committed bundle', () => {
  const actionPath = trackedCopy();
  const cache = mkdtempSync(join(tmpdir(), 'merlint-npm-cache-'));
  const workspace = mkdtempSync(join(tmpdir(), 'merlint-action-'));
  try {
    assert.not.ok(existsSync(join(actionPath, 'node_modules')));
    const started = performance.now();
    const install = spawnSync('bash', ['-e', '-c', installStep.run], { env: { ...process.env, GITHUB_ACTION_PATH: actionPath, npm_config_cache: cache }, encoding: 'utf8' });
    assert.is(install.status, 0, install.stderr);
    writeFileSync(join(workspace, 'main.tf'), 'provider "aws" {\n  region = "us-east-1"\n}\n');
    const result = runScanStep(workspace, { paths: '.' }, actionPath);
    const seconds = (performance.now() - started) / 1000;
    assert.is(result.status, 1, result.stderr);
    assert.match(result.stdout, /^::error title=RES001\/region-not-allowed,file=main\.tf,line=2/m);
    for (const tool of ['typescript', 'esbuild', 'uvu', 'yaml']) assert.not.ok(existsSync(join(actionPath, 'node_modules', tool)), `${tool} installed`);
    console.log(`  action on a cold runner: ${megabytes(bytesUnder(cache))} downloaded, first finding after ${seconds.toFixed(1)} s`);
  } finally {
    for (const directory of [actionPath, cache, workspace]) rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
