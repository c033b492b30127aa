/*
 * dockerfile-ast, which the Dockerfile parser (parser.ts) needs only for the forms that plain-instructions.ts leaves to it,
 * and requires when a file first holds one. A CommonJS module, so that it can be required synchronously as it is compiled
 * (dist/src) and bundled in a file of its own (scripts/bundle.mjs) that a run over plain Dockerfiles never reads.
 */
import { DockerfileParser, Instruction, type Argument, type Dockerfile } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';

splitArgumentsOnce();
buildInstructionsOnce();

export function parse(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}

/**
 * dockerfile-ast splits an instruction's arguments from the text anew in every accessor, and its own
 * parser asks for them about seven times per RUN: on a 5 MB RUN line each split takes a second and
 * hundreds of megabytes. They depend only on the instruction's text, so each instruction splits them once.
 */
function splitArgumentsOnce(): void {
  const split = Instruction.prototype.getArguments;
  const splits = new WeakMap<Instruction, Argument[]>();
  Instruction.prototype.getArguments = function (this: Instruction): Argument[] {
    let args = splits.get(this);
    if (!args) splits.set(this, (args = split.call(this)));
    // Callers own the list they get: ModifiableInstruction removes the flags from it.
    return args.slice();
  };
}

/**
 * dockerfile-ast's parser builds each instruction twice: once to look for heredocs in it, then the one it
 * keeps. Building one splits its arguments (CMD, COPY, RUN … also read them as JSON), so the second
 * build of the same text takes the first.
 */
function buildInstructionsOnce(): void {
  type Build = (dockerfile: Dockerfile, keyword: string, start: number, keywordEnd: number, end: number) => Instruction;
  const parser = Parser.prototype as unknown as { createInstruction: Build };
  const build = parser.createInstruction;
  const lastBuilt = new WeakMap<Dockerfile, { key: string; instruction: Instruction }>();
  parser.createInstruction = function (this: unknown, dockerfile, keyword, start, keywordEnd, end) {
    const key = `${keyword} ${start} ${keywordEnd} ${end}`;
    const last = lastBuilt.get(dockerfile);
    if (last?.key === key) return last.instruction;
    const instruction = build.call(this, dockerfile, keyword, start, keywordEnd, end);
    lastBuilt.set(dockerfile, { key, instruction });
    return instruction;
  };
}
