import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as real from 'vscode-languageserver-types';
import { Position, Range } from '../src/languages/dockerfile/lsp-types.js';

// The bundle uses src/languages/dockerfile/lsp-types.ts in place of vscode-languageserver-types: it must answer as that package does.
const positions: [number, number][] = [[0, 0], [3, 17], [Number.MAX_VALUE, Number.MAX_VALUE], [2147483647, 0]];

test('Position.create and Position.is as in vscode-languageserver-types', () => {
  for (const [line, character] of positions) assert.equal(Position.create(line, character), real.Position.create(line, character));
  for (const value of [{ line: 1, character: 2 }, { line: -1, character: 2 }, { line: 1 }, null, 'x', { line: 1.5, character: 2 }]) {
    assert.is(Position.is(value), real.Position.is(value), JSON.stringify(value));
  }
});

test('Range.create from numbers or positions, and its error, as in vscode-languageserver-types', () => {
  assert.equal(Range.create(1, 2, 3, 4), real.Range.create(1, 2, 3, 4));
  const start = { line: 1, character: 2 };
  const end = { line: 5, character: 0 };
  assert.equal(Range.create(start, end), real.Range.create(start, end));
  assert.throws(() => Range.create(-1, 2, 3, 4), (error: Error) => error.message === 'Range#create called with invalid arguments[-1, 2, 3, 4]');
  assert.throws(() => real.Range.create(-1, 2, 3, 4), (error: Error) => error.message === 'Range#create called with invalid arguments[-1, 2, 3, 4]');
});

test.run();
