import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoPath } from './helpers/scan.js';

const CLEAN_IMAGE = 'FROM gcr.io/distroless/static-debian12:nonroot\nUSER nonroot\n';
const ROOT_IMAGE = 'FROM alpine:3.20\nUSER root\n';

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
}

function repository(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-changed-'));
  git(directory, 'init', '-q', '-b', 'main');
  git(directory, 'config', 'user.email', 'dev@example.sg');
  git(directory, 'config', 'user.name', 'Dev');
  write(directory, files);
  git(directory, 'add', '-A');
  git(directory, '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'start');
  return directory;
}

function write(directory: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
}

function merlint(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [repoPath('bin', 'merlint.js'), '--format', 'compact', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function reportedPaths(stdout: string): string[] {
  return [...new Set(stdout.split('\n').filter(Boolean).map((line) => line.split(':')[0]!))].sort();
}

test('--changed scans staged, unstaged and new files against HEAD, and nothing else', () => {
  const directory = repository({ 'old/Dockerfile': ROOT_IMAGE, 'staged/Dockerfile': CLEAN_IMAGE, 'edited/Dockerfile': CLEAN_IMAGE });
  try {
    write(directory, { 'staged/Dockerfile': ROOT_IMAGE, 'edited/Dockerfile': ROOT_IMAGE, 'new/Dockerfile': ROOT_IMAGE, 'notes.md': '# not scanned\n' });
    git(directory, 'add', 'staged/Dockerfile');
    const result = merlint(directory, '--changed');
    assert.is(result.status, 1, result.stderr);
    assert.equal(reportedPaths(result.stdout), ['edited/Dockerfile', 'new/Dockerfile', 'staged/Dockerfile']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--changed within a directory named through a symbolic link finds the changed files of its target', () => {
  const directory = repository({ 'services/api/Dockerfile': CLEAN_IMAGE, 'services/web/Dockerfile': CLEAN_IMAGE });
  try {
    symlinkSync(join('services', 'api'), join(directory, 'api'));
    write(directory, { 'services/api/Dockerfile': ROOT_IMAGE, 'services/web/Dockerfile': ROOT_IMAGE });
    const result = merlint(directory, '--changed', 'api');
    assert.is(result.status, 1, result.stderr);
    assert.equal(reportedPaths(result.stdout), ['services/api/Dockerfile']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('--changed=REF compares with that ref; nothing changed means a clean run', () => {
  const directory = repository({ 'a/Dockerfile': ROOT_IMAGE });
  try {
    assert.is(merlint(directory, '--changed').status, 0);
    write(directory, { 'b/Dockerfile': ROOT_IMAGE });
    git(directory, 'add', '-A');
    git(directory, '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'b');
    const result = merlint(directory, '--changed=HEAD~1');
    assert.equal(reportedPaths(result.stdout), ['b/Dockerfile']);
    const bad = merlint(directory, '--changed=no-such-ref');
    assert.is(bad.status, 2);
    assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a changed .tf is checked with its whole workspace, but only its findings are reported', () => {
  const directory = repository({
    'infra/variables.tf': 'variable "region" {\n  type = string\n}\n',
    'infra/terraform.tfvars': 'region = "eu-west-1"\n',
    'infra/main.tf': 'provider "aws" {\n  region = "ap-southeast-1"\n}\n',
    'legacy/main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
  });
  try {
    write(directory, { 'infra/main.tf': 'provider "aws" {\n  region = var.region\n}\n' });
    const result = merlint(directory, '--changed');
    // The region is written in the unchanged tfvars: reported there, because the changed main.tf uses it.
    assert.match(result.stdout, /^infra\/terraform\.tfvars:1:10: error RES001 /m);
    assert.not.match(result.stdout, /legacy\//);
    assert.not.match(result.stdout, /RES003/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
