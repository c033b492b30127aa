import { baseName } from './commands.js';
import { hexEscape } from './words.js';

/*
 * What `echo` and `printf` print, worked out from their words as bash or dash prints it (checked
 * against both): the output in pieces, each known or not, with the characters of the word it comes
 * from, so that a part of the output can be placed where it is written.
 */

export interface PrintingWord {
  /** The word's value; undefined where it is not known. */
  readonly value: string | undefined;
}

export interface OutputPiece {
  /** The text; undefined where it is not known (a word that is not static, a conversion merlint does not compute). */
  readonly text: string | undefined;
  /** The word (an index into the command's words, the program being 0) whose value from `start` to `end` gives the text; undefined for what the command adds itself (echo's spaces and line break). */
  readonly word: number | undefined;
  readonly start: number;
  readonly end: number;
  /** `text` is the word's value from `start` to `end`, character for character. */
  readonly copied: boolean;
}

/** The shell whose `echo` and `printf` run: its echo options and escapes, and whether its echo reads escapes without `-e`. */
export interface PrintingShell {
  readonly shell: 'bash' | 'dash';
  readonly echoEscapes: boolean;
}

export const BASH: PrintingShell = { shell: 'bash', echoEscapes: false };
/** dash, /bin/sh on Debian and Ubuntu: its echo reads escapes always and `-n` only. */
export const DASH: PrintingShell = { shell: 'dash', echoEscapes: true };
/** bash with `shopt -s xpg_echo`: bash's echo options, and escapes read without `-e` as dash's echo reads them; where `sh` may be dash, busybox or bash, it misses neither reading of a `\n`. */
export const BASH_XPG_ECHO: PrintingShell = { shell: 'bash', echoEscapes: true };

/** What the command (its words, program first, wrappers skipped) prints when it is `echo` or `printf`; undefined for any other program or an option merlint does not read. */
export function commandOutput(words: readonly PrintingWord[], shell: PrintingShell): OutputPiece[] | undefined {
  const program = baseName(words[0]?.value);
  if (program === 'echo') return echoOutput(words, shell);
  return program === 'printf' ? printfOutput(words, shell) : undefined;
}

/** The whole output, when every piece of it is known. */
export function outputText(pieces: readonly OutputPiece[]): string | undefined {
  let text = '';
  for (const piece of pieces) {
    if (piece.text === undefined) return undefined;
    text += piece.text;
  }
  return text;
}

/** Where an escape is read: in printf's format, in a `%b` argument, in echo's words. Each reads a slightly different set. */
type EscapeContext = 'format' | 'b' | 'echo';

class Output {
  readonly pieces: OutputPiece[] = [];
  /** Set by `\c` in echo's words or a `%b` argument: nothing more is printed. */
  stopped = false;

  added(text: string): void {
    this.pieces.push({ text, word: undefined, start: 0, end: 0, copied: false });
  }

  from(word: number, start: number, end: number, text: string | undefined, copied = false): void {
    this.pieces.push({ text, word, start, end, copied });
  }

  /** The characters `start`..`end` of a word's value, with its escapes read in `context`. */
  escaped(value: string, word: number, context: EscapeContext, shell: PrintingShell, start = 0, end = value.length): void {
    let run = start;
    for (let at = value.indexOf('\\', start); at !== -1 && at < end; at = value.indexOf('\\', at)) {
      const escape = readEscape(value, at, end, context, shell);
      if (escape === undefined) {
        at++;
        continue;
      }
      if (at > run) this.from(word, run, at, value.slice(run, at), true);
      if (escape === STOP) {
        this.stopped = true;
        return;
      }
      this.from(word, at, at + escape.length, escape.value);
      at += escape.length;
      run = at;
    }
    if (end > run) this.from(word, run, end, value.slice(run, end), true);
  }
}

/** bash's echo: leading words of the letters n, e and E are options; dash's: only a first `-n`. */
function echoOutput(words: readonly PrintingWord[], shell: PrintingShell): OutputPiece[] {
  const output = new Output();
  let escapes = shell.echoEscapes;
  let newline = true;
  let first = 1;
  for (; first < words.length && isEchoOption(words[first]!.value, first, shell); first++) {
    for (const letter of words[first]!.value!.slice(1)) {
      if (letter === 'n') newline = false;
      else escapes = letter === 'e';
    }
  }
  for (let i = first; i < words.length && !output.stopped; i++) {
    if (i > first) output.added(' ');
    const value = words[i]!.value;
    if (value === undefined) output.from(i, 0, 0, undefined);
    else if (escapes) output.escaped(value, i, 'echo', shell);
    else output.from(i, 0, value.length, value, true);
  }
  if (newline && !output.stopped) output.added('\n');
  return output.pieces;
}

function isEchoOption(value: string | undefined, index: number, shell: PrintingShell): boolean {
  if (shell.shell === 'dash') return index === 1 && value === '-n';
  return value !== undefined && /^-[neE]+$/.test(value);
}

/** A printf conversion: flags, width, precision, the conversion letter (missing at the end of a format). */
const CONVERSION = /%([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?([a-zA-Z%]?)/y;

/** `printf [--] FORMAT ARGUMENT…`: the format again while arguments are left, as both shells do. */
function printfOutput(words: readonly PrintingWord[], shell: PrintingShell): OutputPiece[] | undefined {
  const formatIndex = words[1]?.value === '--' ? 2 : 1;
  const format = words[formatIndex];
  if (!format) return [];
  // Any other leading `-` is an option (`-v NAME` prints nothing) or an error.
  if (format.value?.startsWith('-') && formatIndex === 1) return undefined;
  const output = new Output();
  if (format.value === undefined) {
    output.from(formatIndex, 0, 0, undefined);
    return output.pieces;
  }
  let next = formatIndex + 1;
  do {
    const before = next;
    next = formatOnce(format.value, formatIndex, words, next, output, shell);
    if (next === before) break;
  } while (next < words.length && !output.stopped);
  return output.pieces;
}

/** Prints the format once from the argument `next` on; gives the index of the first argument left. */
function formatOnce(format: string, formatIndex: number, words: readonly PrintingWord[], next: number, output: Output, shell: PrintingShell): number {
  let run = 0;
  for (let at = format.indexOf('%'); at !== -1; at = format.indexOf('%', run)) {
    output.escaped(format, formatIndex, 'format', shell, run, at);
    CONVERSION.lastIndex = at;
    const [spec, flags, width, precision, letter] = CONVERSION.exec(format)!;
    run = at + spec.length;
    if (letter === '%') output.from(formatIndex, at, run, '%');
    else if (!letter || width === '*' || precision === '*') {
      // A format printf rejects, or a width taken from the arguments: what follows cannot be told.
      output.from(formatIndex, at, format.length, undefined);
      output.stopped = true;
      return words.length;
    } else {
      const plain = !flags && !width && precision === undefined;
      const argument = words[next];
      const place = argument ? { word: next, start: 0, end: argument.value?.length ?? 0 } : { word: formatIndex, start: at, end: run };
      converted(plain ? letter : '', argument, place, output, shell);
      next++;
    }
    if (output.stopped) return next;
  }
  output.escaped(format, formatIndex, 'format', shell, run, format.length);
  return next;
}

/** One conversion of an argument, placed at the argument (a missing one, printed as empty or zero, at the conversion). */
function converted(letter: string, argument: PrintingWord | undefined, { word, start, end }: { word: number; start: number; end: number }, output: Output, shell: PrintingShell): void {
  const value = argument ? argument.value : '';
  if (value === undefined) return output.from(word, start, end, undefined);
  if (letter === 's') return value ? output.from(word, start, end, value, true) : undefined;
  if (letter === 'b') return output.escaped(value, word, 'b', shell);
  const text = letter === 'c' ? firstCharacter(value) : numberText(letter, value);
  output.from(word, start, end, text, text === value);
}

/** `%c`: the argument's first byte, NUL for an empty one; unknown for a character beyond ASCII, of which the shells print a byte. */
function firstCharacter(value: string): string | undefined {
  if (value === '') return '\0';
  return value.charCodeAt(0) < 0x80 ? value[0] : undefined;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;
/** The bases of the unsigned conversions. */
const UNSIGNED_BASES: Record<string, number> = { u: 10, o: 8, x: 16, X: 16 };

/**
 * `%d` and `%i` of a number as strtoimax reads it, held to 64 bits (a larger one is the largest, with a warning); `%u`,
 * `%o`, `%x` and `%X` as strtoumax reads it: a negative number taken modulo 2^64, one beyond 64 bits the largest.
 */
function numberText(letter: string, value: string): string | undefined {
  const signed = letter === 'd' || letter === 'i';
  const base = UNSIGNED_BASES[letter];
  const number = signed || base !== undefined ? integerOf(value) : undefined;
  if (number === undefined) return undefined;
  if (signed) return (number > INT64_MAX ? INT64_MAX : number < INT64_MIN ? INT64_MIN : number).toString();
  const digits = (number > UINT64_MAX || -number > UINT64_MAX ? UINT64_MAX : BigInt.asUintN(64, number)).toString(base);
  return letter === 'X' ? digits.toUpperCase() : digits;
}

/**
 * A number as printf reads an argument, in bash and dash alike: blanks before it, a sign, hexadecimal after 0x, octal after 0,
 * else decimal; after a quote the code of the character that follows (an ASCII one: beyond it the shells differ), a lone
 * quote 0; empty is 0. Undefined for anything else, which printf reports as an error.
 */
function integerOf(value: string): bigint | undefined {
  if (value === '') return 0n;
  if (value[0] === "'" || value[0] === '"') {
    const code = value.length > 1 ? value.charCodeAt(1) : 0;
    return code < 0x80 ? BigInt(code) : undefined;
  }
  const match = INTEGER.exec(value);
  if (!match) return undefined;
  const [, sign, hex, octal, decimal] = match;
  const magnitude = hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? BigInt(`0o${octal || '0'}`) : BigInt(decimal!);
  return sign === '-' ? -magnitude : magnitude;
}

const INTEGER = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/;

const STOP = 'stop';

const BASH_NAMED: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
const BASH_FORMAT_NAMED: Record<string, string> = { ...BASH_NAMED, '"': '"', "'": "'", '?': '?' };
const DASH_NAMED: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Octal escapes: in a format `\NNN`; in echo's words and `%b` `\0NNN`, and `\NNN` too except in bash's echo. */
const FORMAT_OCTAL = /^[0-7]{1,3}/;
const ZERO_OCTAL = /^0[0-7]{0,3}/;
const ANY_OCTAL = /^(?:0[0-7]{0,3}|[1-7][0-7]{0,2})/;

/**
 * The escape whose backslash is at `at`, and how many characters it takes; `STOP` for `\c` outside a format
 * (it ends the output); undefined where the shell prints the backslash as it is.
 */
function readEscape(text: string, at: number, end: number, context: EscapeContext, { shell }: PrintingShell): { value: string; length: number } | typeof STOP | undefined {
  const letter = text[at + 1];
  if (letter === undefined || at + 1 >= end) return undefined;
  if (letter === 'c' && context !== 'format') return STOP;
  const after = text.slice(at + 1, Math.min(end, at + 10));
  const octal = (context === 'format' ? FORMAT_OCTAL : context === 'echo' && shell === 'bash' ? ZERO_OCTAL : ANY_OCTAL).exec(after)?.[0];
  if (octal) return { value: String.fromCharCode(parseInt(octal, 8) & 0xff), length: 1 + octal.length };
  const hex = shell === 'bash' ? hexEscape(after) : undefined;
  if (hex) return hex;
  const named = (shell === 'dash' ? DASH_NAMED : context === 'format' ? BASH_FORMAT_NAMED : BASH_NAMED)[letter];
  return named === undefined ? undefined : { value: named, length: 2 };
}
