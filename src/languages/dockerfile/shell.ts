/**
 * A small POSIX shell lexer that keeps the source offset of every word. It is not a shell:
 * it splits a script into simple commands (at `&&`, `||`, `;`, `|`, `&`, newlines, parentheses)
 * and each command into words, so rules can ask "which commands does this RUN execute".
 */

import { BACKSLASH, CR, HASH, LF, runEnd, SPACE, TAB } from '../../character-codes.js';
import type { LineIndex } from '../../positions.js';
import { decodeAnsiC } from '../../shell/words.js';
import { wordsBeforeProgram } from './model.js';
import type { Range } from '../../types.js';

/** Text with the document offset of each of its characters (continuations removed), and the document's lines. */
export interface MappedText {
  text: string;
  offsetOf(index: number): number;
  lines: LineIndex;
}

/**
 * A word and the document offsets it spans. Its range is worked out when read: a RUN may hold
 * millions of words, and rules report few of them.
 */
export class ShellWord {
  constructor(
    /** The word with quotes and backslash escapes removed; `$VAR` references are kept as written. */
    readonly value: string,
    readonly start: number,
    readonly end: number,
    private readonly lines: LineIndex,
  ) {}

  get range(): Range {
    return this.lines.range(this.start, this.end);
  }
}

/** A simple command: its words, and its range worked out when read, as a word's is. */
export class LexedCommand {
  readonly programIndex: number;

  constructor(
    /** Leading `NAME=value` words. */
    readonly assignments: ShellWord[],
    readonly words: ShellWord[],
    /** Redirections with their targets: `> /proc/sys/…`, `>> /etc/sysctl.conf`, `2>&1`. */
    readonly redirects: ShellRedirect[],
    /** The command before this one in its pipeline, whose output this one reads. */
    readonly pipedFrom: LexedCommand | undefined,
    private readonly lines: LineIndex,
  ) {
    this.programIndex = wordsBeforeProgram(words);
  }

  get range(): Range {
    const first = this.assignments[0] ?? this.words[0]!;
    const last = this.words[this.words.length - 1] ?? this.assignments[this.assignments.length - 1]!;
    return this.lines.range(first.start, last.end);
  }
}

export interface ShellRedirect {
  /** `>`, `>>`, `&>`, `2>&1`'s `>&`, `<<` … without the descriptor number. */
  operator: string;
  /** The descriptor number written before the operator (`2>`), when there is one. */
  descriptor: number | undefined;
  target: ShellWord;
  /** What a heredoc or here-string gives the command to read. */
  text?: string;
}

/** Operators that end a simple command, longest first where one begins another. */
const SEPARATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];
const REDIRECT = /^(\d*)(&>>|&>|>>|>&|<&|<<<|<<-?|<>|>\||>|<)/;

export function lexShell(source: MappedText): LexedCommand[] {
  const commands: LexedCommand[] = [];
  let words: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  let redirecting: Omit<ShellRedirect, 'target'> | undefined;
  // Heredocs whose bodies start after the next line break, and the command the next one is piped from.
  let heredocs: ShellRedirect[] = [];
  let pipedFrom: LexedCommand | undefined;
  const text = source.text;
  let i = 0;
  const finish = (separator: string | undefined) => {
    const command = words.length > 0 ? lexedCommand(words, redirects, pipedFrom, source.lines) : undefined;
    if (command) commands.push(command);
    // `a |` then a line break: the pipeline goes on on the next line.
    if (command || separator !== '\n') pipedFrom = separator === '|' ? command : undefined;
    words = [];
    redirects = [];
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR) {
      i++;
      continue;
    }
    if (c === BACKSLASH && text.charCodeAt(i + 1) === LF) {
      i += 2; // a line continuation inside a heredoc script
      continue;
    }
    if (c === HASH) {
      while (i < text.length && text.charCodeAt(i) !== LF) i++;
      continue;
    }
    // Before separators: `&>` is a redirection, not `&` then `>`.
    const redirect = hasClass(text, i, REDIRECT_START) ? REDIRECT.exec(text.slice(i, i + 8)) : null;
    if (redirect) {
      i += redirect[0].length;
      // The redirection's target (a file, a descriptor, a heredoc delimiter) is not a command word.
      redirecting = { operator: redirect[2]!, descriptor: redirect[1] ? Number(redirect[1]) : undefined };
      continue;
    }
    const separator = hasClass(text, i, SEPARATOR_START) ? SEPARATORS.find((s) => text.startsWith(s, i)) : undefined;
    if (separator) {
      finish(separator);
      i += separator.length;
      if (separator === '\n' && heredocs.length > 0) {
        i = readHeredocBodies(text, i, heredocs);
        heredocs = [];
      }
      continue;
    }
    const plainEnd = plainWordEnd(text, i);
    const word = plainEnd === -1 ? readWord(text, i) : undefined;
    const end = word ? word.end : plainEnd;
    const token = new ShellWord(word ? word.value : text.slice(i, plainEnd), source.offsetOf(i), source.offsetOf(end - 1) + 1, source.lines);
    if (redirecting === undefined) words.push(token);
    else redirects.push(redirection(redirecting, token, heredocs));
    redirecting = undefined;
    i = end;
  }
  finish(undefined);
  // A Dockerfile writes the bodies of its instruction's heredocs on the lines after the instruction.
  if (heredocs.length > 0 && source.lines.text[source.offsetOf(text.length - 1) + 1] === '\n') readHeredocBodies(source.lines.text, source.offsetOf(text.length - 1) + 2, heredocs);
  return commands;
}

function lexedCommand(words: ShellWord[], redirects: ShellRedirect[], pipedFrom: LexedCommand | undefined, lines: LineIndex): LexedCommand {
  const split = assignmentCount(words);
  return new LexedCommand(words.slice(0, split), split === 0 ? words : words.slice(split), redirects, pipedFrom, lines);
}

/** A redirection to its target; a here-string gives its word and a line break, a heredoc waits for its body. */
function redirection(redirecting: Omit<ShellRedirect, 'target'>, target: ShellWord, heredocs: ShellRedirect[]): ShellRedirect {
  const redirect: ShellRedirect = { ...redirecting, target, ...(redirecting.operator === '<<<' ? { text: `${target.value}\n` } : {}) };
  if (redirect.operator.startsWith('<<') && redirect.operator !== '<<<') heredocs.push(redirect);
  return redirect;
}

/** Reads the bodies of heredocs, one after the other from `start`, into their redirections; returns the offset after the last delimiter line. */
function readHeredocBodies(text: string, start: number, heredocs: readonly ShellRedirect[]): number {
  let lineStart = start;
  for (const heredoc of heredocs) {
    const bodyStart = lineStart;
    let bodyEnd = text.length;
    while (lineStart < text.length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      const line = text.slice(lineStart, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
      const atDelimiter = (heredoc.operator === '<<-' ? line.replace(/^\t+/, '') : line) === heredoc.target.value;
      if (atDelimiter) bodyEnd = lineStart;
      lineStart = lineEnd + 1;
      if (atDelimiter) break;
    }
    heredoc.text = text.slice(bodyStart, bodyEnd);
  }
  return Math.min(lineStart, text.length);
}

/** Characters that end a word, or need more than copying into its value; where a separator or a redirection may start. */
const WORD_END = 1;
const SPECIAL = 2;
const SEPARATOR_START = 4;
const REDIRECT_START = 8;
const WORD_ENDS = ' \t\r\n;&|()<>';
const QUOTES_AND_EXPANSIONS = `\\'"$\``;
const CHARACTER_CLASSES = characterClasses([
  [WORD_ENDS, WORD_END | SPECIAL],
  [QUOTES_AND_EXPANSIONS, SPECIAL],
  ['&|;\n()', SEPARATOR_START],
  ['0123456789<>&', REDIRECT_START],
]);

/** The classes of each ASCII character; other characters are in none. */
function characterClasses(members: [characters: string, flags: number][]): Uint8Array {
  const classes = new Uint8Array(128);
  for (const [characters, flags] of members) {
    for (let i = 0; i < characters.length; i++) classes[characters.charCodeAt(i)]! |= flags;
  }
  return classes;
}

function hasClass(text: string, index: number, flag: number): boolean {
  return ((CHARACTER_CLASSES[text.charCodeAt(index)] ?? 0) & flag) !== 0;
}

/** How many of the leading words are `NAME=value` assignments. */
function assignmentCount(words: readonly ShellWord[]): number {
  let split = 0;
  while (split < words.length && words[split]!.value.indexOf('=') > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[split]!.value)) split++;
  return split;
}

/** The end of a word whose characters are all taken as they are (the common case), or -1. */
function plainWordEnd(text: string, start: number): number {
  const end = plainEnd(text, start);
  return end > start && (end === text.length || hasClass(text, end, WORD_END)) ? end : -1;
}

function readWord(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (hasClass(text, i, WORD_END)) {
      if (!(c === '(' && text[i - 1] === '$')) break;
    }
    if (c === '\\') {
      if (text[i + 1] !== undefined && text[i + 1] !== '\n') value += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const quoted = readDoubleQuoted(text, i + 1);
      value += quoted.value;
      i = quoted.end;
    } else if (c === '$' && text[i + 1] === "'") {
      const close = closingAnsiCQuote(text, i + 2);
      decodeAnsiC(text, i + 2, close, (char) => (value += char));
      i = close + 1;
    } else if (c === '$' && text[i + 1] === '"') {
      i++; // `$"…"`, a string to translate, is a double-quoted one where no translation is installed
    } else if (c === '$' && text[i + 1] === '(') {
      const end = matchingParen(text, i + 1);
      value += text.slice(i, end);
      i = end;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 ? text.length : close + 1;
      value += text.slice(i, end);
      i = end;
    } else {
      const end = plainEnd(text, i + 1);
      value += text.slice(i, end);
      i = end;
    }
  }
  return { value, end: Math.min(i, text.length) };
}

/** The end of a run of characters that are copied into a word as they are. */
function plainEnd(text: string, from: number): number {
  return runEnd(COPIED_RUN, text, from);
}

/** A run of characters in no SPECIAL class. */
const COPIED_RUN = new RegExp(`[^${(WORD_ENDS + QUOTES_AND_EXPANSIONS).replace(/[\\\]^-]/g, '\\$&')}]*`, 'y');

/** The value of a double-quoted string whose text starts at `start`, and the offset after its closing quote. */
function readDoubleQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\') {
      if ('"\\$`\n'.includes(text[i + 1] ?? '')) i++;
      value += text[i] ?? '';
      i++;
      continue;
    }
    const end = runEnd(UNESCAPED_IN_DOUBLE_QUOTES, text, i + 1);
    value += text.slice(i, end);
    i = end;
  }
  return { value, end: i + 1 };
}

const UNESCAPED_IN_DOUBLE_QUOTES = /[^"\\]*/y;

/** The offset of the quote that ends a `$'…'` string whose text starts at `start` (a backslash escapes a quote there). */
function closingAnsiCQuote(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i;
  }
  return text.length;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}
