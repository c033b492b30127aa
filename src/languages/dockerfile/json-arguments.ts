/**
 * Arguments that may be a JSON array, read as BuildKit's parser reads them (frontend/dockerfile/parser, parseJSON):
 * a JSON array of strings is the exec form; anything that is not a JSON array is the shell form (or words); and a JSON
 * array with an element that is not a string is neither: BuildKit refuses the whole Dockerfile
 * (errDockerfileNotStringArray, "when using JSON array syntax, arrays must be comprised of strings only").
 */

import { BLANK_RUN, HYPHEN, OPENING_BRACKET, runEnd, WHITE_SPACE_RUN } from '../../character-codes.js';

/** The instructions whose arguments BuildKit reads as JSON when they are a JSON array (parseMaybeJSON, parseMaybeJSONToList). */
const JSON_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'ADD', 'COPY', 'VOLUME']);

/**
 * The arguments as JSON, when they are a JSON array (of anything) that Go's decoder reads: it refuses a number beyond a
 * float64 (`1e999`, which JSON.parse reads as Infinity), and BuildKit then reads the arguments as the shell form. Around the
 * array BuildKit trims Go's white space (strings.TrimSpace, TrimLeftFunc(unicode.IsSpace)), a no-break space or `\v` too, where
 * JSON.parse allows only its own four characters.
 */
export function jsonArrayOf(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(GO_SPACE_AROUND, ''));
    return Array.isArray(value) && decodedByGo(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function decodedByGo(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  return (Array.isArray(value) ? value : Object.values(value)).every(decodedByGo);
}

export function isStringArray(array: unknown[]): array is string[] {
  return array.every((element) => typeof element === 'string');
}

/**
 * Whether an instruction (its text from `keywordEnd` to `end`, as written) may hold arguments BuildKit reads as JSON,
 * asked before its lines are joined: a `[` in it and, for all but HEALTHCHECK and ONBUILD (a word comes first), first
 * after the keyword's blanks the `[`, a flag's `-` or the escape character that continues the line.
 */
export function mayHoldJsonArguments(keyword: string, text: string, keywordEnd: number, end: number, escape: number): boolean {
  const wordFirst = keyword === 'HEALTHCHECK' || keyword === 'ONBUILD';
  if ((!wordFirst && !JSON_KEYWORDS.has(keyword)) || !text.slice(keywordEnd, end).includes('[')) return false;
  const first = text.charCodeAt(runEnd(BLANK_RUN, text, keywordEnd));
  return wordFirst || first === OPENING_BRACKET || first === HYPHEN || first === escape;
}

/**
 * Where BuildKit's JSON reading of an instruction's logical line (the text after the keyword) starts: after the
 * builder flags, after HEALTHCHECK's type (`CMD`), after ONBUILD's instruction and its flags; undefined for an
 * instruction that never reads JSON.
 */
export function jsonArgumentsStart(keyword: string, line: string, escape: string): number | undefined {
  let at = afterBuilderFlags(line, 0, escape);
  if (keyword === 'ONBUILD') {
    const subcommandEnd = runEnd(NOT_WHITESPACE, line, at);
    keyword = line.slice(at, subcommandEnd).toUpperCase();
    at = afterBuilderFlags(line, subcommandEnd, escape);
  }
  if (keyword === 'HEALTHCHECK') return runEnd(WHITE_SPACE_RUN, line, runEnd(NOT_WHITESPACE, line, at));
  return JSON_KEYWORDS.has(keyword) ? at : undefined;
}

/**
 * The [start, end) of the first element that is not a string in `text`, a JSON array (as `jsonArrayOf` reads it) that
 * has one: the strings before it are skipped, and it ends at the `,` or `]` that closes it.
 */
export function firstNonString(text: string): [number, number] {
  let at = text.indexOf('[') + 1;
  for (;;) {
    at = runEnd(JSON_WHITESPACE, text, at);
    if (text[at] !== '"') break;
    at = runEnd(JSON_WHITESPACE, text, runEnd(JSON_STRING, text, at)) + 1;
  }
  const start = at;
  for (let depth = 0; depth > 0 || (text[at] !== ',' && text[at] !== ']'); at++) {
    if (text[at] === '"') at = runEnd(JSON_STRING, text, at) - 1;
    else if (text[at] === '[' || text[at] === '{') depth++;
    else if (text[at] === ']' || text[at] === '}') depth--;
  }
  while (JSON_WHITESPACE_CHARACTER.test(text[at - 1]!)) at--;
  return [start, at];
}

/** The JSON strings of `text`, quotes included, in turn: in a JSON array of strings, each of its elements. */
export function jsonStringsIn(text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(JSON_STRINGS);
}

/**
 * Where the arguments start after the builder flags from `from` (BuildKit's extractBuilderFlags): words that start
 * with `--`, quotes and the escape character kept inside them, up to the first other word or a `--` word alone.
 */
function afterBuilderFlags(line: string, from: number, escape: string): number {
  let at = runEnd(WHITE_SPACE_RUN, line, from);
  while (line.startsWith('--', at)) {
    const wordStart = at;
    let quote = '';
    for (; at < line.length && (quote !== '' || !WHITESPACE_CHARACTER.test(line[at]!)); at++) {
      if (line[at] === escape) at++;
      else if (quote === '' && (line[at] === '"' || line[at] === "'")) quote = line[at]!;
      else if (line[at] === quote) quote = '';
    }
    if (at - wordStart === 2) return runEnd(WHITE_SPACE_RUN, line, at);
    at = runEnd(WHITE_SPACE_RUN, line, at);
  }
  return at;
}

/** Go's unicode.IsSpace, at either end: JavaScript's \s without U+FEFF, with U+0085. */
const GO_SPACE_AROUND = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const NOT_WHITESPACE = /\S*/y;
const WHITESPACE_CHARACTER = /\s/;
const JSON_WHITESPACE = /[ \t\r\n]*/y;
const JSON_WHITESPACE_CHARACTER = /[ \t\r\n]/;
/** A JSON string, quotes included: in a JSON array of strings, each of its elements. */
const JSON_STRING_SOURCE = String.raw`"(?:[^"\\]|\\.)*"`;
const JSON_STRING = new RegExp(JSON_STRING_SOURCE, 'y');
const JSON_STRINGS = new RegExp(JSON_STRING_SOURCE, 'g');
