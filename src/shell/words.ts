import type { Node } from 'web-tree-sitter';
import type { ShellDialect } from './types.js';

/*
 * The value of a shell word as the shell builds it: quotes removed, escapes undone, with the
 * script offset each character comes from (so a nested script or a part of a value can be placed).
 * An expansion (`$X`, `${X}`, `$(…)`, `$((…))`, `<(…)`) makes the word not static; in `text`
 * it stands as `$_`, so that a nested script parsed from the word still sees an expansion there.
 */

export interface DecodedWord {
  text: string;
  /** `offsets[i]`: the script offset of `text[i]`; one more entry: where the value ends. */
  offsets: number[];
  static: boolean;
}

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);
/** In double quotes a backslash escapes only these (and a line break, which it removes). */
const DOUBLE_QUOTED_ESCAPES = '"\\$`';
const HEREDOC_ESCAPES = '\\$`';
const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

class Builder {
  text = '';
  offsets: number[] = [];
  static = true;

  add(char: string, offset: number): void {
    this.text += char;
    this.offsets.push(offset);
  }

  expansion(node: Node): void {
    this.static = false;
    this.add('$', node.startIndex);
    this.add('_', node.startIndex + 1);
  }
}

export function decodeWord(node: Node, source: string, dialect: ShellDialect = 'bash'): DecodedWord {
  const builder = new Builder();
  decodeInto(node, source, builder, dialect);
  builder.offsets.push(valueEnd(node));
  return { text: builder.text, offsets: builder.offsets, static: builder.static };
}

/** Where the value of a word ends: before its closing quote. */
function valueEnd(node: Node): number {
  if (node.type === 'string' || node.type === 'raw_string' || node.type === 'ansi_c_string') return Math.max(node.startIndex, node.endIndex - 1);
  if (node.type === 'translated_string') return Math.max(node.startIndex, node.endIndex - 1);
  return node.endIndex;
}

function decodeInto(node: Node, source: string, builder: Builder, dialect: ShellDialect): void {
  if (EXPANSIONS.has(node.type)) return builder.expansion(node);
  if (readsUnlikeBash(node, source, dialect)) {
    builder.static = false;
    return copy(source, node.startIndex, node.endIndex, builder);
  }
  switch (node.type) {
    case 'raw_string':
      return copy(source, node.startIndex + 1, node.endIndex - 1, builder);
    case 'string':
      return decodeDoubleQuoted(node, source, node.startIndex + 1, node.endIndex - 1, builder);
    case 'translated_string':
      return decodeDoubleQuoted(node, source, node.startIndex + 2, node.endIndex - 1, builder);
    case 'ansi_c_string':
      return decodeAnsiC(source, node.startIndex + 2, node.endIndex - 1, (char, offset) => builder.add(char, offset));
    case 'concatenation':
      for (const child of node.children) if (child) decodeInto(child, source, builder, dialect);
      return;
    case 'word':
    case 'number':
    case 'command_name':
    case 'variable_name':
    case 'heredoc_start':
      if (node.namedChildCount > 0 && node.type !== 'heredoc_start') {
        for (const child of node.children) if (child) decodeInto(child, source, builder, dialect);
        return;
      }
      return decodeUnquoted(source, node.startIndex, node.endIndex, builder);
    default:
      // Brace expansions, arrays, globs with classes …: the shell makes something of them we do not compute.
      builder.static = false;
      return copy(source, node.startIndex, node.endIndex, builder);
  }
}

/** Whether a string is one a shell of `dialect` reads otherwise than bash: a `$'…'` with an escape it does not decode, or `$"…"`. */
function readsUnlikeBash(node: Node, source: string, dialect: ShellDialect): boolean {
  if (dialect === 'bash') return false;
  if (node.type === 'ansi_c_string') return !readsAnsiCAsBash(dialect, source, node.startIndex + 2, node.endIndex - 1);
  // `$"…"`: a translated_string in an assignment; elsewhere tree-sitter-bash gives its `$` as a token before the string.
  return node.type === 'translated_string' || (node.type === 'string' && node.previousSibling?.type === '$');
}

function copy(source: string, from: number, to: number, builder: Builder): void {
  for (let i = from; i < to; i++) builder.add(source[i]!, i);
}

function decodeUnquoted(source: string, from: number, to: number, builder: Builder): void {
  for (let i = from; i < to; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < to) {
      i++;
      if (source[i] !== '\n') builder.add(source[i]!, i);
    } else if (c === "'" || c === '"') {
      // A quote tree-sitter left inside a word (an unterminated string): part of no value we can trust.
      builder.static = false;
      builder.add(c, i);
    } else builder.add(c, i);
  }
}

/** A heredoc's body as the shell feeds it on: expanded (with the escapes `\\`, `\$`, `` \` `` and line continuations undone) unless its delimiter is quoted. */
export function decodeHeredocBody(body: Node, source: string, expands: boolean): DecodedWord {
  const builder = new Builder();
  if (expands) decodeDoubleQuoted(body, source, body.startIndex, body.endIndex, builder, HEREDOC_ESCAPES);
  else copy(source, body.startIndex, body.endIndex, builder);
  builder.offsets.push(body.endIndex);
  return { text: builder.text, offsets: builder.offsets, static: builder.static };
}

function decodeDoubleQuoted(node: Node, source: string, from: number, to: number, builder: Builder, escapes = DOUBLE_QUOTED_ESCAPES): void {
  const expansions = node.namedChildren.filter((child): child is Node => child !== null && EXPANSIONS.has(child.type));
  let next = 0;
  for (let i = from; i < to; i++) {
    const expansion = expansions[next];
    if (expansion && i >= expansion.startIndex) {
      builder.expansion(expansion);
      i = expansion.endIndex - 1;
      next++;
      continue;
    }
    const c = source[i]!;
    if (c === '\\' && i + 1 < to && (escapes.includes(source[i + 1]!) || source[i + 1] === '\n')) {
      i++;
      if (source[i] !== '\n') builder.add(source[i]!, i);
    } else builder.add(c, i);
  }
}

/** Escapes that give a character by its number in hex: how many digits each takes at most. */
const HEX_ESCAPES: Record<string, RegExp> = { x: /^[0-9a-fA-F]{1,2}/, u: /^[0-9a-fA-F]{1,4}/, U: /^[0-9a-fA-F]{1,8}/ };

/** The `$'…'` escapes busybox ash keeps as written where bash decodes them. */
const BASH_ONLY_ESCAPES = 'uUceE?';

/** Whether a shell of `dialect` gives the text of a `$'…'` string between `from` and `to` (without its quotes) the value bash gives it. */
export function readsAnsiCAsBash(dialect: ShellDialect, source: string, from: number, to: number): boolean {
  if (dialect !== 'ash') return dialect === 'bash';
  for (let i = source.indexOf('\\', from); i !== -1 && i < to - 1; i = source.indexOf('\\', i + 2)) {
    if (BASH_ONLY_ESCAPES.includes(source[i + 1]!)) return false;
  }
  return true;
}

/**
 * Decodes the text of a `$'…'` string between `from` and `to` (without its quotes) as bash does, giving
 * each UTF-16 code unit of the value with the offset of the character or escape it comes from.
 */
export function decodeAnsiC(source: string, from: number, to: number, add: (char: string, offset: number) => void): void {
  for (let i = from; i < to; i++) {
    const escape = source[i] === '\\' ? ansiCEscape(source, i, to) : undefined;
    if (escape === undefined) {
      add(source[i]!, i);
      continue;
    }
    for (let unit = 0; unit < escape.value.length; unit++) add(escape.value[unit]!, i);
    i += escape.length - 1;
  }
}

/** The value of the escape whose backslash is at `at`, and how many characters it takes; undefined where bash keeps the backslash. */
function ansiCEscape(source: string, at: number, to: number): { value: string; length: number } | undefined {
  const escape = source[at + 1];
  if (escape === undefined || at + 1 >= to) return undefined;
  const hex = hexEscape(source.slice(at + 1, Math.min(to, at + 10)));
  if (hex) return hex;
  const octal = /^[0-7]{1,3}/.exec(source.slice(at + 1, Math.min(to, at + 4)))?.[0];
  if (octal) return { value: String.fromCharCode(parseInt(octal, 8) & 0xff), length: 1 + octal.length };
  if (escape === 'c' && at + 2 < to) return { value: String.fromCharCode(source.charCodeAt(at + 2) & 0x1f), length: 3 };
  const named = ANSI_C[escape];
  return named === undefined ? undefined : { value: named, length: 2 };
}

/** A `\x`, `\u` or `\U` escape (in `$'…'` strings, bash's printf and echo -e), from the text after its backslash: its character and how many characters it takes, backslash included. */
export function hexEscape(afterBackslash: string): { value: string; length: number } | undefined {
  const hex = HEX_ESCAPES[afterBackslash[0] ?? '']?.exec(afterBackslash.slice(1))?.[0];
  if (!hex) return undefined;
  const code = parseInt(hex, 16);
  return code <= 0x10ffff ? { value: String.fromCodePoint(code), length: 2 + hex.length } : undefined;
}

/** True when `text` is written character for character from one offset, on one line. */
export function isVerbatim(decoded: DecodedWord, source: string): boolean {
  if (!decoded.static) return false;
  const first = decoded.offsets[0]!;
  for (let i = 0; i < decoded.text.length; i++) {
    if (decoded.offsets[i] !== first + i || decoded.text[i] === '\n' || source[first + i] !== decoded.text[i]) return false;
  }
  return true;
}
