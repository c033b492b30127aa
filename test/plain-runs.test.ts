import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findPlainRuns, withoutRuns } from '../src/languages/dockerfile/plain-runs.js';
import { LineIndex } from '../src/positions.js';

// The RUNs merlint reads itself are blanked out of the text dockerfile-ast parses. Each must be where
// dockerfile-ast puts that RUN when it parses the whole text, with no flags, heredoc or exec form;
// every other instruction and every comment must keep its place and its words.

const SEED = 20261206;

function checkAgainstDockerfileAst(text: string): void {
  const full = DockerfileParser.parse(text);
  const runs = findPlainRuns(text, full.getEscapeCharacter());
  const blanked = DockerfileParser.parse(withoutRuns(text, runs));
  const index = new LineIndex(text);
  const offset = (position: { line: number; character: number }) => index.offset({ line: position.line + 1, column: position.character + 1 });
  const starts = new Set(runs.map((run) => run.start));
  const fullRuns = full.getInstructions().filter((node) => starts.has(offset(node.getRange().start)));
  assert.is(fullRuns.length, runs.length, 'each plain RUN starts where dockerfile-ast starts an instruction');
  runs.forEach((run, i) => {
    const node = fullRuns[i]! as Instruction & { getFlags(): unknown[]; getOpeningBracket(): unknown; getHeredocs(): unknown[] };
    assert.is(node.getKeyword(), 'RUN');
    assert.equal([run.keywordEnd, run.end], [offset(node.getInstructionRange().end), offset(node.getRange().end)], 'keyword and instruction end');
    assert.is(run.argumentsStart, offset(node.getArgumentsRange()!.start), 'first argument');
    assert.equal([node.getFlags().length, node.getOpeningBracket(), node.getHeredocs().length], [0, null, 0], 'no flags, exec form or heredoc');
  });
  const others = (nodes: Instruction[]) => nodes.filter((node) => !fullRuns.includes(node)).map(described);
  assert.equal(blanked.getInstructions().map(described), others(full.getInstructions()), 'the other instructions');
  const span = (comment: { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } }) => `${offset(comment.getRange().start)}-${offset(comment.getRange().end)}`;
  const runComments = runs.flatMap((run) => run.comments.map(([start, end]) => `${start}-${end}`));
  assert.equal(full.getComments().map(span).sort(), [...blanked.getComments().map(span), ...runComments].sort(), 'the comments');
  assert.is(blanked.getEscapeCharacter(), full.getEscapeCharacter());
}

function described(node: Instruction): string {
  const at = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
  return `${node.getKeyword()} ${at(node.getRange())} ${node.getArguments().map((argument) => `${argument.getValue()}@${at(argument.getRange())}`).join(' ')}`;
}

const PIECES = [
  'FROM alpine:3.22 AS build\n', 'RUN apk add curl\n', 'RUN set -eux; \\\n  apt-get update \\\n  && apt-get install -y git\n', 'RUN a--b --mount=type=cache,target=/x c\n',
  'RUN --mount=type=cache,target=/root/.cache go build\n', 'RUN ["sh", "-c", "echo x"]\n', 'RUN cat <<EOF > /x\nhello\nEOF\n', 'COPY <<EOF /a\nx\nEOF\n', 'ENV A=1 B="x y"\n', 'USER 10001\n',
  'RUN \\\n# a comment\n  make\n', 'RUN make \\\n\n  install\n', 'run lower case\n', 'RUN\n', 'RUN \\ \n  spaced continuation\n', 'RUN x \\', 'RUN x\r\n', 'RUN y\r', '# comment\n', '  # indented comment\n',
  '# escape=`\n', 'RUN a `\n  b\n', 'RUN <\\\n<EOF\nq\nEOF\n', 'ONBUILD RUN x\n', 'R\\\nUN split keyword\n', 'RUN \\$HOME\n', '\uFEFF', '\t', ' ', '\n', '\\', '`', '"', "'", '#', '<<', '--', '[',
];

test('plain RUNs are where dockerfile-ast puts them, and blanking them moves nothing else (fixed-seed property)', () => {
  const texts = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((pieces) => pieces.join(''));
  fc.assert(fc.property(texts, (text) => checkAgainstDockerfileAst(text)), { seed: SEED, numRuns: 2000 });
});

test('a lone carriage return before a blanked RUN stays its own line break', () => {
  const text = 'FROM alpine\rRUN a \\\r\n b\rUSER x\n';
  checkAgainstDockerfileAst(text);
  assert.is(findPlainRuns(text, '\\').length, 1);
});

test.run();
