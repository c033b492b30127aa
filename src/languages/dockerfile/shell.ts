/**
 * A small POSIX shell lexer that keeps the source offset of every word. It is not a shell:
 * it splits a script into simple commands (at `&&`, `||`, `;`, `|`, `&`, newlines, parentheses)
 * and each command into words, so rules can ask "which commands does this RUN execute".
 */

import { BACKSLASH, CR, HASH, HYPHEN, LF, runEnd, SPACE, TAB } from '../../character-codes.js';
import { lineEnd, type LineIndex } from '../../positions.js';
import type { ShellDialect } from '../../shell/types.js';
import { decodeAnsiC, readsAnsiCAsBash } from '../../shell/words.js';
import { wordsBeforeProgram } from './model.js';
import type { Range } from '../../types.js';

const AMPERSAND = 38;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const DIGIT_ZERO = 48;
const DIGIT_NINE = 57;
const SEMICOLON = 59;
const LESS = 60;
const GREATER = 62;
const PIPE = 124;

/** Text with the document offset of each of its characters (continuations removed), and the document's lines. */
export interface MappedText {
  text: string;
  offsetOf(index: number): number;
  lines: LineIndex;
}

/**
 * A word and where it stands in the text it was lexed from. Its document range is worked out when
 * read: a RUN may hold millions of words, and rules report few of them.
 */
export class ShellWord {
  // Declared, not defined as class fields, whose initializer would run before the constructor for each of the many words.
  /** The word with quotes and backslash escapes removed; `$VAR` references are kept as written. */
  declare readonly value: string;
  /** Offsets in the lexed text (`source.text`), not in the document. */
  declare readonly start: number;
  declare readonly end: number;
  declare private readonly source: MappedText;

  constructor(value: string, start: number, end: number, source: MappedText) {
    this.value = value;
    this.start = start;
    this.end = end;
    this.source = source;
  }

  get range(): Range {
    return documentRange(this.source, this.start, this.end);
  }
}

/** A simple command: its words, and its range worked out when read, as a word's is. */
export class LexedCommand {
  // Declared, not defined as class fields, as a word's are.
  /** Leading `NAME=value` words. */
  declare readonly assignments: ShellWord[];
  declare readonly words: ShellWord[];
  /** Redirections with their targets: `> /proc/sys/…`, `>> /etc/sysctl.conf`, `2>&1`. */
  declare readonly redirects: ShellRedirect[];
  /** The command before this one in its pipeline, whose output this one reads. */
  declare readonly pipedFrom: LexedCommand | undefined;
  declare private readonly source: MappedText;
  declare readonly programIndex: number;

  constructor(assignments: ShellWord[], words: ShellWord[], redirects: ShellRedirect[], pipedFrom: LexedCommand | undefined, source: MappedText) {
    this.assignments = assignments;
    this.words = words;
    this.redirects = redirects;
    this.pipedFrom = pipedFrom;
    this.source = source;
    this.programIndex = wordsBeforeProgram(words);
  }

  get range(): Range {
    const first = this.assignments[0] ?? this.words[0]!;
    const last = this.words[this.words.length - 1] ?? this.assignments[this.assignments.length - 1]!;
    return documentRange(this.source, first.start, last.end);
  }
}

/** The document range of the lexed text from `start` to `end`. */
function documentRange(source: MappedText, start: number, end: number): Range {
  return source.lines.range(source.offsetOf(start), source.offsetOf(end - 1) + 1);
}

export interface ShellRedirect {
  /** `>`, `>>`, `&>`, `2>&1`'s `>&`, `<<` … without the descriptor number. */
  operator: string;
  /** The descriptor number written before the operator (`2>`), when there is one. */
  descriptor: number | undefined;
  target: ShellWord;
  /** What a heredoc or here-string gives the command to read. */
  text?: string;
  /** The body a heredoc of a Dockerfile instruction reads, written on the lines after it. */
  body?: HeredocBody;
}

/** The body of a heredoc that a Dockerfile writes on the lines after its instruction, and the offset it starts at there. */
export interface HeredocBody {
  delimiter: string;
  text: string;
  start?: number | undefined;
}

/**
 * The shells of a stage: its image's /bin/sh, and the shell its SHELL names, which runs RUN, CMD and ENTRYPOINT (by default
 * /bin/sh -c, and `cmd /S /C` on Windows); `run` is undefined for a program that is not a POSIX shell (PowerShell, cmd),
 * whose scripts merlint does not read. On Windows BuildKit gives a `RUN <<EOF` body that starts with `#!` to that shell too.
 */
export interface StageShells {
  readonly sh: ShellDialect;
  readonly run: ShellDialect | undefined;
  readonly windows: boolean;
}

/** The shells of an image merlint knows nothing of (or of none, before the first FROM): its /bin/sh may be dash. */
export const UNKNOWN_IMAGE_SHELLS: StageShells = { sh: 'sh', run: 'sh', windows: false };

/** The commands of a script that a shell of `dialect` runs; heredocs still open at its end take their bodies from `heredocBodies`. */
export function lexShell(source: MappedText, heredocBodies: readonly HeredocBody[] = [], dialect: ShellDialect = 'bash'): LexedCommand[] {
  const commands: LexedCommand[] = [];
  // The words and redirections of the command being read, copied into it when it ends.
  const words: ShellWord[] = [];
  const redirects: ShellRedirect[] = [];
  let redirecting: Redirection | undefined;
  // Heredocs whose bodies start after the next line break, and the command the next one is piped from.
  let heredocs: ShellRedirect[] = [];
  let pipedFrom: LexedCommand | undefined;
  const text = source.text;
  let i = 0;
  const finish = (separator: string | undefined) => {
    const command = words.length > 0 ? lexedCommand(words, redirects, pipedFrom, source) : undefined;
    if (command) commands.push(command);
    // `a |` then a line break: the pipeline goes on on the next line.
    if (command || separator !== '\n') pipedFrom = separator === '|' ? command : undefined;
    words.length = 0;
    redirects.length = 0;
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
      i = lineEnd(text, i);
      continue;
    }
    if (hasClass(text, i, OPERATOR_START)) {
      // Before separators: `&>` is a redirection, not `&` then `>`.
      const redirect = redirectionAt(text, i);
      if (redirect) {
        i = redirect.end;
        // The redirection's target (a file, a descriptor, a heredoc delimiter) is not a command word.
        redirecting = redirect;
        continue;
      }
      const separator = separatorAt(text, i);
      if (separator) {
        finish(separator);
        i += separator.length;
        if (separator === '\n' && heredocs.length > 0) {
          i = readHeredocBodies(text, i, heredocs);
          heredocs = [];
        }
        continue;
      }
    }
    const word = readWord(text, i, source, dialect);
    if (redirecting === undefined) words.push(word);
    else redirects.push(redirection(redirecting, word, heredocs));
    redirecting = undefined;
    i = word.end;
  }
  finish(undefined);
  takeBodies(heredocs, heredocBodies);
  return commands;
}

/** Gives each heredoc the next of the bodies written for its delimiter, in order. */
function takeBodies(heredocs: readonly ShellRedirect[], bodies: readonly HeredocBody[]): void {
  let next = 0;
  for (const heredoc of heredocs) {
    const at = bodies.findIndex((body, index) => index >= next && body.delimiter === heredoc.target.value);
    if (at === -1) continue;
    heredoc.text = bodies[at]!.text;
    heredoc.body = bodies[at];
    next = at + 1;
  }
}

/**
 * A command of copies of the words and redirections read, each list as long as it needs to be (a list
 * grown word by word keeps room for 17), and one shared empty list where there are none, as in most commands.
 */
function lexedCommand(words: readonly ShellWord[], redirects: readonly ShellRedirect[], pipedFrom: LexedCommand | undefined, source: MappedText): LexedCommand {
  const split = assignmentCount(words);
  return new LexedCommand(split === 0 ? NONE : words.slice(0, split), words.slice(split), redirects.length === 0 ? NONE : redirects.slice(), pipedFrom, source);
}

/** The empty list of every command without assignments or redirections; frozen, as it is shared. */
const NONE = Object.freeze([]) as never[];

/** A redirection to its target; a here-string gives its word and a line break, a heredoc waits for its body. */
function redirection(redirecting: Redirection, target: ShellWord, heredocs: ShellRedirect[]): ShellRedirect {
  const redirect: ShellRedirect = { operator: redirecting.operator, descriptor: redirecting.descriptor, target, ...(redirecting.operator === '<<<' ? { text: `${target.value}\n` } : {}) };
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
      const end = lineEnd(text, lineStart);
      const line = text.slice(lineStart, text[end - 1] === '\r' ? end - 1 : end);
      const atDelimiter = (heredoc.operator === '<<-' ? line.replace(/^\t+/, '') : line) === heredoc.target.value;
      if (atDelimiter) bodyEnd = lineStart;
      lineStart = end + 1;
      if (atDelimiter) break;
    }
    heredoc.text = text.slice(bodyStart, bodyEnd);
  }
  return Math.min(lineStart, text.length);
}

/** A redirection operator without its target, and the offset after it. */
interface Redirection {
  operator: string;
  descriptor: number | undefined;
  end: number;
}

/** The redirection operator at `start`, after the descriptor digits written before it, if one is there. */
function redirectionAt(text: string, start: number): Redirection | undefined {
  let at = start;
  while (isDigit(codeAt(text, at))) at++;
  const operator = redirectionOperatorAt(text, at);
  if (operator === undefined) return undefined;
  return { operator, descriptor: at > start ? Number(text.slice(start, at)) : undefined, end: at + operator.length };
}

/** The character code at `index`, 0 past the end: charCodeAt's NaN there would make V8 throw away the optimized lexer. */
function codeAt(text: string, index: number): number {
  return index < text.length ? text.charCodeAt(index) : 0;
}

function isDigit(c: number): boolean {
  return c >= DIGIT_ZERO && c <= DIGIT_NINE;
}

/** `>`, `>>`, `>&`, `>|`, `<`, `<<`, `<<-`, `<<<`, `<&`, `<>`, `&>`, `&>>`: the longest one at `at`. */
function redirectionOperatorAt(text: string, at: number): string | undefined {
  const next = codeAt(text, at + 1);
  switch (codeAt(text, at)) {
    case GREATER:
      return next === GREATER ? '>>' : next === AMPERSAND ? '>&' : next === PIPE ? '>|' : '>';
    case LESS:
      if (next === LESS) return codeAt(text, at + 2) === LESS ? '<<<' : codeAt(text, at + 2) === HYPHEN ? '<<-' : '<<';
      return next === AMPERSAND ? '<&' : next === GREATER ? '<>' : '<';
    case AMPERSAND:
      if (next !== GREATER) return undefined;
      return codeAt(text, at + 2) === GREATER ? '&>>' : '&>';
    default:
      return undefined;
  }
}

/** The operator that ends a simple command at `at` (`&&`, `||`, `;;`, `;`, `|`, `&`, a line break, a parenthesis), if one is there. */
function separatorAt(text: string, at: number): string | undefined {
  const next = codeAt(text, at + 1);
  switch (text.charCodeAt(at)) {
    case AMPERSAND:
      return next === AMPERSAND ? '&&' : '&';
    case PIPE:
      return next === PIPE ? '||' : '|';
    case SEMICOLON:
      return next === SEMICOLON ? ';;' : ';';
    case LF:
      return '\n';
    case OPEN_PAREN:
      return '(';
    case CLOSE_PAREN:
      return ')';
    default:
      return undefined;
  }
}

/** Characters that end a word, or need more than copying into its value; where a redirection or a separator may start. */
const WORD_END = 1;
const SPECIAL = 2;
const OPERATOR_START = 4;
const WORD_ENDS = ' \t\r\n;&|()<>';
const QUOTES_AND_EXPANSIONS = `\\'"$\``;
const CHARACTER_CLASSES = characterClasses([
  [WORD_ENDS, WORD_END | SPECIAL],
  [QUOTES_AND_EXPANSIONS, SPECIAL],
  ['0123456789<>&|;\n()', OPERATOR_START],
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
  const c = text.charCodeAt(index);
  return c < 128 && (CHARACTER_CLASSES[c]! & flag) !== 0;
}

/** How many of the leading words are `NAME=value` assignments. */
function assignmentCount(words: readonly ShellWord[]): number {
  let split = 0;
  while (split < words.length && words[split]!.value.indexOf('=') > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[split]!.value)) split++;
  return split;
}

/** The word at `start`: copied as it is written when no character in it needs more (the common case). */
function readWord(text: string, start: number, source: MappedText, dialect: ShellDialect): ShellWord {
  const plainEnd = runEnd(COPIED_RUN, text, start);
  if (plainEnd > start && (plainEnd === text.length || hasClass(text, plainEnd, WORD_END))) return new ShellWord(text.slice(start, plainEnd), start, plainEnd, source);
  return readSpecialWord(text, start, source, dialect);
}

/**
 * A word with quotes, escapes or expansions in it: its value without the quotes and escapes. A `$'…'` string the shell
 * does not read as bash does is kept as written, and a `$"…"` one there is a `$` and a quoted string (as dash reads it):
 * with a `$` in it, as with a reference, the value is not known.
 */
function readSpecialWord(text: string, start: number, source: MappedText, dialect: ShellDialect): ShellWord {
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
      if (readsAnsiCAsBash(dialect, text, i + 2, close)) decodeAnsiC(text, i + 2, close, (char) => (value += char));
      else value += text.slice(i, close + 1);
      i = close + 1;
    } else if (c === '$' && text[i + 1] === '"' && dialect === 'bash') {
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
      const end = runEnd(COPIED_RUN, text, i + 1);
      value += text.slice(i, end);
      i = end;
    }
  }
  return new ShellWord(value, start, Math.min(i, text.length), source);
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
