import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bytesUnder, megabytes } from './helpers/install.js';
import { repoPath } from './helpers/scan.js';

/*
 * The package a user installs (`npm pack`, then `npm install -g` or `npx merlint`): the bundled CLI,
 * schemas, the problem matcher and the run-time dependencies, with no build step at install time.
 * Installed from the tarball with no install script run, so nothing is built at install time. The
 * run-time dependencies come from the npm cache that `npm ci` filled where it can: `npm ci` caches the
 * registry's abbreviated metadata, and an install of a tarball asks for the full one, so on a machine
 * whose cache holds nothing else `--offline` fails (ENOTCACHED) and the registry `npm ci` used is asked.
 */

function run(command: string, args: string[], cwd: string) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
}

test('the packed package holds the bundle and what it needs, installs without building, and scans', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'merlint-package-'));
  try {
    const packed = run('npm', ['pack', '--json', '--pack-destination', scratch], repoPath());
    assert.is(packed.status, 0, packed.stderr);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const tops = [...new Set(files.map((file) => file.path.split('/')[0]!))].sort();
    assert.equal(tops, ['README.md', 'bin', 'dist', 'fixtures', 'package.json', 'problem-matcher.json', 'schemas']);
    assert.ok(files.some((file) => file.path === 'dist/grammars/tree-sitter-bash.wasm'), 'the grammars are shipped');
    assert.ok(files.every((file) => !file.path.startsWith('dist/') || /^dist\/(bundle|grammars)\//.test(file.path)), 'only the bundle and grammars of dist/');

    const prefix = join(scratch, 'prefix');
    const installed = run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(scratch, filename)], scratch);
    assert.is(installed.status, 0, installed.stderr);
    const size = bytesUnder(join(prefix, 'lib', 'node_modules'));
    console.log(`  installed package with its run-time dependencies: ${megabytes(size)}`);
    assert.ok(size <= 40_000_000, `installed size ${megabytes(size)} is over 40 MB`);

    const project = join(scratch, 'project');
    run('mkdir', [project], scratch);
    writeFileSync(join(project, 'Dockerfile'), 'FROM golang:1.22\nUSER 10001\n');
    // ONBUILD is left to dockerfile-ast, which the bundle ships in a file of its own (dist/bundle/dockerfile-ast.cjs).
    writeFileSync(join(project, 'Dockerfile.onbuild'), 'FROM golang:1.22\nONBUILD RUN make\nUSER 10001\n');
    writeFileSync(join(project, 'main.tf'), 'provider "aws" {\n  region = "us-east-1"\n}\n');
    writeFileSync(join(project, 'build.sh'), '#!/bin/sh\nexport GOSUMDB=off\n');
    writeFileSync(join(project, 'main.go'), 'package main\n\nimport "log"\n\nfunc main() {\n\tvar phone string\n\tlog.Printf("sms to %s", phone)\n}\n');
    const scanned = run(join(prefix, 'bin', 'merlint'), ['--format', 'compact', '.'], project);
    assert.is(scanned.status, 1, scanned.stderr);
    assert.match(scanned.stdout, /^Dockerfile:1:6: error DKR001 /m);
    assert.match(scanned.stdout, /^Dockerfile\.onbuild:1:6: error DKR001 /m);
    assert.match(scanned.stdout, /^main\.tf:2:12: error RES001 /m);
    // The shipped grammars (dist/grammars) parse shell and Go without the grammar packages.
    assert.match(scanned.stdout, /^build\.sh:2:\d+: error GOP001 /m);
    assert.match(scanned.stdout, /^main\.go:7:\d+: \w+ PDPA002 /m);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test.run();
