import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readYaml } from '../src/yaml-source.js';

const TOO_DEEP = 'collections nested more than 500 deep, which merlint does not read';

test('a quote inside a plain scalar (`it\'s`) opens no string, so it hides no brackets from the guard', () => {
  assert.equal(readYaml(`note: it's ${'['.repeat(600)}\n`).errors.map((error) => [error.message, error.range.start]), [[TOO_DEEP, { line: 1, column: 512 }]]);
});

test.run();
