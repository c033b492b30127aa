import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Body, Expression, TemplatePart } from './syntax.js';
import { comparePositions, LineIndex } from '../../../positions.js';
import type { Comment, Position } from '../../../types.js';
import { HclReader, repeatedAttributes, type Positions } from './reader.js';
import { loadParser, parseAsHcl, parseRegion, ParseTimeout, problems } from './tree.js';
import type { ParseError } from '../../../language.js';

export type { Positions } from './reader.js';

export interface HclSyntax {
  body: Body;
  comments: Comment[];
  errors: ParseError[];
}

// A file with more syntax errors than this is read as tree-sitter recovers it, without further re-parsing.
const MAX_RECOVERIES = 20;

export async function parseHcl(text: string): Promise<HclSyntax> {
  return parseWith(await loadParser(), text);
}

/** A parser that works synchronously once loaded: `templatefile()` parses templates in the middle of an evaluation. */
export async function loadHclParser(): Promise<(text: string) => HclSyntax> {
  const ready = await loadParser();
  return (text) => parseWith(ready, text);
}

function parseWith(parser: Parser, text: string): HclSyntax {
  try {
    return readWith(parser, text);
  } catch (error) {
    if (!(error instanceof ParseTimeout)) throw error;
    const start = { line: 1, column: 1 };
    return { body: { attributes: [], blocks: [], range: { start, end: start } }, comments: [], errors: [{ message: `${error.message}; the file was not read`, range: { start, end: { line: 1, column: 2 } } }] };
  }
}

function readWith(parser: Parser, text: string): HclSyntax {
  const { source, tree: whole } = parseAsHcl(parser, text);
  const reader = new HclReader(text, new LineIndex(text));
  const body: Body = { attributes: [], blocks: [], range: reader.span(0, text.length) };
  const comments: Comment[] = [];
  // The first error tree-sitter reports, and where it noticed it (an unclosed block is reported at its `{`, noticed at the end).
  let first: { error: ParseError; noticed: Position } | undefined;
  let problemCount = 0;
  const read = (tree: Tree, from: number, to: number) => {
    reader.collectStatements(tree.rootNode, body, from, to);
    comments.push(...reader.comments(tree.rootNode, from, to));
  };

  let from = 0;
  for (let round = 0; from < text.length; round++) {
    const tree = round === 0 ? whole : parseRegion(parser, source, from, text.length);
    const problem = firstProblem(tree.rootNode);
    if (!problem || round === MAX_RECOVERIES) {
      problemCount += problem ? countProblems(tree.rootNode) : 0;
      read(tree, from, text.length);
      tree.delete();
      break;
    }
    first ??= { error: reader.problem(problem), noticed: reader.span(problem.startIndex, problem.startIndex).start };
    // Statements before the error are sound; the broken statement is re-read on its own, up to the
    // next line that starts a statement, so that tree-sitter's recovery cannot swallow what follows.
    const brokenFrom = reader.endOfStatementsBefore(tree.rootNode, problem.startIndex, from);
    read(tree, from, brokenFrom);
    tree.delete();
    const resume = nextStatementStart(text, problem.startIndex);
    const broken = parseRegion(parser, source, brokenFrom, resume);
    problemCount += countProblems(broken.rootNode);
    read(broken, brokenFrom, resume);
    broken.delete();
    from = resume;
  }
  reader.problems.push(...repeatedAttributes(body));
  const noticed = [...(first ? [first] : []), ...reader.problems.map((error) => ({ error, noticed: error.range.start }))];
  const earliest = noticed.sort((a, b) => comparePositions(a.noticed, b.noticed))[0];
  return { body, comments, errors: earliest ? [withCount(earliest.error, problemCount + reader.problems.length)] : [] };
}

/** HCL read out of the strings of Terraform's JSON syntax; offsets in `value` map to the file through `positions`. */
export interface EmbeddedHcl {
  /** A string as a template (`"${var.region}"`), as Terraform reads JSON strings. */
  template(value: string, positions: Positions): { parts: TemplatePart[]; errors: ParseError[] };
  /** A string as an expression (`"aws.tokyo"`), as Terraform reads `provider`, `depends_on`, `type` … */
  expression(value: string, positions: Positions): { expression: Expression; errors: ParseError[] };
}

export async function loadEmbeddedHcl(): Promise<EmbeddedHcl> {
  const parser = await loadParser();
  return {
    template(value, positions) {
      const marker = heredocMarker(value);
      const read = (reader: HclReader, root: Node, start: number) => {
        const heredoc = root.descendantsOfType('heredoc_template')[0];
        return { parts: heredoc ? reader.templateParts(heredoc, start, start + value.length) : [] };
      };
      return readEmbedded(parser, `_ = <<${marker}\n`, value, `\n${marker}\n`, positions, read, () => ({ parts: [] }));
    },
    expression(value, positions) {
      const invalid = (): { expression: Expression } => ({ expression: { type: 'invalid', range: positions.range(0, value.length) } });
      const read = (reader: HclReader, root: Node) => {
        const node = root.descendantsOfType('attribute')[0]?.namedChildren.find((child) => child?.type === 'expression');
        return node ? { expression: reader.expression(node) } : invalid();
      };
      return readEmbedded(parser, '_ = ', value, '\n', positions, read, invalid);
    },
  };
}

/**
 * Parses `value` between `prefix` and `suffix`, reads it with `read`, and reports its first syntax
 * error; `unread` when tree-sitter gave up on it.
 */
function readEmbedded<T>(parser: Parser, prefix: string, value: string, suffix: string, positions: Positions, read: (reader: HclReader, root: Node, start: number) => T, unread: () => T): T & { errors: ParseError[] } {
  const clamp = (offset: number) => Math.min(Math.max(offset - prefix.length, 0), value.length);
  const reader = new HclReader(prefix + value + suffix, { range: (start, end) => positions.range(clamp(start), clamp(end)) });
  let tree: Tree;
  try {
    tree = parseAsHcl(parser, prefix + value + suffix).tree;
  } catch (error) {
    if (!(error instanceof ParseTimeout)) throw error;
    return { ...unread(), errors: [{ message: `${error.message}; this string was not read`, range: positions.range(0, value.length) }] };
  }
  try {
    const result = read(reader, tree.rootNode, prefix.length);
    const problem = firstProblem(tree.rootNode);
    const errors = problem ? [withCount(reader.problem(problem), countProblems(tree.rootNode))] : reader.problems.slice(0, 1);
    return { ...result, errors };
  } finally {
    tree.delete();
  }
}

function heredocMarker(value: string): string {
  let marker = 'MERLINT_JSON_STRING';
  while (value.includes(marker)) marker += '_';
  return marker;
}

// A line that starts, in its first column, an attribute (`name =`) or a block (`type "label" {`).
const STATEMENT_START = /^[A-Za-z_][\w-]*(?:[ \t]*=(?!=)|(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{)/;

/** Offset of the first line after the one holding `offset` that starts a statement, or the end of the text. */
function nextStatementStart(text: string, offset: number): number {
  let lineStart = text.indexOf('\n', offset);
  while (lineStart !== -1) {
    lineStart += 1;
    if (STATEMENT_START.test(text.slice(lineStart, lineStart + 200))) return lineStart;
    lineStart = text.indexOf('\n', lineStart);
  }
  return text.length;
}

function firstProblem(root: Node): Node | undefined {
  return problems(root)[0];
}

function countProblems(root: Node): number {
  return problems(root).length;
}

function withCount(error: ParseError, count: number): ParseError {
  const more = count - 1;
  return more > 0 ? { ...error, message: `${error.message} (and ${more} more syntax error${more > 1 ? 's' : ''} after it)` } : error;
}
