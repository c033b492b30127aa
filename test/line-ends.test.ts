import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { makeTree, type Tree } from './helpers/tree.js';

/** Each finding's rule, file and exact range, in a stable order. */
function placed(result: ScanResult): string[] {
  return result.findings.map(({ ruleId, location: { path, range } }) => `${ruleId} ${path} ${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`).sort();
}

/** The files under `directory`, each with its line ends written as `lineEnd`. */
function withLineEnds(directory: string, lineEnd: string): Tree {
  const files = readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(files.map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return [relative(directory, path), readFileSync(path, 'utf8').replaceAll('\r\n', '\n').replaceAll('\n', lineEnd)];
  }));
}

// Files written on Windows, or checked out with core.autocrlf, end their lines with CRLF: every language must
// find the same things at the same places (a CRLF .env once hung the reader; a CRLF heredoc lost a policy field's place).
test('examples/ with CRLF line ends: the same findings at the same places as with LF', async () => {
  const examples = repoPath('examples');
  const lf = placed(await scanDirectory(makeTree(withLineEnds(examples, '\n'))));
  assert.ok(lf.length > 20, `${lf.length} findings`);
  assert.equal(placed(await scanDirectory(makeTree(withLineEnds(examples, '\r\n')))), lf);
});

/** Manifests, workflows, Compose files, the config and team policies: all that merlint reads as YAML. */
const YAML_FILE = /\.ya?ml$/;

// YAML takes a lone CR for a line break too: an old Mac file, or one whose last line alone ends so. The yaml package does not,
// and read `name: web\r` as the value `web\r`, a quoted value before it as an error, a whole file of them as one broken line.
test('manifests, workflows, Compose files, the config and policies whose lines, or last line only, end in a lone CR: the same findings at the same places as with LF', async () => {
  for (const directory of [repoPath('examples'), repoPath('fixtures/goproxy/GOP004')]) {
    const lf = withLineEnds(directory, '\n');
    const yamlWith = (change: (text: string) => string): Tree => Object.fromEntries(Object.entries(lf).map(([path, text]) => [path, YAML_FILE.test(path) ? change(text as string) : text]));
    const expected = placed(await scanDirectory(makeTree(lf)));
    assert.ok(expected.length > 10, `${expected.length} findings`);
    assert.equal(placed(await scanDirectory(makeTree(yamlWith((text) => text.replaceAll('\n', '\r'))))), expected);
    assert.equal(placed(await scanDirectory(makeTree(yamlWith((text) => text.replace(/\n$/, '\r'))))), expected);
  }
});

test.run();
