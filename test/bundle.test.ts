import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoPath } from './helpers/scan.js';

/*
 * bin/merlint.js, dist/bundle and dist/grammars are committed, so that installing merlint (pre-commit, the GitHub Action, npm) needs no
 * build tools. It must be what the committed sources build: `npm run build` writes it, and this test,
 * run after that build, compares it with the commit. With uncommitted changes to what the bundle is
 * built from (a developer's working tree), there is no commit to compare with, and the test says so.
 */

const INPUTS = ['src', 'rules', 'schemas', 'scripts', 'package.json', 'package-lock.json', 'tools/package-lock.json'];

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: repoPath(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function gitBytes(path: string): Buffer {
  return spawnSync('git', ['show', `HEAD:${path}`], { cwd: repoPath(), maxBuffer: 64 * 1024 * 1024 }).stdout;
}

test('the committed bin/merlint.js, dist/bundle and dist/grammars are what the committed sources build', () => {
  const changed = git(['status', '--porcelain', '--', ...INPUTS]).trim();
  if (changed) {
    console.log(`  (dist/bundle not compared: uncommitted changes to its sources)\n${changed}`);
    return;
  }
  for (const directory of ['dist/bundle', 'dist/grammars']) {
    const committed = git(['ls-tree', '--name-only', 'HEAD', `${directory}/`]).split('\n').filter(Boolean).sort();
    const built = readdirSync(repoPath(directory)).map((name) => `${directory}/${name}`).sort();
    assert.equal(committed, built, `run npm run build and commit ${directory}`);
    for (const path of built) assert.ok(gitBytes(path).equals(readFileSync(repoPath(path))), `${path} differs from the commit: run npm run build and commit ${directory}`);
  }
  assert.ok(gitBytes('bin/merlint.js').equals(readFileSync(repoPath('bin', 'merlint.js'))), 'bin/merlint.js differs from the commit: run npm run build and commit it');
});

test.run();
