import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseManifests } from '../src/languages/kubernetes/parser.js';
import { parseYaml } from '../src/parsed-yaml.js';
import { readYaml } from '../src/yaml-source.js';

const TOO_DEEP = 'collections nested more than 500 deep, which merlint does not read';

/** Block collections nested thousands deep on one line, which run the yaml package out of stack, and where the 501st of them opens. */
const BLOCK_NESTING: [string, { line: number; column: number }][] = [
  [`${'? '.repeat(20_000)}x\n`, { line: 1, column: 1001 }],
  [`${'? '.repeat(2_260)}  approvedTransfers:\n  :\n    -\n`, { line: 1, column: 1001 }],
  [`  ${'- '.repeat(20_000)}x\n`, { line: 1, column: 1003 }],
  [`${Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n')} x\n`, { line: 501, column: 501 }],
];

// Each text is read four times in one process: the second deep file used to abort it (V8 recompiled a regular expression on the stack the yaml package had exhausted).
test('YAML nested past the limit in blocks is one error, worded as the bracket guard words it, where the 501st collection opens', () => {
  for (const [text, start] of BLOCK_NESTING) {
    assert.equal(readYaml(text).errors.map((error) => [error.message, error.range.start]), [[TOO_DEEP, start]], text.slice(0, 10));
    const manifest = parseManifests({ path: 'deploy/app.yaml', kind: 'kubernetes', text: `apiVersion: v1\nkind: ConfigMap\n---\n${text}` });
    assert.equal(manifest.errors.map((error) => [error.message, error.range.start]), [[`${TOO_DEEP}; this document is not checked`, { line: start.line + 3, column: start.column }]], text.slice(0, 10));
    const { document, lines } = parseYaml(text);
    assert.equal(document.errors.map((error) => [error.message, lines.linePos(error.pos[0])]), [[TOO_DEEP, { line: start.line, col: start.column }]], text.slice(0, 10));
  }
});

test('merlint\'s own YAML files have the bracket guard too, placed on the line of the bracket', () => {
  const { document, lines } = parseYaml(`residency:\n  allowedRegions: ${'['.repeat(600)}\n`);
  assert.equal(document.errors.map((error) => [error.message, lines.linePos(error.pos[0])]), [[TOO_DEEP, { line: 2, col: 519 }]]);
});

test('a quote inside a plain scalar (`it\'s`) opens no string, so it hides no brackets from the guard', () => {
  assert.equal(readYaml(`note: it's ${'['.repeat(600)}\n`).errors.map((error) => [error.message, error.range.start]), [[TOO_DEEP, { line: 1, column: 512 }]]);
});

test.run();
