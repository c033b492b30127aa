import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import { LineIndex } from '../src/positions.js';
import type { Range } from '../src/types.js';
import { lexShell, type MappedText } from '../src/languages/dockerfile/shell.js';

const SEED = 20261206;

/** The text lexed as it is written, each index its own document offset. */
function written(text: string): MappedText {
  return { text, offsetOf: (index) => index, lines: new LineIndex(text) };
}

function at(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

test('each redirection operator, with and without a descriptor, takes the next word as its target', () => {
  for (const operator of ['>', '>>', '>&', '>|', '<', '<&', '<>', '<<<', '&>', '&>>']) {
    for (const descriptor of ['', '2', '10']) {
      const [command] = lexShell(written(`cmd ${descriptor}${operator} target arg`));
      const label = `${descriptor}${operator}`;
      assert.equal(command!.words.map((word) => word.value), ['cmd', 'arg'], label);
      assert.equal(command!.redirects.map((redirect) => [redirect.operator, redirect.descriptor, redirect.target.value]), [[operator, descriptor ? Number(descriptor) : undefined, 'target']], label);
    }
  }
});

test('digits not followed by an operator are a word; a separator after them ends the command', () => {
  const commands = lexShell(written('sleep 10&& echo 2;exit 1'));
  assert.equal(commands.map((command) => command.words.map((word) => word.value)), [['sleep', '10'], ['echo', '2'], ['exit', '1']]);
});

test('separators end commands, and a pipe gives the next command what it reads', () => {
  const commands = lexShell(written('a && b || c; d | e & f ;; g (h) \n i'));
  assert.equal(commands.map((command) => command.words[0]!.value), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  assert.equal(commands.map((command) => command.pipedFrom?.words[0]!.value), [undefined, undefined, undefined, undefined, 'd', undefined, undefined, undefined, undefined]);
});

test('heredoc bodies: one after the other from the next line, `<<-` delimiters after tabs', () => {
  const [cat, sort] = lexShell(written('cat <<A <<-"B"\none\nA\ntwo\n\tB\nsort <<C\nthree\nC\n'));
  assert.equal(cat!.redirects.map((redirect) => [redirect.operator, redirect.target.value, redirect.text]), [['<<', 'A', 'one\n'], ['<<-', 'B', 'two\n']]);
  assert.equal(sort!.redirects.map((redirect) => redirect.text), ['three\n']);
});

test('heredocs open at the end of the text take the bodies written after the instruction, each the next one for its delimiter', () => {
  const bodies = [{ delimiter: 'B', text: 'two\n' }, { delimiter: 'C', text: 'three\n' }];
  const [command] = lexShell(written('cat <<A <<B <<"C" <<<here'), bodies);
  assert.equal(command!.redirects.map((redirect) => [redirect.target.value, redirect.text]), [['A', undefined], ['B', 'two\n'], ['C', 'three\n'], ['here', 'here\n']]);
});

test('word and command ranges are the document places of the text lexed, worked out when read', () => {
  const [command] = lexShell(written("X=1 cp  'a b' \"$C\"d"));
  assert.equal(command!.assignments.map((word) => at(word.range)), ['1:1-1:4']);
  assert.equal(command!.words.map((word) => [word.value, at(word.range)]), [['cp', '1:5-1:7'], ['a b', '1:9-1:14'], ['$Cd', '1:15-1:20']]);
  assert.equal(at(command!.range), '1:1-1:20');
});

/** A shell word as written and the value the lexer gives it. */
const wordArbitrary = fc.oneof(
  fc.stringMatching(/^x[a-z0-9./_-]{0,6}$/).map((text) => ({ written: text, value: text })),
  fc.stringMatching(/^[a-z ]{1,6}$/).map((text) => ({ written: `'${text}'`, value: text })),
  fc.stringMatching(/^[a-z $]{1,6}$/).map((text) => ({ written: `"${text}"`, value: text })),
  fc.stringMatching(/^[A-Z]{1,4}$/).map((name) => ({ written: `x$${name}`, value: `x$${name}` })),
);

/** Commands of words, each word maybe split across lines by a line continuation, and what joins the commands. */
const runArbitrary = fc.array(
  fc.record({
    words: fc.array(fc.record({ word: wordArbitrary, split: fc.nat(8), blank: fc.constantFrom(' ', ' \\\n    ', '\\\n  ') }), { minLength: 1, maxLength: 5 }),
    separator: fc.constantFrom(' && ', ' || ', '; ', ' | ', ' \\\n  && '),
  }),
  { minLength: 1, maxLength: 4 },
);

test('property: every word of a continued RUN has the value written and a range that selects exactly its spelling', () => {
  fc.assert(
    fc.property(runArbitrary, (commands) => {
      let run = 'RUN ';
      const expected: { written: string; value: string }[] = [];
      commands.forEach((command, c) => {
        command.words.forEach(({ word, split, blank }, w) => {
          // A continuation inside a plain word joins its halves, as Docker joins the lines.
          const at = word.written === word.value && !word.value.includes('$') ? Math.min(split, word.written.length) : 0;
          run += at > 0 && at < word.written.length ? `${word.written.slice(0, at)}\\\n${word.written.slice(at)}` : word.written;
          run += w === command.words.length - 1 ? '' : blank;
          expected.push(word);
        });
        if (c < commands.length - 1) run += command.separator;
      });
      const text = `FROM scratch\n${run}\n`;
      const { document } = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text });
      const lexed = document!.stages[0]!.instructions[0]!;
      assert.is(lexed.keyword, 'RUN');
      const words = 'commands' in lexed ? lexed.commands.flatMap((command) => [...command.assignments, ...command.words]) : [];
      assert.equal(words.map((word) => word.value), expected.map((word) => word.value), text);
      const index = new LineIndex(text);
      words.forEach((word, i) => {
        const selected = text.slice(index.offset(word.range.start), index.offset(word.range.end));
        // Only continuations inside the word are joined: the range ends at its last character.
        assert.is(selected.endsWith('\n') ? selected : selected.replace(/\\\n */g, ''), expected[i]!.written, `${text} word ${i}`);
      });
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test.run();
