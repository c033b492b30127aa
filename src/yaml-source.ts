import { isMap, isScalar, Lexer, LineCounter, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ParseError } from './language.js';
import { deepestBracket } from './nesting.js';
import { LineIndex } from './positions.js';
import type { Comment } from './types.js';

/**
 * YAML read with the position of every node and comment (the `yaml` package, YAML 1.2 core schema,
 * so `off` stays the string it is to a CI runner). Shared by the languages whose files are YAML.
 */
export interface YamlSource {
  document: Document.Parsed;
  index: LineIndex;
  comments: Comment[];
  errors: ParseError[];
}

/** Lexer tokens that mark structure and are not characters of the source. */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/** Flow collections nested deeper than this are not read: the yaml package recurses through them. */
const DEEPEST_NESTING = 500;

/** Reads YAML; a syntax error is reported once, at the first place the parser gives up (the rest is still read where it can be). */
export function readYaml(text: string): YamlSource {
  const index = new LineIndex(text);
  const tooDeep = deepestBracket(text, DEEPEST_NESTING, 'yaml');
  if (tooDeep !== undefined) {
    const message = `collections nested more than ${DEEPEST_NESTING} deep, which merlint does not read`;
    return { document: parseDocument(''), index, comments: [], errors: [{ message, range: index.range(tooDeep, tooDeep + 1) }] };
  }
  const document = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  const errors = document.errors.slice(0, 1).map((error) => ({ message: error.message.split('\n')[0]!, range: index.range(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)) }));
  return { document, index, comments: yamlComments(text, index), errors };
}

function yamlComments(text: string, index: LineIndex): Comment[] {
  const comments: Comment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) continue;
    if (token.startsWith('#')) comments.push({ range: index.range(offset, offset + token.length), text: token.slice(1) });
    offset += token.length;
  }
  return comments;
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
