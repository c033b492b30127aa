import { dockerfileAstReadsAlike, findPlainInstructions, firstLineEnd, mayHoldHeredoc, type PlainInstruction } from '../../src/languages/dockerfile/plain-instructions.js';

/*
 * dockerfile-ast is the oracle of the plain reading only where it reads here-documents as BuildKit does: it takes `<<E"OF"`
 * for a delimiter `E"OF"`, misses `2<<EOF` and a here-document in a word with `\`, reads `<<A <<-B` all as `<<-`, and finds one in
 * an exec form (`RUN ["sh", "-c", "a <<b"]`). Texts with such a line are checked against BuildKit itself (test/buildkit-heredocs.json).
 */

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Whether the first line of a plain RUN, COPY or ADD may open here-documents that dockerfile-ast reads otherwise than BuildKit. */
function opensHeredocsOtherwise(text: string, instruction: PlainInstruction, escape: string): boolean {
  const firstLine = text.slice(instruction.keywordEnd, firstLineEnd(instruction));
  return HEREDOC_KEYWORDS.has(instruction.keyword) && mayHoldHeredoc(firstLine, escape) && !dockerfileAstReadsAlike(firstLine, escape);
}

/** Whether dockerfile-ast is an oracle for the plain reading of a text: no plain instruction opens here-documents it reads otherwise. */
export function dockerfileAstIsOracle(text: string, escape: string, instructions = findPlainInstructions(text, escape).instructions): boolean {
  return !instructions.some((instruction) => opensHeredocsOtherwise(text, instruction, escape));
}
