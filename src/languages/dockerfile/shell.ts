/**
 * A small POSIX shell lexer that keeps the source offset of every word. It is not a shell:
 * it splits a script into simple commands (at `&&`, `||`, `;`, `|`, `&`, newlines, parentheses)
 * and each command into words, so rules can ask "which commands does this RUN execute".
 */

import type { LineIndex } from '../../positions.js';
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

export interface ShellCommandTokens {
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  words: ShellWord[];
  /** The operator that ends this command (`&&`, `||`, `;`, `|`, `&`, newline) or '' at the end. */
  terminator: string;
  /** Redirections with their targets: `> /proc/sys/…`, `>> /etc/sysctl.conf`, `2>&1`. */
  redirects: ShellRedirect[];
}

export interface ShellRedirect {
  /** `>`, `>>`, `2>&1`'s `>&`, `<<` … without the descriptor number. */
  operator: string;
  target: ShellWord;
}

/** Operators that end a simple command, longest first where one begins another. */
const SEPARATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'];
const REDIRECT = /^\d*(?:>>|>&|<&|<<<|<<-?|<>|>\||>|<)/;

export function lexShell(source: MappedText): ShellCommandTokens[] {
  const commands: ShellCommandTokens[] = [];
  let words: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  let redirecting: string | undefined;
  const text = source.text;
  let i = 0;
  const finish = (terminator: string) => {
    if (words.length > 0) commands.push({ ...splitAssignments(words, terminator), redirects });
    words = [];
    redirects = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2; // a line continuation inside a heredoc script
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const separator = SEPARATOR_STARTS.includes(c) ? SEPARATORS.find((s) => text.startsWith(s, i)) : undefined;
    if (separator) {
      finish(separator);
      i += separator.length;
      continue;
    }
    const redirect = REDIRECT_STARTS.test(c) ? REDIRECT.exec(text.slice(i, i + 8)) : null;
    if (redirect) {
      i += redirect[0].length;
      redirecting = redirect[0].replace(/^\d+/, ''); // the redirection's target (a file, a descriptor, a heredoc delimiter) is not a command word
      continue;
    }
    const plainEnd = plainWordEnd(text, i);
    const word = plainEnd === -1 ? readWord(text, i) : { value: text.slice(i, plainEnd), end: plainEnd };
    const token = new ShellWord(word.value, source.offsetOf(i), source.offsetOf(word.end - 1) + 1, source.lines);
    if (redirecting === undefined) words.push(token);
    else redirects.push({ operator: redirecting, target: token });
    redirecting = undefined;
    i = word.end;
  }
  finish('');
  return commands;
}

const SEPARATOR_STARTS = '&|;\n()';
const REDIRECT_STARTS = /[\d<>]/;

function splitAssignments(words: ShellWord[], terminator: string): Omit<ShellCommandTokens, 'redirects'> {
  let split = 0;
  while (split < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[split]!.value)) split++;
  return { assignments: words.slice(0, split), words: split === 0 ? words : words.slice(split), terminator };
}

/** Characters that end a word, or need more than copying into its value. */
const WORD_END = ' \t\r\n;&|()<>';
const SPECIAL = `${WORD_END}\\'"$\``;

const PLAIN_WORD = /[^ \t\r\n;&|()<>\\'"$`]+/y;

/** The end of a word whose characters are all taken as they are (the common case, read natively), or -1. */
function plainWordEnd(text: string, start: number): number {
  PLAIN_WORD.lastIndex = start;
  if (!PLAIN_WORD.test(text)) return -1;
  const end = PLAIN_WORD.lastIndex;
  return end === text.length || WORD_END.includes(text[end]!) ? end : -1;
}

function readWord(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (WORD_END.includes(c)) {
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
  let i = from;
  while (i < text.length && !SPECIAL.includes(text[i]!)) i++;
  return i;
}

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
    let end = i + 1;
    while (end < text.length && text[end] !== '"' && text[end] !== '\\') end++;
    value += text.slice(i, end);
    i = end;
  }
  return { value, end: i + 1 };
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}
