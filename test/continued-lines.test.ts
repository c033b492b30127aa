import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKSLASH } from '../src/character-codes.js';
import { joinedText, keptPieces, singleLineEnd } from '../src/languages/dockerfile/continued-lines.js';

const SEED = 20261206;
const BACKQUOTE = '`'.charCodeAt(0);

/** The continued lines joined from their pieces, one line at a time. */
function joinedByPieces(text: string, escape: number, end: number): string {
  const pieces: number[] = [];
  const count = keptPieces(text, escape, 0, end, pieces);
  let joined = '';
  for (let i = 0; i < count; i += 2) joined += text.slice(pieces[i], pieces[i + 1]);
  return joined;
}

/** Lines of an instruction: words, blanks, either escape at or near their ends, line breaks with or without `\r`, blank and comment lines. */
const lines = fc
  .array(
    fc.constantFrom('apt-get', ' ', '\t', ' \\', '\\', '\\ ', '\\\t', '`', ' `', '\\\\', '# c', '  #x \\', '\r', '\u00a0', '\v', '\n', '\n', '\n', '\r\n', 'a'),
    { minLength: 1, maxLength: 30 },
  )
  .map((pieces) => `RUN x ${pieces.join('')}`);

test('continued lines joined by one expression are the pieces joined line by line (fixed-seed property)', () => {
  fc.assert(
    fc.property(lines, fc.constantFrom(BACKSLASH, BACKQUOTE), fc.nat(), (text, escape, cut) => {
      // The instruction ends at a line break or at the end of the text, as dockerfile-ast ends it.
      const breaks = [...text.matchAll(/\n/g)].map((match) => match.index);
      const end = [...breaks, text.length][cut % (breaks.length + 1)]!;
      if (singleLineEnd(text, escape, 0, end) !== undefined) return;
      assert.is(joinedText(text, escape, 0, end), joinedByPieces(text, escape, end), JSON.stringify(text.slice(0, end)));
    }),
    { seed: SEED, numRuns: 20000 },
  );
});

test('continued lines: blank and comment lines dropped, blanks before the escape kept, a last continued line at the end of the text', () => {
  const join = (text: string) => joinedText(text, BACKSLASH, 0, text.length);
  assert.is(join('RUN a \\\n  b'), 'RUN a   b');
  assert.is(join('RUN a \\ \t\r\n\n# note \\\n \r\n  b \\\r\n  c'), 'RUN a   b   c');
  assert.is(join('RUN a \\\n  b \\'), 'RUN a   b ');
  assert.is(joinedText('RUN a `\n# x\n b', BACKQUOTE, 0, 14), 'RUN a  b');
});

test.run();
