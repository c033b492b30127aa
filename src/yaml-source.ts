import { isMap, isScalar, Lexer, parseDocument, Parser, YAMLParseError, type CST, type Document, type Node, type Pair, type Scalar, type YAMLError, type YAMLMap } from 'yaml';
import type { ParseError } from './language.js';
import { deepestBracket } from './nesting.js';
import { LineIndex } from './positions.js';
import { linePositions, offsetPositions, type ScriptPositions } from './shell/positions.js';
import type { Comment, Position } from './types.js';
import { parseAsLibyamlReads } from './yaml-cut-strings.js';

/**
 * YAML read with the position of every node and comment (the `yaml` package, YAML 1.2 core schema,
 * so `off` stays the string it is to a CI runner). Shared by the languages whose files are YAML.
 */
export interface YamlSource {
  document: Document.Parsed;
  /** Positions in the text as YAML reads it (`text`, of the same length and lines as the file's): what scalars are read from. */
  index: LineIndex;
  comments: Comment[];
  errors: ParseError[];
}

/** Lexer tokens that mark structure and are not characters of the source. */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/** Collections nested deeper than this are not read: the yaml package recurses through them, and so do the readers of what it builds. */
export const DEEPEST_NESTING = 500;

/** The error of collections nested deeper than DEEPEST_NESTING, wherever that is found. */
export const TOO_DEEP = `collections nested more than ${DEEPEST_NESTING} deep, which merlint does not read`;

/**
 * Reads YAML as the CI runners and Compose read it (libyaml's heirs: a quoted string may go on left
 * of its key); a syntax error is reported once, at the first place the parser gives up (the rest is
 * still read where it can be).
 */
export function readYaml(written: string): YamlSource {
  const text = withYamlLineBreaks(written);
  const index = new LineIndex(text);
  const document = parsedWithinNesting(text, () => parseAsLibyamlReads(text, (yaml) => parseDocument(yaml, { prettyErrors: false, uniqueKeys: false })), () => parseDocument(''));
  const errors = document.errors.slice(0, 1).map((error) => ({ message: error.message.split('\n')[0]!, range: index.range(...errorSpan(error, text)) }));
  return { document, index, comments: yamlComments(text, index), errors };
}

/**
 * The text with each lone `\r` (an old Mac line end, or one left at the end) made the `\n` it means: YAML takes `\r`, `\n` and `\r\n`
 * for line breaks, but the yaml package only the last two, so `name: web\r` gave the value `web\r` and `"web"\r` an error. Of the
 * same length, so every offset holds, and LineIndex reads the lone `\r` as a line end too.
 */
export function withYamlLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Indentation and block indicators (`-`, `?`, `:`) filling the first DEEPEST_NESTING columns of a line. */
const INDICATORS_ONLY = new RegExp(`[-?: \\t]{${DEEPEST_NESTING}}`, 'y');

/**
 * Whether a line starts with DEEPEST_NESTING columns of indentation and block indicators: a block collection inside
 * another starts further right, after only those, so only such a text may nest them deeper than that. Lines are found
 * with indexOf, which passes over the short ones at once.
 */
function mayNestBlocksDeep(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    INDICATORS_ONLY.lastIndex = start;
    if (end - start > DEEPEST_NESTING && INDICATORS_ONLY.test(text)) return true;
    start = end + 1;
  }
  return false;
}

/**
 * The document `parse` reads of `text`; where collections nest deeper than DEEPEST_NESTING, the `empty` document with
 * the error TOO_DEEP (code RESOURCE_EXHAUSTION) where they first do, found before the yaml package recurses through them:
 * a stack overflow in it aborted the process once V8 recompiled a regular expression on the exhausted stack (a second such
 * file, found by fuzzing). Where it runs out of stack all the same, the error is placed as well as the text allows.
 */
export function parsedWithinNesting(text: string, parse: () => Document.Parsed, empty: () => Document.Parsed): Document.Parsed {
  const tooDeep = deepestBracket(text, DEEPEST_NESTING, 'yaml') ?? (mayNestBlocksDeep(text) ? deepestCollection(text) : undefined);
  if (tooDeep !== undefined) return withNestingError(empty(), tooDeep);
  const document = withinStack(parse);
  // The yaml package also catches a stack overflow in a collection itself, and reports it where it happened.
  if (document && !document.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) return document;
  return withNestingError(empty(), deepestCollection(text) ?? 0);
}

/** Where collections first nest deeper than DEEPEST_NESTING: in the syntax tree, or where that cannot be built either, on one line. */
function deepestCollection(text: string): number | undefined {
  const tree = withinStack(() => [...new Parser().parse(text)]);
  return tree ? deepestInSyntaxTree(tree) : deepestIndicatorRun(text);
}

/**
 * What `run` gives, or undefined where it runs out of stack. Errors made meanwhile have no stack trace, which nothing
 * reads: the yaml package makes one error per line indented with a tab, and capturing their traces took three quarters of
 * the time of such a file (5 of 7 s for 1 MB of `\t- a` lines, 210,000 errors) and most of its memory.
 */
function withinStack<T>(run: () => T): T | undefined {
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return undefined;
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}

function withNestingError(document: Document.Parsed, at: number): Document.Parsed {
  document.errors.push(new YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', TOO_DEEP));
  return document;
}

/** The offset of the first collection nested deeper than DEEPEST_NESTING in the yaml package's syntax tree, walked without recursion. */
function deepestInSyntaxTree(tree: readonly CST.Token[]): number | undefined {
  let deepest: number | undefined;
  const pending = tree.map((token) => ({ token, depth: 0 }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { token, depth } = next;
    if (token.type === 'document' && token.value) pending.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth === DEEPEST_NESTING) deepest = Math.min(deepest ?? Infinity, token.offset);
      else for (const item of token.items) for (const inner of [item.key, item.value]) if (inner) pending.push({ token: inner, depth: depth + 1 });
    }
  }
  return deepest;
}

/** The first `-` or `?` past DEEPEST_NESTING of them on one line, each of which opens a collection inside the one before it. */
function deepestIndicatorRun(text: string): number | undefined {
  let run = 0;
  for (const { token, offset } of sourceTokens(text)) {
    if (token === '\n' || token === '\r\n') run = 0;
    else if ((token === '-' || token === '?') && ++run > DEEPEST_NESTING) return offset;
  }
  return undefined;
}

/** `#` comments with their ranges, read with the YAML lexer, so a `#` inside a string is not one. */
export function yamlComments(text: string, index: LineIndex): Comment[] {
  const comments: Comment[] = [];
  for (const { token, offset } of sourceTokens(text)) {
    if (token.startsWith('#')) comments.push({ range: index.range(offset, offset + token.length), text: token.slice(1) });
  }
  return comments;
}

/** Where to fix a parse error: an unclosed quote is reported where the text ends, but the place to fix is where the quote opens. */
export function errorSpan(error: YAMLError, text: string): [number, number] {
  const [start, end] = error.pos;
  const quote = error.code === 'MISSING_CHAR' ? unclosedQuoteStart(text) : undefined;
  return quote === undefined ? [start, Math.max(end, start + 1)] : [quote, quote + 1];
}

/** The offset of a quoted scalar that runs to the end of the text unclosed. */
function unclosedQuoteStart(text: string): number | undefined {
  let found: number | undefined;
  for (const { token, offset } of sourceTokens(text)) {
    const quote = token[0];
    if ((quote === '"' || quote === "'") && (token.length === 1 || !token.endsWith(quote) || token.endsWith(`\\${quote}`))) found = offset;
  }
  return found;
}

/** The lexer's tokens that are source text, with their offsets. */
export function* sourceTokens(text: string): Generator<{ token: string; offset: number }> {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) continue;
    yield { token, offset };
    offset += token.length;
  }
}

/** A scalar's value and the offsets of its characters in the source: inside the quotes, and for a block scalar from its first content line. */
export interface ScalarSpan {
  value: string;
  start: number;
  end: number;
  /** The value is the source text from `start` to `end` as it stands, on one line. */
  verbatim: boolean;
}

export function scalarSpan(node: Scalar, text: string): ScalarSpan | undefined {
  const [start, end] = node.range ?? [];
  if (start === undefined || end === undefined) return undefined;
  const written = text.slice(start, end);
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      const inner = written.slice(1, -1);
      const value = String(node.value);
      return { value, start: start + 1, end: end - 1, verbatim: inner === value && !inner.includes('\n') };
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const newline = written.indexOf('\n');
      const contentStart = newline === -1 ? end : start + newline + 1;
      const trimmedEnd = start + written.replace(/\s+$/, '').length;
      return { value: String(node.value), start: Math.min(contentStart + (text.slice(contentStart).match(/^[ \t]*/)?.[0].length ?? 0), trimmedEnd), end: trimmedEnd, verbatim: false };
    }
    default:
      // A plain scalar is read as its text: `1.0`, `on` or `true` reach the environment as written.
      return { value: written.replace(/\s*\n\s*/g, ' '), start, end, verbatim: !written.includes('\n') };
  }
}

/** The pair of a mapping with a string key, or undefined. */
export function pairOf(map: unknown, key: string): Pair<Scalar, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<unknown, unknown>).items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair<Scalar, Node | null> | undefined;
}

/** The pairs of a mapping whose keys are scalars, in order. */
export function scalarKeyedPairs(map: unknown): Pair<Scalar, unknown>[] {
  if (!isMap(map)) return [];
  return (map as YAMLMap<unknown, unknown>).items.filter((pair): pair is Pair<Scalar, unknown> => isScalar(pair.key));
}

export function scalarKeyText(pair: Pair<Scalar, unknown>): string {
  return String(pair.key.value);
}

/**
 * Where each character of a string scalar's value is in the YAML file, so that a script embedded in
 * it (`run: |`, `script: - …`) is reported at its own characters: line for line in a literal block
 * (`|`), and character for character, escapes and folded lines undone, in the other styles.
 */
export function scalarPositions(node: Scalar, text: string, index: LineIndex): ScriptPositions {
  const [start, end] = node.range ?? [0, 0];
  const value = String(node.value);
  if (node.type === 'BLOCK_LITERAL') return linePositions(value, literalLineStarts(text, start, end, index));
  const offsets = node.type === 'QUOTE_DOUBLE' ? doubleQuotedOffsets(text, start + 1, end - 1, value) : undefined;
  return offsetPositions(index, offsets ?? alignedOffsets(value, text, node.type === 'QUOTE_SINGLE' ? start + 1 : start, end));
}

/** The host position of each content line of a literal block scalar, after its indentation. */
function literalLineStarts(text: string, start: number, end: number, index: LineIndex): Position[] {
  const header = text.slice(start, text.indexOf('\n', start) === -1 ? end : text.indexOf('\n', start));
  const explicit = /[1-9]/.exec(header);
  let lineStart = start + header.length + 1;
  const lines: { start: number; text: string }[] = [];
  while (lineStart <= end && lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    lines.push({ start: lineStart, text: text.slice(lineStart, lineEnd) });
    lineStart = lineEnd + 1;
  }
  const firstContent = lines.find((line) => line.text.trim() !== '');
  const parentIndent = index.position(start).column - 1;
  const indent = explicit ? parentIndent + Number(explicit[0]) : (/^ */.exec(firstContent?.text ?? '')?.[0].length ?? 0);
  return lines.map((line) => index.position(line.start + Math.min(indent, line.text.length)));
}

/** Offsets of the characters a double-quoted scalar produces, escapes and line folding undone; undefined when they do not add up to its value. */
function doubleQuotedOffsets(text: string, start: number, end: number, value: string): number[] | undefined {
  const offsets: number[] = [];
  let produced = '';
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const escape = /^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n[ \t]*|.)/s.exec(text.slice(i + 1, i + 10))?.[0] ?? '';
      if (!escape.startsWith('\n') && !escape.startsWith('\r')) {
        produced += value[produced.length] ?? '';
        offsets.push(i);
      }
      i += escape.length;
    } else if (c === '\n' || c === '\r') {
      // A line break folds to a space, or to nothing but the breaks after it.
      const blank = /^[\r\n]*[ \t]*/.exec(text.slice(i, end))![0];
      const breaks = (blank.match(/\n/g) ?? []).length;
      const folded = breaks > 1 ? '\n'.repeat(breaks - 1) : ' ';
      for (const each of folded) {
        produced += each;
        offsets.push(i);
      }
      i += blank.length - 1;
    } else {
      produced += c;
      offsets.push(i);
    }
  }
  return produced.length === value.length ? offsets : undefined;
}

/** Each character of the value found in order in the source from `start`: right for plain, single-quoted and folded text, whose only differences are folded line breaks, indentation and doubled quotes. */
function alignedOffsets(value: string, text: string, start: number, end: number): number[] {
  const offsets: number[] = [];
  let p = start;
  for (const c of value) {
    let q = p;
    while (q < end && text[q] !== c && !(c === ' ' && text[q] === '\n')) q++;
    if (q >= end) q = Math.max(start, p);
    offsets.push(q);
    p = q + 1;
  }
  return offsets;
}
