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

test.run();
