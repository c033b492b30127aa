import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findPlainInstructions, withoutInstructions } from '../src/languages/dockerfile/plain-instructions.js';
import { LineIndex } from '../src/positions.js';

// The instructions merlint reads itself are blanked out of the text dockerfile-ast parses. Each must be
// where dockerfile-ast puts it when it parses the whole text, with no flags, heredoc or exec form;
// every other instruction and every comment must keep its place and its words.

const SEED = 20261206;

function checkAgainstDockerfileAst(text: string): void {
  const full = DockerfileParser.parse(text);
  const plain = findPlainInstructions(text, full.getEscapeCharacter());
  const blanked = DockerfileParser.parse(withoutInstructions(text, plain));
  const index = new LineIndex(text);
  const offset = (position: { line: number; character: number }) => index.offset({ line: position.line + 1, column: position.character + 1 });
  const starts = new Set(plain.map((instruction) => instruction.start));
  const fullPlain = full.getInstructions().filter((node) => starts.has(offset(node.getRange().start)));
  assert.is(fullPlain.length, plain.length, 'each plain instruction starts where dockerfile-ast starts one');
  plain.forEach((instruction, i) => {
    const node = fullPlain[i]!;
    const read = node as unknown as { getHeredocs(): unknown[]; getFlags?(): unknown[]; getOpeningBracket?(): unknown };
    assert.is(node.getKeyword(), instruction.keyword);
    assert.equal([instruction.keywordEnd, instruction.end], [offset(node.getInstructionRange().end), offset(node.getRange().end)], 'keyword and instruction end');
    assert.is(instruction.argumentsStart, offset(node.getArgumentsRange()!.start), 'first argument');
    assert.equal([read.getFlags?.().length ?? 0, read.getOpeningBracket?.() ?? null, read.getHeredocs().length], [0, null, 0], 'no flags, exec form or heredoc');
  });
  const others = (nodes: Instruction[]) => nodes.filter((node) => !fullPlain.includes(node)).map(described);
  assert.equal(blanked.getInstructions().map(described), others(full.getInstructions()), 'the other instructions');
  const span = (comment: { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } }) => `${offset(comment.getRange().start)}-${offset(comment.getRange().end)}`;
  const plainComments = plain.flatMap((instruction) => instruction.comments.map(([start, end]) => `${start}-${end}`));
  assert.equal(full.getComments().map(span).sort(), [...blanked.getComments().map(span), ...plainComments].sort(), 'the comments');
  assert.is(blanked.getEscapeCharacter(), full.getEscapeCharacter());
}

function described(node: Instruction): string {
  const at = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
  return `${node.getKeyword()} ${at(node.getRange())} ${node.getArguments().map((argument) => `${argument.getValue()}@${at(argument.getRange())}`).join(' ')}`;
}

const PIECES = [
  'FROM alpine:3.22 AS build\n', 'RUN apk add curl\n', 'RUN set -eux; \\\n  apt-get update \\\n  && apt-get install -y git\n', 'RUN a--b --mount=type=cache,target=/x c\n',
  'RUN --mount=type=cache,target=/root/.cache go build\n', 'RUN ["sh", "-c", "echo x"]\n', 'RUN cat <<EOF > /x\nhello\nEOF\n', 'COPY <<EOF /a\nx\nEOF\n', 'ENV A=1 B="x y"\n', 'USER 10001\n',
  'RUN \\\n# a comment\n  make\n', 'CMD exec /app --flag\n', 'CMD ["/app"]\n', 'ENTRYPOINT /bin/sh -c "x y"\n', 'CMD cat <<EOF\n', 'WORKDIR /src\n', 'EXPOSE 8080 \\\n  9090\n', 'MAINTAINER a b\n', 'STOPSIGNAL SIGTERM\n', 'CMD \\\n  x\n', 'RUN make \\\n\n  install\n', 'run lower case\n', 'RUN\n', 'RUN \\ \n  spaced continuation\n', 'RUN x \\', 'RUN x\r\n', 'RUN y\r', '# comment\n', '  # indented comment\n',
  '# escape=`\n', 'RUN a `\n  b\n', 'RUN <\\\n<EOF\nq\nEOF\n', 'ONBUILD RUN x\n', 'R\\\nUN split keyword\n', 'RUN \\$HOME\n', '\uFEFF', '\t', ' ', '\n', '\\', '`', '"', "'", '#', '<<', '--', '[',
];

test('plain instructions are where dockerfile-ast puts them, and blanking them moves nothing else (fixed-seed property)', () => {
  const texts = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 14 }).map((pieces) => pieces.join(''));
  fc.assert(fc.property(texts, (text) => checkAgainstDockerfileAst(text)), { seed: SEED, numRuns: 2000 });
});

test('a lone carriage return before a blanked RUN stays its own line break', () => {
  const text = 'FROM alpine\rRUN a \\\r\n b\rUSER x\n';
  checkAgainstDockerfileAst(text);
  assert.is(findPlainInstructions(text, '\\').length, 1);
});

test.run();
