import type { Node, QueryCapture } from 'web-tree-sitter';
import type { ParseResult } from '../../language.js';
import { deepestBracket } from '../../nesting.js';
import { lineIndexOf, type LineIndex } from '../../positions.js';
import { capturesBefore, inSeconds, loadGrammar, loadQuery, parseAllowance, parseBefore, ParserFailure, readTree } from '../../tree-sitter.js';
import type { Comment, SourceFile } from '../../types.js';
import type { DeclaredType, GoDocument } from './document.js';
import { FIELD_QUERY, GoLogCalls, mayLog, READ_QUERY, structFieldTypes } from './log-calls.js';

/**
 * Brackets nested deeper than this are refused before tree-sitter-go reads them: 17,000 nested `/R(`
 * crashed its WebAssembly ('memory access out of bounds'), and every Go file after it in the run
 * (found by fuzzing).
 */
const DEEPEST_NESTING = 1000;

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

export async function parseGo(file: SourceFile): Promise<ParseResult<GoDocument>> {
  const generated = GENERATED.test(file.text.slice(0, 4096));
  // Its comments matter only as ignore directives, and generated code gives nothing else: most files
  // of a large repository (generated code, tests) are read whole without a tree.
  if (!file.text.includes('merlint-') && (generated || !mayLog(file.text))) {
    return { document: { kind: 'go', file, comments: [], statements: [], generated, logCalls: [], hooks: [], fieldTypes: undefined, printfLoggers: [], printfCalls: [] }, errors: [] };
  }
  const tooDeep = deepestBracket(file.text, DEEPEST_NESTING, 'go');
  if (tooDeep !== undefined) {
    const at = lineIndexOf(file).range(tooDeep, tooDeep + 1);
    return { document: undefined, errors: [{ message: `brackets nested more than ${DEEPEST_NESTING.toLocaleString('en')} deep, which merlint does not read; its log calls are not checked`, range: at }] };
  }
  const lines = lineIndexOf(file);
  const comments: Comment[] = [];
  const read = await capturesIn(file.text, READ_QUERY, (root, captures) => new GoLogCalls(file, lines, root, captures, generated, (node) => comments.push(comment(node, lines))).extract());
  if (read === 'stopped') return stopped(file.text.length);
  if (read instanceof ParserFailure) return { document: undefined, errors: [{ message: `The Go parser (tree-sitter-go) gave up on this file: ${read.message}, so its log calls are not checked`, range: FILE_START }] };
  if (!read) return { document: undefined, errors: [{ message: 'the Go parser gave no tree', range: FILE_START }] };
  const document: GoDocument = {
    kind: 'go',
    file,
    comments,
    statements: read.calls.map((call) => call.range),
    generated,
    logCalls: read.calls,
    hooks: read.hooks,
    fieldTypes: read.fieldTypes,
    printfLoggers: read.printfLoggers,
    printfCalls: read.printfCalls,
  };
  // Syntax errors are not reported: tree-sitter-go trails the language (Go 1.26's `new(expr)` is an
  // error to it), the compiler reports real ones, and the grammar recovers around them.
  return { document, errors: [] };
}

/**
 * What `use` makes of the captures of `querySource` in the tree of `text`, before the tree is freed: 'stopped' when
 * parsing and querying took longer than the text's allowance, a ParserFailure when tree-sitter failed, undefined
 * when it gave no tree.
 */
async function capturesIn<T>(text: string, querySource: string, use: (root: Node, captures: QueryCapture[]) => T): Promise<T | 'stopped' | ParserFailure | undefined> {
  const [parser, query] = await Promise.all([loadGrammar('go'), loadQuery('go', querySource)]);
  const deadline = Date.now() + parseAllowance(text.length);
  try {
    const tree = parseBefore(parser, text, deadline);
    if (tree === 'stopped' || !tree) return tree ?? undefined;
    return readTree(tree, (root) => {
      const captures = capturesBefore(query, root, deadline);
      return captures === 'stopped' ? captures : use(root, captures);
    });
  } catch (error) {
    if (error instanceof ParserFailure) return error;
    throw error;
  }
}

/** Where a parse that failed or was stopped is reported: its place is not searched for (WHERE_FAILED in tree-sitter.ts says why). */
const FILE_START = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function stopped(length: number): ParseResult<GoDocument> {
  const message = `the Go parser was stopped after ${inSeconds(parseAllowance(length))} on this file (code nested thousands deep, or a long broken stretch such as a run of \`(\`, takes it time that grows with the square of its length), so its log calls are not checked`;
  return { document: undefined, errors: [{ message, range: FILE_START }] };
}

/** The fields of the struct types a file declares, for a file `parseGo` left unparsed whose package's other files read them; none where its brackets nest too deep. */
export async function parseStructFields(file: SourceFile): Promise<ReadonlyMap<string, DeclaredType>> {
  if (deepestBracket(file.text, DEEPEST_NESTING, 'go') !== undefined) return new Map();
  const fields = await capturesIn(file.text, FIELD_QUERY, (_root, captures) => structFieldTypes(captures));
  return fields instanceof Map ? fields : new Map();
}

function comment(node: Node, lines: LineIndex): Comment {
  const text = node.text;
  return { range: lines.range(node.startIndex, node.endIndex), text: text.startsWith('//') ? text.slice(2) : text.slice(2, -2) };
}
