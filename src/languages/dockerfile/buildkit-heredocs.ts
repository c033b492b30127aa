/**
 * Here-document words as BuildKit's Dockerfile parser reads them (frontend/dockerfile/parser/parser.go: `heredocsFromLine`,
 * `ParseHeredoc`, `heredocFromMatch`), with the word splitting of its shell lexer (frontend/dockerfile/shell/lex.go).
 *
 * A line's words are split as a shell splits them, quotes and escapes kept as written, and the blanks right after a `<<` kept
 * in its word (`<< EOF` is one word, `<<- EOF` two); each word `^(\d*)<<(-?)\s*([^<]*)$` matches opens a here-document
 * (`3<<EOF` too, `cat<<EOF` not) whose name is the rest of the word once quotes and escapes are taken out (`<<E"OF"`,
 * `<<\EOF` and `<<'E'"O"F` are all `EOF`), provided that is one word. BuildKit expands a COPY's body unless taking
 * quotes out changed the count of quote characters: `<<\EOF` and `<<E\"OF` (named `E"OF`) are expanded, unlike in a shell.
 * A line its lexer cannot split (a quote left open) opens none. merlint follows `$NAME` and `${NAME}`, which stay as
 * written (BuildKit expands nothing there); a word with another `${…}`, whose reading restarts the lexer's word, is not read
 * (`unknown`). test/buildkit-heredocs.json holds BuildKit's own reading of 416 lines to check this one against.
 */

import { runEnd } from '../../character-codes.js';

/** A here-document a word opens: its name, whether `<<-` strips its lines' leading tabs, and whether BuildKit expands a COPY's body. */
export interface BuildKitHeredoc {
  name: string;
  chomp: boolean;
  expand: boolean;
}

/** What a word is to BuildKit's `ParseHeredoc`: a here-document, none, an error its parser stops at, or a word merlint does not read. */
export type HeredocReading = BuildKitHeredoc | 'none' | 'refused' | 'unknown';

/** BuildKit's `reHeredoc`, Go's `\s` spelled out. */
const HEREDOC = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/** A word as `ParseHeredoc` reads it. */
export function heredocOfWord(word: string): HeredocReading {
  const match = HEREDOC.exec(word);
  const rest = match?.[3];
  if (!rest) return 'none';
  const words = splitWords(rest, UNQUOTED);
  if (words === 'unknown') return words;
  if (words === 'unsplit') return 'refused';
  if (words.length !== 1) return 'none';
  const raw = splitWords(rest, QUOTES_KEPT);
  // BuildKit's "internal lexing of heredoc produced inconsistent results".
  if (!Array.isArray(raw) || raw.length !== 1) return 'refused';
  return { name: words[0]!, chomp: match![2] === '-', expand: quoteCount(words[0]!) === quoteCount(raw[0]!) };
}

/**
 * The here-documents a line opens (`heredocsFromLine`), in order; none where BuildKit's lexer cannot split the line, and
 * undefined where merlint cannot tell: a word it does not read, or one BuildKit refuses.
 */
export function heredocsOfLine(line: string): BuildKitHeredoc[] | undefined {
  const words = splitWords(line, AS_WRITTEN, (word) => word.includes('<<'));
  if (words === 'unknown') return undefined;
  if (words === 'unsplit') return [];
  const heredocs: BuildKitHeredoc[] = [];
  for (const word of words) {
    const heredoc = heredocOfWord(word);
    if (heredoc === 'refused' || heredoc === 'unknown') return undefined;
    if (heredoc !== 'none') heredocs.push(heredoc);
  }
  return heredocs;
}

/** The here-document the first word of a text opens, as `heredocsFromLine` reads that word, if it opens one merlint can read. */
export function heredocOpenedAt(text: string): BuildKitHeredoc | undefined {
  const words = splitWords(text, AS_WRITTEN);
  const heredoc = Array.isArray(words) && words.length > 0 ? heredocOfWord(words[0]!) : 'none';
  return typeof heredoc === 'object' ? heredoc : undefined;
}

function quoteCount(word: string): number {
  let count = 0;
  for (let i = 0; i < word.length; i++) if (word[i] === '"' || word[i] === "'") count++;
  return count;
}

/** The lexer's options: whether it keeps the quotes (`RawQuotes`) and the escape characters (`RawEscapes`) it reads. */
interface LexOptions {
  quotes: boolean;
  escapes: boolean;
}

const AS_WRITTEN: LexOptions = { quotes: true, escapes: true };
const QUOTES_KEPT: LexOptions = { quotes: true, escapes: false };
const UNQUOTED: LexOptions = { quotes: false, escapes: false };

/** Go's `unicode.IsSpace`, as a class, and runs of it and of the characters the lexer copies as they are outside quotes. */
const SPACE_CLASS = String.raw`\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const SPACE_RUN = new RegExp(`[${SPACE_CLASS}]+`, 'y');
const PLAIN_RUN = new RegExp(String.raw`[^$<'"\\${SPACE_CLASS}]+`, 'y');
/** Characters copied as they are inside double quotes. */
const DOUBLE_QUOTED_RUN = /[^"$\\]+/y;
/** The blanks BuildKit's lexer takes into a `<<` word (`isWhitespace`). */
const HEREDOC_BLANKS = /[\t\r ]*/y;
/** A `$NAME` BuildKit leaves as written: digits, a special parameter, or a name of letters, digits and `_` (none: a lone `$`). */
const DOLLAR_NAME = /\$(?:\p{Nd}+|[@*#?\-$!0]|[\p{L}\p{Nd}_]*)/uy;
/** `${NAME}`, which BuildKit leaves as written; a `{`, `}` or `:` first is its "bad substitution". */
const BRACED_NAME = /\$\{(?:\p{Nd}+|[@*#?\-$!0]|[\p{L}\p{Nd}_]*)\}/uy;
const BAD_SUBSTITUTION = /\$\{(?:[{}:]|$)/y;

/**
 * The words of a text as BuildKit's `ProcessWords` splits them (with an escape `\` and no variable set), those `keep` keeps: at white
 * space outside quotes; `<<` takes the blanks after it into its word. 'unsplit' where the lexer gives up (a quote left open, a bad
 * substitution); 'unknown' at a `${…}` merlint does not follow. Runs of plain characters are copied whole: a line may be megabytes.
 */
function splitWords(text: string, options: LexOptions, keep: (word: string) => boolean = KEEP_ALL): string[] | 'unsplit' | 'unknown' {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    let end: number;
    if (c === '$') {
      const expansion = dollarExpansion(text, i);
      if (typeof expansion !== 'number') return expansion;
      // Its text is added character by character, so white space in it would split the word; a name holds none.
      end = expansion;
    } else if (c === '<' && text[i + 1] === '<') {
      end = runEnd(HEREDOC_BLANKS, text, i + 2);
    } else if (c === "'" || c === '"') {
      const quoted = c === "'" ? singleQuoted(text, i, options) : doubleQuoted(text, i, options);
      if (typeof quoted === 'string') return quoted;
      word += quoted.text;
      i = quoted.end;
      continue;
    } else if (c === '\\') {
      word += (options.escapes ? c : '') + text.slice(i + 1, i + 2);
      i += 2;
      continue;
    } else if (mayBeSpace(c) && (end = runEnd(SPACE_RUN, text, i)) > i) {
      if (word.length > 0 && keep(word)) words.push(word);
      word = '';
      i = end;
      continue;
    } else {
      // A `<` alone is copied as it is too.
      end = Math.max(runEnd(PLAIN_RUN, text, i), i + 1);
    }
    word += text.slice(i, end);
    i = end;
  }
  if (word.length > 0 && keep(word)) words.push(word);
  return words;
}

const KEEP_ALL = () => true;

/** Whether a character may be white space to Go (SPACE_CLASS): a control character or a blank, or one beyond Latin-1's letters. */
function mayBeSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  return code <= 0x20 || code === 0x85 || code === 0xa0 || code >= 0x1680;
}

/** Where a `$` expansion BuildKit leaves as written ends, or why merlint stops there. */
function dollarExpansion(text: string, at: number): number | 'unsplit' | 'unknown' {
  if (text[at + 1] !== '{') return matchEnd(DOLLAR_NAME, text, at)!;
  BAD_SUBSTITUTION.lastIndex = at;
  if (BAD_SUBSTITUTION.test(text)) return 'unsplit';
  return matchEnd(BRACED_NAME, text, at) ?? 'unknown';
}

function matchEnd(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : undefined;
}

/** A quoted part: its text as the lexer gives it, and where it ends. */
interface Quoted {
  text: string;
  end: number;
}

/** `'…'`: every character as it is. */
function singleQuoted(text: string, at: number, options: LexOptions): Quoted | 'unsplit' {
  const close = text.indexOf("'", at + 1);
  if (close === -1) return 'unsplit';
  return { text: options.quotes ? text.slice(at, close + 1) : text.slice(at + 1, close), end: close + 1 };
}

/**
 * `"…"`: `\` escapes `"`, `$` and `\` (kept with its escape where escapes are raw); before another character it stays, and
 * with raw escapes BuildKit writes it twice. A `$` expansion is read as outside quotes.
 */
function doubleQuoted(text: string, at: number, options: LexOptions): Quoted | 'unsplit' | 'unknown' {
  let quoted = options.quotes ? '"' : '';
  for (let i = at + 1; i < text.length; ) {
    const c = text[i]!;
    if (c === '"') return { text: options.quotes ? `${quoted}"` : quoted, end: i + 1 };
    if (c === '$') {
      const expansion = dollarExpansion(text, i);
      if (typeof expansion !== 'number') return expansion;
      quoted += text.slice(i, expansion);
      i = expansion;
    } else if (c === '\\') {
      if (options.escapes) quoted += c;
      const next = text[i + 1];
      if (next === undefined) return 'unsplit';
      const escapes = next === '"' || next === '$' || next === '\\';
      quoted += escapes ? next : c;
      i += escapes ? 2 : 1;
    } else {
      const end = runEnd(DOUBLE_QUOTED_RUN, text, i);
      quoted += text.slice(i, end);
      i = end;
    }
  }
  return 'unsplit';
}
