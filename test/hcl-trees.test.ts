/**
 * The hand-written HCL parser holds to the trees the tree-sitter reader it replaced gave for our own
 * HCL (fixtures/, examples/, test/corpus/hcl): hcl-trees.json keeps, for each .tf and .tfvars file,
 * digests of its text and of what the parser gives (tree with every range, comments, error),
 * recorded by scripts/hcl-differential.mjs (gone with the tree-sitter reader) when the two parsers
 * were compared file by file: all equal but two broken fixtures, where a broken value's range and
 * the error's wording changed. A file edited since is not checked; the test fails if too few remain
 * to mean anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHcl } from '../src/languages/terraform/hcl/parser.js';
import { repoPath } from './helpers/scan.js';

const recorded = JSON.parse(readFileSync(repoPath('test', 'hcl-trees.json'), 'utf8')) as Record<string, { text: string; tree: string }>;

test('our own HCL files parse to the trees recorded against the tree-sitter reader', async () => {
  let checked = 0;
  const changed: string[] = [];
  for (const [file, digests] of Object.entries(recorded)) {
    const path = repoPath(file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    if (digest(text) !== digests.text) continue;
    checked++;
    if (digest(JSON.stringify(parseHcl(text))) !== digests.tree) changed.push(file);
  }
  assert.equal(changed, []);
  assert.ok(checked >= 200, `${checked} files checked`);
});

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

test.run();
