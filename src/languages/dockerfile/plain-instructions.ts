/**
 * Instructions simple enough to read without dockerfile-ast. Its parser splits every instruction into
 * argument objects (an object, a range and two positions per word) several times over, to look for
 * heredocs, flags and the exec form; that is most of its time on real Dockerfiles and 1.5 GB on one
 * 5 MB RUN line. A RUN, CMD or ENTRYPOINT in shell form without flags or heredocs needs none of it
 * (merlint reads its commands from the text itself), nor a RUN whose flags are plain words (`flagsOf`) or whose
 * first line opens here-documents that BuildKit and dockerfile-ast read alike (`heredocsOpenedBy`), nor one in exec
 * form on one line whose strings hold no escape (`execFormStrings`), nor do WORKDIR, EXPOSE, MAINTAINER, STOPSIGNAL, LABEL, HEALTHCHECK,
 * VOLUME and SHELL, whose words only team policies read, nor an ENV or ARG whose `NAME=value` words (or old
 * form `NAME value`) hold no escape or other character its property reader treats specially, a quoted
 * value aside (`propertiesOf`), nor a COPY, ADD or FROM on one line whose flags and words are plain (a COPY or
 * ADD may open here-documents, read as a RUN's are), nor a USER on one line, whose words are as written (`flagsOf`, `wordsOf`):
 * such instructions, and the comment lines between instructions, are blanked out of the text
 * dockerfile-ast parses, and a file of nothing else is not given to it at all (PLAIN_ARGUMENTS).
 *
 * The scan below follows dockerfile-ast's `Parser` to find where each instruction ends; wherever it
 * would have to follow more than that (an escaped keyword, a possible heredoc it does not read), it stops,
 * and the rest of the file goes to dockerfile-ast as written.
 */

import { BLANK_RUN, CR, HASH, LF, runEnd, SPACE, TAB } from '../../character-codes.js';
import { pushAll } from '../../append.js';
import { heredocsOfLine } from './buildkit-heredocs.js';

/** A plain instruction of each keyword, so that its keyword tells them apart. */
export type PlainInstruction = { [K in PlainKeyword]: PlainSpan & { keyword: K } }[PlainKeyword];

interface PlainSpan {
  /** Offset of the keyword. */
  start: number;
  keywordEnd: number;
  /** Offset of the first argument, on the keyword's line. */
  argumentsStart: number;
  /** Where dockerfile-ast ends the instruction: the line break after its last line, or the end of the text. */
  end: number;
  /** Comment lines between its continuation lines, as [start, end) offsets. */
  comments: [number, number][];
  /** The here-documents of a RUN, COPY or ADD, in the order its first line opens them. */
  heredocs: PlainHeredoc[];
}

/**
 * A here-document: its name, and its content as dockerfile-ast gives it, from the line after the line that opens it to the
 * line break before its delimiter line (left out), as [start, end) offsets; an empty body ends before it starts.
 */
export interface PlainHeredoc {
  name: string;
  content: [number, number];
}

/** An instruction left to dockerfile-ast to read alone, with its end and here-documents as BuildKit reads them. */
export interface AloneInstruction {
  start: number;
  /** The line break that ends its first line. */
  firstLineEnd: number;
  end: number;
  heredocs: PlainHeredoc[];
}

/** Instructions whose arguments dockerfile-ast searches for heredocs. */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'ONBUILD']);

/**
 * Whether an instruction's arguments are plain, beyond a first word on the keyword's line without the escape:
 * from `args`, the text after the keyword up to the instruction's end, and that first word.
 */
type ArgumentsArePlain = (args: string, firstWord: string, escape: string) => boolean;

/**
 * When the arguments of each keyword merlint reads are plain. RUN, CMD and ENTRYPOINT in shell form, or in exec
 * form as PLAIN_EXEC_FORM; RUN with a first word without `--` (after which dockerfile-ast would look for flags
 * among the next words) or with plain flags as PLAIN_RUN_FLAGS (a heredoc it cannot read ends the scan), CMD and ENTRYPOINT without `<<` (for which
 * dockerfile-ast gives them a heredoc it does not read). WORKDIR, EXPOSE, MAINTAINER, STOPSIGNAL, LABEL,
 * HEALTHCHECK, VOLUME and SHELL, whose words only team policies read: HEALTHCHECK without flags (`--`) or `<<`,
 * VOLUME and SHELL in exec form as PLAIN_EXEC_FORM. ENV and ARG
 * as PLAIN_PROPERTIES, COPY and ADD as PLAIN_COPY. FROM and USER on one line, FROM's first word without `--`
 * (where dockerfile-ast stops looking for its flags) or its flags as PLAIN_FROM_FLAGS.
 */
const PLAIN_ARGUMENTS = {
  RUN: (args, firstWord, escape) => (firstWord.startsWith('[') ? isPlainExecForm(args, escape) : !firstWord.includes('--') || (escape === '\\' && PLAIN_RUN_FLAGS.test(args))),
  CMD: startCommandIsPlain,
  ENTRYPOINT: startCommandIsPlain,
  WORKDIR: () => true,
  EXPOSE: () => true,
  MAINTAINER: () => true,
  STOPSIGNAL: () => true,
  LABEL: () => true,
  HEALTHCHECK: (args, firstWord, escape) => !firstWord.includes('--') && !mayHoldHeredoc(args, escape),
  VOLUME: wordsOrExecFormArePlain,
  SHELL: wordsOrExecFormArePlain,
  ENV: propertiesArePlain,
  ARG: propertiesArePlain,
  COPY: (args) => PLAIN_COPY.test(args),
  ADD: (args) => PLAIN_COPY.test(args),
  FROM: (args, firstWord, escape) => !args.includes(escape) && (!firstWord.includes('--') || PLAIN_FROM_FLAGS.test(args)),
  USER: (args, _firstWord, escape) => !args.includes(escape),
} satisfies Record<string, ArgumentsArePlain>;
export type PlainKeyword = keyof typeof PLAIN_ARGUMENTS;

/** Instructions without flags whose words are all merlint's model holds. */
const WORD_KEYWORDS = new Set(['WORKDIR', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL', 'LABEL', 'HEALTHCHECK', 'VOLUME', 'SHELL'] as const);
type WordKeyword = typeof WORD_KEYWORDS extends Set<infer K> ? K : never;

export function isWordKeyword(keyword: PlainKeyword): keyword is WordKeyword {
  return WORD_KEYWORDS.has(keyword as WordKeyword);
}

function startCommandIsPlain(args: string, firstWord: string, escape: string): boolean {
  return !mayHoldHeredoc(args, escape) && (!firstWord.startsWith('[') || isPlainExecForm(args, escape));
}

function wordsOrExecFormArePlain(args: string, firstWord: string, escape: string): boolean {
  return !firstWord.startsWith('[') || isPlainExecForm(args, escape);
}

function isPlainExecForm(args: string, escape: string): boolean {
  return PLAIN_EXEC_FORM.test(args) && !args.includes(escape);
}

/** PLAIN_PROPERTIES takes `\` for the escape: with another, neither may be written. */
function propertiesArePlain(args: string, _firstWord: string, escape: string): boolean {
  return PLAIN_PROPERTIES.test(args) && (escape === '\\' || (!args.includes('\\') && !args.includes(escape)));
}

/** The comment lines that open the file, where parser directives are (the last may end the file without a line break). */
const OPENING_COMMENTS = /^\uFEFF?(?:[ \t]*#[^\r\n]*(?:\r\n|\r|\n|$))*/;

/** Where the comment lines that open the file end when one of them may be a parser directive (holds `=`), else 0. */
export function directivesEnd(text: string): number {
  const opening = OPENING_COMMENTS.exec(text)![0];
  return opening.includes('=') ? opening.length : 0;
}

/** The parser directives that open a file, as dockerfile-ast reads them. */
export interface Directives {
  /** The start of the line after the last directive (0 without any): comment lines from there on are comments. */
  end: number;
  escape: string;
}

/**
 * The parser directives that open the file, read as dockerfile-ast's `getParserDirectives` reads them, when each is
 * a line `# name=value` (blanks allowed around the name, `=` and the value) ended by `\n`, `\r\n` or the end of the text:
 * they end at the first line that is not one, or after one with more after its value. Undefined when a line holds
 * `=` in another form, or a directive line ends in a lone `\r`, after which dockerfile-ast skips a character: those
 * are left to it.
 */
export function readDirectives(text: string): Directives | undefined {
  let escape = '';
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = 0;
  const read = () => ({ end, escape: escape || '\\' });
  for (;;) {
    const commentStart = skipBlanks(text, lineStart);
    const lineBreak = lineEnd(text, commentStart);
    const equals = text.indexOf('=', commentStart);
    if (text.charCodeAt(commentStart) !== HASH || equals === -1 || equals > lineBreak) return read();
    DIRECTIVE.lastIndex = commentStart;
    const directive = DIRECTIVE.exec(text);
    const next = nextLineStart(text, lineBreak);
    if (directive === null || next === undefined) return undefined;
    const [, name, value] = directive as unknown as [string, string, string];
    if (!escape && name.toLowerCase() === 'escape' && (value === '\\' || value === '`')) escape = value;
    end = next;
    // Blanks after the value: dockerfile-ast reads on in the line, where a `#` begins another directive and anything else ends them.
    if (DIRECTIVE.lastIndex < lineBreak) return text.slice(DIRECTIVE.lastIndex, lineBreak).includes('#') ? undefined : read();
    if (lineBreak === text.length) return read();
    lineStart = next;
  }
}

/**
 * The escape character as BuildKit reads it from the parser directives that open a file, where one of them holds a lone `\r`;
 * undefined where none does. There dockerfile-ast ends a line and BuildKit does not: BuildKit splits lines at `\n` only, takes
 * a lone `\r` before a line's `#` for a blank and one after a directive's value for more of the value (so no directive follows
 * on that line, and an escape directive so continued is refused), and it stops at the first line that is not a directive
 * of a name it knows (frontend/dockerfile/parser: directives.go, parser.go).
 */
export function escapeAfterLoneCarriageReturn(text: string): string | undefined {
  let escape = '\\';
  let loneCarriageReturn = false;
  const seen = new Set<string>();
  for (let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0; lineStart <= text.length; ) {
    COMMENT_START.lastIndex = lineStart;
    if (!COMMENT_START.test(text)) break;
    const lineBreak = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineBreak === -1 ? text.length : lineBreak).replace(/\r+$/, '');
    loneCarriageReturn ||= line.includes('\r');
    const directive = buildkitDirective(line);
    const name = directive?.name.toLowerCase() ?? '';
    if (!directive || !BUILDKIT_DIRECTIVES.has(name) || seen.has(name)) break;
    seen.add(name);
    if (name === 'escape') {
      if (directive.value !== '`' && directive.value !== '\\') break;
      escape = directive.value;
    }
    if (lineBreak === -1) break;
    lineStart = lineBreak + 1;
  }
  return loneCarriageReturn ? escape : undefined;
}

/** White space but a line break, then `#`: a line BuildKit may read as a directive. */
const COMMENT_START = /[^\S\n]*#/y;

/** BuildKit's directive line after leading white space (Go's `\s` is `[\t\n\f\r ]`), up to its `=`. */
const BUILDKIT_DIRECTIVE_NAME = /^\s*#[\t\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\f\r ]*=/;

/**
 * A directive line's name and value: the rest of the line, blanks around it aside (all blanks: the last of them),
 * as BuildKit's `^\s*#[\t\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\f\r ]*=[\t\f\r ]*(.+?)[\t\f\r ]*$` reads it. That
 * pattern, run as it is, backtracks over every blank of a long run inside the value (a 40,000-blank line took 3 s).
 */
function buildkitDirective(line: string): { name: string; value: string } | undefined {
  const head = BUILDKIT_DIRECTIVE_NAME.exec(line);
  const rest = head && line.slice(head[0].length);
  if (!head || !rest) return undefined;
  const isBlank = (index: number) => ' \t\f\r'.includes(rest[index]!);
  let [start, end] = [0, rest.length];
  while (start < end && isBlank(start)) start++;
  while (end > start && isBlank(end - 1)) end--;
  return { name: head[1]!, value: start === end ? rest.slice(-1) : rest.slice(start, end) };
}

const BUILDKIT_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/** `# name=value`: the name, up to a blank or `=`, and the value, up to a blank or the line's end. */
const DIRECTIVE = /[ \t]*#[ \t]*([^ \t\r\n=]+)[ \t]*=[ \t]*([^ \t\r\n]*)/y;

/** The start of the line after the line break at `lineEnd` (`\n` or `\r\n`), the end of the text at its end; undefined after a lone `\r`. */
function nextLineStart(text: string, lineEnd: number): number | undefined {
  if (lineEnd === text.length) return lineEnd;
  if (text.charCodeAt(lineEnd) === LF) return lineEnd + 1;
  return text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : undefined;
}

/** What the scan read without dockerfile-ast. */
export interface PlainReading {
  instructions: PlainInstruction[];
  /** The comment lines between instructions from `commentsFrom` on, as [start, end) offsets. */
  comments: [number, number][];
  /**
   * Instructions whose here-documents dockerfile-ast names otherwise than BuildKit (`<<E"OF"` on a line with a `\`): it reads
   * each alone, its first line only, and takes its end and here-documents from here, so that it cannot run on over the file.
   */
  readAlone: AloneInstruction[];
  /** Whether it read every instruction and comment there is, leaving dockerfile-ast nothing to read. */
  complete: boolean;
}

/**
 * The plain instructions from the first FROM on, and that FROM and the plain ARGs before it when only ARGs
 * come before it and it is plain (else what comes before it is left to dockerfile-ast's structural checks),
 * and the comment lines between instructions from `commentsFrom` on (before it, lines that may be parser directives).
 */
export function findPlainInstructions(text: string, escape: string, commentsFrom = 0): PlainReading {
  const instructions: PlainInstruction[] = [];
  const comments: [number, number][] = [];
  const readAlone: AloneInstruction[] = [];
  /** Plain ARGs before the first FROM, kept when that FROM is plain and only ARGs come before it. */
  const globalArgs: PlainInstruction[] = [];
  let complete = true;
  let afterFrom = false;
  let onlyArgsBefore = true;
  const escapeCode = escape.charCodeAt(0);
  /** The comment lines inside the instruction being read. */
  const inside: [number, number][] = [];
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR || c === LF) continue;
    if (c === HASH) {
      const end = lineEnd(text, i);
      if (i >= commentsFrom) comments.push([i, end]);
      i = end;
      continue;
    }
    const keywordEnd = wordEnd(text, i, escape);
    const after = text.charCodeAt(keywordEnd);
    if (after === escapeCode) return { instructions, comments, readAlone, complete: false };
    const keyword = text.slice(i, keywordEnd).toUpperCase();
    if (after !== SPACE && after !== TAB) {
      complete = false;
      onlyArgsBefore &&= keyword === 'ARG';
      i = keywordEnd;
      continue;
    }
    inside.length = 0;
    const firstLineEnd = argumentsEnd(text, keywordEnd, escape, inside);
    let end = firstLineEnd;
    const args = text.slice(keywordEnd, end);
    // ONBUILD's here-documents are those of the instruction it holds, which is left to dockerfile-ast.
    const mayOpenHeredocs = HEREDOC_KEYWORDS.has(keyword) && mayHoldHeredoc(args, escape);
    const heredocs = mayOpenHeredocs ? (afterFrom && keyword !== 'ONBUILD' ? heredocsOpenedBy(text, end, args, escape) : undefined) : NO_HEREDOCS;
    if (heredocs === undefined) return { instructions, comments, readAlone, complete: false };
    if (heredocs.length > 0) end = heredocsEnd(text, heredocs);
    const argumentsStart = skipBlanks(text, keywordEnd);
    const readable = afterFrom || (onlyArgsBefore && (keyword === 'FROM' || keyword === 'ARG'));
    if (readable && isPlainKeyword(keyword) && isPlain(keyword, text.slice(argumentsStart, wordEnd(text, argumentsStart, '')), args, escape, heredocs.length > 0)) {
      const instruction = { keyword, start: i, keywordEnd, argumentsStart, end, comments: inside.length === 0 ? NO_COMMENTS : inside.slice(), heredocs } as PlainInstruction;
      if (afterFrom) instructions.push(instruction);
      else if (keyword === 'ARG') globalArgs.push(instruction);
      else {
        pushAll(instructions, globalArgs);
        instructions.push(instruction);
      }
    } else {
      complete = false;
      // dockerfile-ast would end this instruction elsewhere than BuildKit does, over instructions read here.
      if (mayOpenHeredocs && !dockerfileAstReadsAlike(args, escape)) {
        if (heredocs.length === 0 || readAlone.length === MOST_READ_ALONE) return { instructions, comments, readAlone, complete: false };
        readAlone.push({ start: i, firstLineEnd, end, heredocs });
      }
    }
    if (keyword === 'FROM') afterFrom = true;
    onlyArgsBefore &&= keyword === 'ARG';
    i = end;
  }
  return { instructions, comments, readAlone, complete: complete && (afterFrom || globalArgs.length === 0) };
}

/** dockerfile-ast reads each instruction read alone in a text as long as the file up to it: a few, not one per line of a hostile file. */
const MOST_READ_ALONE = 16;

/** The comment lines of an instruction that has none inside it. */
const NO_COMMENTS: [number, number][] = [];

/** The here-documents of an instruction that opens none. */
const NO_HEREDOCS: PlainHeredoc[] = [];

/**
 * The here-documents the first line of a RUN, COPY or ADD (`args`, up to the line break at `lineEnd`) opens, read as BuildKit reads them
 * (frontend/dockerfile/parser/parser.go, buildkit-heredocs.ts): each word of the line that `^(\d*)<<(-?)\s*([^<]*)$` matches opens one,
 * named by the rest of the word unquoted (`<<E"OF"` is `EOF`), and each body then runs, line after line (split at `\n`), up to a line
 * that is the name once its line break and, after `<<-`, its leading tabs are trimmed. Undefined, to leave the instruction to
 * dockerfile-ast, where merlint cannot follow BuildKit, or where its own reading stays dockerfile-ast's: a first line continued
 * onto the next or holding the escape character `` ` ``; a `\r` (a line break to dockerfile-ast); a word of the line merlint does not read
 * or BuildKit refuses (buildkit-heredocs.ts); a here-document no line ends; and, where dockerfile-ast reads the line's here-documents
 * alike, an empty body (whose content dockerfile-ast gives backwards or not at all) and a body line with the escape character anywhere
 * but at its end, or at the end of a line before a delimiter line, a blank line or one that starts with `#` or the escape
 * (dockerfile-ast's content reader joins such a line to the next and misses the delimiter).
 */
function heredocsOpenedBy(text: string, lineEnd: number, args: string, escape: string): PlainHeredoc[] | undefined {
  if (text.charCodeAt(lineEnd) === CR || /[\r\n]/.test(args) || (escape !== '\\' && args.includes(escape))) return undefined;
  const opened = heredocsOfLine(args);
  if (opened === undefined || opened.length === 0) return opened && NO_HEREDOCS;
  const heredocs: PlainHeredoc[] = [];
  const asDockerfileAst = dockerfileAstReadsAlike(args, escape);
  let bodyStart = lineEnd + 1;
  for (const { name, chomp } of opened) {
    const delimiterLine = delimiterLineOf(text, bodyStart, name, chomp, escape, asDockerfileAst);
    if (delimiterLine === undefined) return undefined;
    heredocs.push({ name, content: [bodyStart, delimiterLine - 1] });
    bodyStart = nextLine(text, delimiterLine);
  }
  return heredocs;
}

/** A word of a first line that opens a here-document as dockerfile-ast reads it too: `<<`, `-` and a name, in quotes or not. */
const PLAIN_HEREDOC_WORD = /^<<(-?)(?:\w+|'\w+'|"\w+")$/;

/**
 * Whether dockerfile-ast reads the here-documents of a first line (`args`) as BuildKit does, so that an instruction it reads
 * (one not plain) ends where BuildKit ends it: no `\` or escape character, and each word with a `<` or a quote opens a
 * here-document as PLAIN_HEREDOC_WORD, all with `<<` or all with `<<-` (dockerfile-ast's parser reads them all as `<<-` if one is).
 */
export function dockerfileAstReadsAlike(args: string, escape: string): boolean {
  if (args.includes('\\') || args.includes(escape)) return false;
  const chomps = new Set<string>();
  // From word to word that holds one of those characters, found by search: a line may have millions of words.
  for (let end = 0; (QUOTE_OR_ANGLE.lastIndex = end), QUOTE_OR_ANGLE.test(args); ) {
    const at = QUOTE_OR_ANGLE.lastIndex - 1;
    // Back to the word's start, no further than the last word's end: a search of the whole line for each word took time growing with the square.
    let start = at;
    while (start > end && args[start - 1] !== ' ' && args[start - 1] !== '\t') start--;
    end = runEnd(NOT_BLANK_RUN, args, at);
    const match = PLAIN_HEREDOC_WORD.exec(args.slice(start, end));
    if (!match) return false;
    chomps.add(match[1]!);
  }
  return chomps.size === 1;
}

const QUOTE_OR_ANGLE = /[<'"]/g;
const NOT_BLANK_RUN = /[^ \t]*/y;

/**
 * Where the line that ends the body from `bodyStart` starts; undefined where heredocsOpenedBy leaves the instruction to dockerfile-ast.
 * `asDockerfileAst`: the line opens here-documents dockerfile-ast reads alike, whose model merlint keeps where it reads them
 * (dockerfileAstReadsAlike), so an empty body and escapes in body lines are left to it.
 */
function delimiterLineOf(text: string, bodyStart: number, name: string, chomp: boolean, escape: string, asDockerfileAst: boolean): number | undefined {
  let continued = false;
  for (let lineStart = bodyStart; lineStart < text.length; lineStart = nextLine(text, lineStart)) {
    const line = text.slice(lineStart, nextLine(text, lineStart) - 1);
    if ((chomp ? line.replace(LEADING_TABS, '') : line) === name) return asDockerfileAst && (lineStart === bodyStart || continued) ? undefined : lineStart;
    if (line.includes('\r')) return undefined;
    if (!asDockerfileAst) continue;
    if (continued && !continuesLine(line, escape)) return undefined;
    const escapeAt = line.indexOf(escape);
    if (escapeAt !== -1 && !ONLY_BLANKS.test(line.slice(escapeAt + 1))) return undefined;
    continued = escapeAt !== -1;
  }
  return undefined;
}

const LEADING_TABS = /^\t*/;
const ONLY_BLANKS = /^[ \t]*$/;

/** Whether a body line after one the escape character ends goes on with it as dockerfile-ast reads it: its first character but blanks is another. */
function continuesLine(line: string, escape: string): boolean {
  const first = line.search(/[^ \t]/);
  return first !== -1 && line[first] !== '#' && line[first] !== escape;
}

/** The start of the line after the one holding `from`: after its `\n`, or the end of the text and one more. */
function nextLine(text: string, from: number): number {
  const lineBreak = text.indexOf('\n', from);
  return lineBreak === -1 ? text.length + 1 : lineBreak + 1;
}

/** Where dockerfile-ast ends an instruction with here-documents: at the line break after the last delimiter line, or the end of the text. */
function heredocsEnd(text: string, heredocs: readonly PlainHeredoc[]): number {
  return nextLine(text, heredocs[heredocs.length - 1]!.content[1] + 1) - 1;
}

function isPlainKeyword(keyword: string): keyword is PlainKeyword {
  return Object.hasOwn(PLAIN_ARGUMENTS, keyword);
}

/**
 * The text with each plain instruction and each one read alone replaced by a blank and as many line breaks, and each comment line
 * read by a blank, so every other instruction keeps its line and column. The breaks are all `\n` and
 * follow the blank: a lone `\r` next to a `\n` would otherwise make one break of two.
 */
export function withoutInstructions(text: string, { instructions: plain, readAlone, comments }: PlainReading): string {
  const instructions = readAlone.length === 0 ? plain : [...plain, ...readAlone].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let from = 0;
  const blank = (start: number, end: number) => {
    parts.push(text.slice(from, start), ' ', '\n'.repeat(lineBreaksIn(text, start, end)));
    from = end;
  };
  let next = 0;
  for (const instruction of instructions) {
    for (; next < comments.length && comments[next]![0] < instruction.start; next++) blank(...comments[next]!);
    blank(instruction.start, instruction.end);
  }
  for (; next < comments.length; next++) blank(...comments[next]!);
  parts.push(text.slice(from));
  return parts.join('');
}

/** How many line breaks (`\r\n`, `\r` or `\n`) the text has between the offsets. */
function lineBreaksIn(text: string, start: number, end: number): number {
  let count = 0;
  // From break to break by the expression engine, not a loop over every character, which cold code runs slowly.
  for (let i = lineEnd(text, start); i < end; i = lineEnd(text, i + 1)) {
    if (text.charCodeAt(i) === CR && i + 1 < end && text.charCodeAt(i + 1) === LF) i++;
    count++;
  }
  return count;
}

/**
 * Follows `Parser.processArguments`: an instruction ends at a line break that does not follow the
 * escape character; a `#` line after one is a comment inside the instruction, added to `comments`.
 */
function argumentsEnd(text: string, keywordEnd: number, escape: string, comments: [number, number][]): number {
  const escapeCode = escape.charCodeAt(0);
  // dockerfile-ast's escape is `\` or a backquote.
  const uncontinued = escape === '`' ? UNCONTINUED_AFTER_BACKQUOTE : UNCONTINUED;
  let escaped = false;
  for (let i = keywordEnd + 1; i < text.length; i++) {
    if (!escaped) i = runEnd(uncontinued, text, i);
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) {
      if (!escaped) return i;
    } else if (c === escapeCode) {
      const next = text.charCodeAt(i + 1);
      if (next === LF || next === CR) {
        escaped = true;
        i++;
      } else if (next === SPACE || next === TAB) {
        const j = skipBlanks(text, i + 2);
        if (j === text.length) return text.length;
        if (text.charCodeAt(j) === CR || text.charCodeAt(j) === LF) escaped = true;
        // dockerfile-ast goes on after the character found, whatever it is.
        i = j;
      }
    } else if (c === HASH) {
      if (escaped) {
        const end = lineEnd(text, i);
        comments.push([i, end]);
        i = end;
      }
    } else if (c !== SPACE && c !== TAB) {
      escaped = false;
    }
  }
  return text.length;
}

/** Characters that cannot end an instruction or continue its line: all but line breaks and the escape. */
const UNCONTINUED = /[^\r\n\\]*/y;
const UNCONTINUED_AFTER_BACKQUOTE = /[^\r\n`]*/y;

/**
 * dockerfile-ast takes an argument starting with `<<` (after removing escapes) as a heredoc; the
 * text of such an argument has `<` followed by `<` or the escape character.
 */
export function mayHoldHeredoc(args: string, escape: string): boolean {
  for (let at = args.indexOf('<'); at !== -1; at = args.indexOf('<', at + 1)) {
    if (args[at + 1] === '<' || args[at + 1] === escape) return true;
  }
  return false;
}

/**
 * Arguments that start on the keyword's line with a word that holds no escape, or opens a here-document read already
 * (`<<\EOF`), plain for the keyword (PLAIN_ARGUMENTS).
 */
function isPlain(keyword: PlainKeyword, firstWord: string, args: string, escape: string, opensHeredocs: boolean): boolean {
  return firstWord.length > 0 && (!firstWord.includes(escape) || (opensHeredocs && HEREDOC_OPENING.test(firstWord))) && PLAIN_ARGUMENTS[keyword](args, firstWord, escape);
}

const HEREDOC_OPENING = /^\d*<</;

/** Words of characters dockerfile-ast's property reader copies as they are (no quotes, escapes or comments): a name without `=`, any, one with `=`. */
const NAME = String.raw`[A-Za-z0-9_.,:/@%+\${}~-]+`;
const WORD = String.raw`[A-Za-z0-9_.,:/@%+=\${}~-]+`;
const ASSIGNMENT = String.raw`[A-Za-z0-9_.,:/@%+\${}~-]*=[A-Za-z0-9_.,:/@%+=\${}~-]*`;
/** A quoted value without the escape `\` or a line break, and a name and `=` before one. */
const QUOTED = String.raw`(?:"[^"\\\r\n]*"|'[^'\\\r\n]*')`;
const NAME_QUOTED = String.raw`[A-Za-z0-9_.,:/@%+~-]+=${QUOTED}`;
/** A flag whose name and value dockerfile-ast's `getFlags` gives as written: `--name`, and `=value` if it has one. */
const FLAG = String.raw`--[A-Za-z][A-Za-z0-9-]*(?:=[A-Za-z0-9_.,:/@%+=\${}~-]*)?`;
/** Blanks, or blanks and the escape `\` that continues the line, and the next line's blanks (not after a lone `\r`, where dockerfile-ast skips a character). */
const SEPARATOR = String.raw`(?:[ \t]+\\[ \t]*\r?\n[ \t]*|[ \t]+)`;

/**
 * ENV or ARG words that dockerfile-ast's property reader gives as written, a value in quotes without them and
 * without line continuations (`propertyValue`): one word; `NAME=value` words; or the old form `NAME value …`,
 * whose value may be quoted. The words may go on over more lines after a blank and the escape `\`. A quoted
 * value ends its word.
 */
const PLAIN_PROPERTIES = new RegExp(
  String.raw`^[ \t]+(?:${WORD}|${NAME_QUOTED}|(?:${ASSIGNMENT}|${NAME_QUOTED})(?:${SEPARATOR}(?:${WORD}|${NAME_QUOTED}))+|${NAME}(?:${SEPARATOR}(?:${WORD}|${NAME_QUOTED}|${QUOTED}))+)[ \t]*$`,
);

/** A JSON array of strings on one line, none with an escape or a control character: each string's value is its text. */
const PLAIN_EXEC_FORM = /^[ \t]*\[[ \t]*"[^"\\\x00-\x1f]*"(?:[ \t]*,[ \t]*"[^"\\\x00-\x1f]*")*[ \t]*\][ \t]*$/;

/**
 * COPY or ADD flags (`--from=build`, `--link`) and then paths that dockerfile-ast's argument reader copies as
 * they are: no path starts with `-`, so dockerfile-ast's flags are the words before the first path. Sources may be
 * words that open here-documents as heredocsOpenedBy reads them (`<<EOF`, `<<-'EOF'`, `<<E"OF"`, `2<<\EOF`), the
 * destination not, which BuildKit refuses.
 */
const COPY_PATH = String.raw`[A-Za-z0-9_.,:/@%+=\${}~*?][A-Za-z0-9_.,:/@%+=\${}~*?-]*`;
const HEREDOC_SOURCE = String.raw`\d*<<-?[^\s<]+`;
const PLAIN_COPY = new RegExp(String.raw`^(?:[ \t]+${FLAG})*(?:[ \t]+(?:${COPY_PATH}|${HEREDOC_SOURCE}))*[ \t]+${COPY_PATH}[ \t]*$`);

/**
 * Flags that open the arguments of a RUN or FROM, then a word without `--` (where dockerfile-ast stops looking for flags)
 * or the escape that is no exec form: a RUN's flags may go on over lines after a blank and the escape `\`, a FROM's are on its one line.
 */
const AFTER_FLAGS = String.raw`(?![^ \t\r\n]*--)[^-[\s\\#][^\s\\]*(?:\s|$)`;
const PLAIN_RUN_FLAGS = new RegExp(String.raw`^(?:${SEPARATOR}${FLAG})+${SEPARATOR}${AFTER_FLAGS}`);
const PLAIN_FROM_FLAGS = new RegExp(String.raw`^(?:[ \t]+${FLAG})+[ \t]+${AFTER_FLAGS}`);

/**
 * A `NAME=value` word in offsets: its name from `start` to `nameEnd`, its value (if any, `=` written) from
 * `valueStart` to `end`. A property of a plain ENV or ARG, or a flag of a plain COPY or ADD (`--` included in its name).
 */
export interface PlainNameValue {
  start: number;
  nameEnd: number;
  valueStart: number | null;
  end: number;
}

/** A word split at its first `=`, or all name when it has none. */
function nameValueOf(text: string, word: [number, number]): PlainNameValue {
  const start = word[0];
  const end = word[1];
  const equals = equalsIn(text, word);
  return equals !== -1 ? { start, nameEnd: equals, valueStart: equals + 1, end } : { start, nameEnd: end, valueStart: null, end };
}

/** The offset of the word's first `=`, or -1. */
function equalsIn(text: string, word: [number, number]): number {
  const equals = text.indexOf('=', word[0]);
  return equals < word[1] ? equals : -1;
}

/**
 * The properties of a plain ENV or ARG as dockerfile-ast's `getProperties` reads them: each word a
 * `NAME=value` (or a lone `NAME`), unless the first word has no `=` and others follow, the old form
 * `ENV NAME value with spaces`, whose value is all the words after the name.
 */
export function propertiesOf(text: string, instruction: PlainInstruction): PlainNameValue[] {
  const words = propertyWordsOf(text, instruction);
  const first = words[0];
  const second = words[1];
  if (first && second && equalsIn(text, first) === -1) return [{ start: first[0], nameEnd: first[1], valueStart: second[0], end: words[words.length - 1]![1] }];
  return words.map((word) => nameValueOf(text, word));
}

/** A property's value as dockerfile-ast gives it: without the quotes that open and close it, nor the escapes and line breaks of the old form's continued lines. */
export function propertyValue(text: string, { valueStart, end }: PlainNameValue): string | null {
  if (valueStart === null) return null;
  const quote = text[valueStart];
  const quoted = end - valueStart >= 2 && (quote === '"' || quote === "'") && text[end - 1] === quote;
  const value = quoted ? text.slice(valueStart + 1, end - 1) : text.slice(valueStart, end);
  return value.includes('\n') ? value.replace(LINE_CONTINUATION, '') : value;
}

const LINE_CONTINUATION = /\\[ \t]*\r?\n/g;

/** The [start, end) offsets of the words of a plain ENV or ARG: split at blanks and line continuations, a quoted part whole. */
function propertyWordsOf(text: string, instruction: PlainInstruction): [number, number][] {
  return wordSpans(text, instruction.argumentsStart, instruction.end, PROPERTY_WORD, PROPERTY_SEPARATORS);
}

const PROPERTY_WORD = /(?:[^ \t\r\n\\"']+|"[^"]*"|'[^']*')*/y;
/** What comes between the words of plain properties (PLAIN_PROPERTIES): blanks and line continuations. */
const PROPERTY_SEPARATORS = /[ \t\r\n\\]*/y;

/**
 * The flags of a plain RUN, FROM, COPY or ADD, as dockerfile-ast's `getFlags` reads them: the `--` words that open its
 * arguments (PLAIN_RUN_FLAGS, PLAIN_FROM_FLAGS, PLAIN_COPY), over continued lines too; and where the words after them start.
 */
export function flagsOf(text: string, instruction: PlainInstruction): { flags: PlainNameValue[]; wordsStart: number } {
  const flags: PlainNameValue[] = [];
  let start = instruction.argumentsStart;
  while (text.startsWith('--', start)) {
    const end = runEnd(FLAG_WORD, text, start);
    flags.push(nameValueOf(text, [start, end]));
    start = runEnd(PROPERTY_SEPARATORS, text, end);
  }
  return { flags, wordsStart: start };
}

const FLAG_WORD = /[^ \t\r\n\\]*/y;

/** The [start, end) offsets of the words of a plain instruction's arguments from `from` on (all of them by default), split at blanks. */
export function wordsOf(text: string, instruction: PlainInstruction, from = instruction.argumentsStart, to = instruction.end): [number, number][] {
  return wordSpans(text, from, to, PLAIN_WORD, BLANKS_AND_LINE_BREAKS);
}

/** Where a plain instruction's first line ends: before the bodies of the here-documents it opens, else at its end. */
export function firstLineEnd(instruction: PlainInstruction): number {
  return instruction.heredocs.length === 0 ? instruction.end : instruction.heredocs[0]!.content[0] - 1;
}

const PLAIN_WORD = /[^ \t\r\n]*/y;
const BLANKS_AND_LINE_BREAKS = /[ \t\r\n]*/y;

/**
 * The [start, end) offsets of the words of a plain instruction's arguments from `from` to `to`: runs of `word` between runs
 * of `separators` (sticky expressions), found by where they end rather than by a match object each.
 */
function wordSpans(text: string, from: number, to: number, word: RegExp, separators: RegExp): [number, number][] {
  const words: [number, number][] = [];
  for (let start = runEnd(separators, text, from); start < to; ) {
    const end = runEnd(word, text, start);
    // Plain arguments hold nothing but words and separators; should they, the words end there rather than the scan looping.
    if (end === start) break;
    words.push([start, end]);
    start = runEnd(separators, text, end);
  }
  return words;
}

/** The [start, end) offsets of the strings of a plain exec form, inside their quotes. */
export function execFormStrings(text: string, instruction: PlainInstruction): [number, number][] {
  const strings: [number, number][] = [];
  let open = text.indexOf('"', instruction.argumentsStart);
  while (open !== -1 && open < instruction.end) {
    const close = text.indexOf('"', open + 1);
    strings.push([open + 1, close]);
    open = text.indexOf('"', close + 1);
  }
  return strings;
}

/** The end of the run of characters that are not blanks, line breaks or the escape character (none when it is ''). */
function wordEnd(text: string, from: number, escape: string): number {
  return runEnd(escape === '' ? NOT_BLANKS : escape === '`' ? NOT_BLANKS_OR_BACKQUOTE : NOT_BLANKS_OR_BACKSLASH, text, from);
}

const NOT_BLANKS = /[^ \t\r\n]*/y;
const NOT_BLANKS_OR_BACKSLASH = /[^ \t\r\n\\]*/y;
const NOT_BLANKS_OR_BACKQUOTE = /[^ \t\r\n`]*/y;

function skipBlanks(text: string, from: number): number {
  return runEnd(BLANK_RUN, text, from);
}

function lineEnd(text: string, from: number): number {
  return runEnd(NOT_LINE_BREAKS, text, from);
}

const NOT_LINE_BREAKS = /[^\r\n]*/y;
