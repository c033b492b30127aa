import type { WrittenVariable } from '../../facts/go-settings.js';
import type { LineIndex } from '../../positions.js';
import { programName, type ShellCommand, type ShellFileWrite, type ShellHeredoc, type ShellWord } from '../../shell/index.js';

/*
 * `echo "GOPROXY=…" >> "$GITHUB_ENV"`: a step's script that appends NAME=value lines to the file
 * $GITHUB_ENV names sets those variables for every later step of the job, as `env:` does.
 */

const GITHUB_ENV = /^"?\$(?:GITHUB_ENV|\{GITHUB_ENV\})"?$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/**
 * Text a script appends to $GITHUB_ENV, from `start` to `end` in the file: `text` is all of it when
 * `complete`, else only its known beginning; `verbatim` when it is written there character for
 * character; `newline` when a line break follows it.
 */
interface Written {
  text: string;
  complete: boolean;
  start: number;
  end: number;
  verbatim: boolean;
  newline: boolean;
}

/** The variables a script's writes to $GITHUB_ENV set: the lines `echo`, `printf` and heredocs append, read as the runner reads the file. */
export function githubEnvWrites(writes: readonly ShellFileWrite[], index: LineIndex): WrittenVariable[] {
  const written = writes
    .filter((write) => GITHUB_ENV.test(write.target.text))
    .flatMap((write) => (write.heredoc ? heredocLines(write.heredoc, index) : write.writers.flatMap((writer) => writtenBy(writer, index))));
  return outsideMultilineValues(lines(written)).flatMap((line) => lineVariable(line));
}

function heredocLines(heredoc: ShellHeredoc, index: LineIndex): Written[] {
  return heredoc.lines.map((line) => {
    // An expanding heredoc's text is known up to its first `$`, backquote or backslash.
    const known = heredoc.expands ? /^[^$`\\]*/.exec(line.text)![0] : line.text;
    return { text: known, complete: known === line.text, start: index.offset(line.range.start), end: index.offset(line.range.end), verbatim: true, newline: true };
  });
}

/** What one command writes: `echo`'s and `printf`'s output when its words are known, else text of which nothing is known. */
function writtenBy(writer: ShellCommand, index: LineIndex): Written[] {
  const name = programName(writer);
  const output = name === 'echo' ? echoed(writer.programArguments) : name === 'printf' ? printed(writer.programArguments) : undefined;
  const words = output?.words ?? [];
  const place = words.length === 1 ? words[0]!.valueRange : words.length ? { start: words[0]!.range.start, end: words[words.length - 1]!.range.end } : writer.range;
  const [start, end] = [index.offset(place.start), index.offset(place.end)];
  if (!output) return [{ text: '', complete: false, start, end, verbatim: false, newline: !(name === 'echo' && echoOptions(writer.programArguments).includes('n')) }];
  return outputLines(output.text, start, end, words.length === 1 && words[0]!.verbatim ? words[0]!.value : undefined);
}

type Output = { text: string; words: readonly ShellWord[] };

/** bash's `echo`: options only before the first word (`-n` leaves out the line break, `-e` reads escapes); the words joined by spaces. */
function echoed(words: readonly ShellWord[]): Output | undefined {
  const options = echoOptions(words);
  const printedWords = echoText(words);
  const joined = knownValues(printedWords)?.join(' ');
  const text = joined !== undefined && options.lastIndexOf('e') > options.lastIndexOf('E') ? unescaped(joined) : joined;
  return text === undefined ? undefined : { text: options.includes('n') ? text : `${text}\n`, words: printedWords };
}

/** The option letters of bash's `echo`, written together: `-n -e` is "ne". */
function echoOptions(words: readonly ShellWord[]): string {
  return words.slice(0, words.length - echoText(words).length).map((word) => word.value!.slice(1)).join('');
}

/** The words `echo` prints: those after its leading options. */
function echoText(words: readonly ShellWord[]): readonly ShellWord[] {
  let first = 0;
  while (first < words.length && /^-[neE]+$/.test(words[first]!.value ?? '')) first++;
  return words.slice(first);
}

/** `printf FORMAT WORD…` with `%s`, `%%` and the escapes of ESCAPES, the format again while words are left; undefined for anything else. */
function printed(words: readonly ShellWord[]): Output | undefined {
  // `--` ends printf's options; any other leading `-` is an option (`-v NAME` writes no output).
  const written = words[0]?.value === '--' ? words.slice(1) : words;
  const [format, ...operands] = knownValues(written) ?? [];
  if (format === undefined || format.startsWith('-')) return undefined;
  let known = true;
  let next = 0;
  const once = () =>
    format.replace(/%(.?)|\\(.?)/gs, (_whole, conversion: string | undefined, escaped: string | undefined) => {
      const read = conversion === undefined ? ESCAPES[escaped!] : conversion === 's' ? (operands[next++] ?? '') : conversion === '%' ? '%' : undefined;
      if (read === undefined) known = false;
      return read ?? '';
    });
  let text = once();
  while (known && next > 0 && next < operands.length) text += once();
  return known ? { text, words: written } : undefined;
}

function knownValues(words: readonly ShellWord[]): string[] | undefined {
  const values = words.map((word) => word.value);
  return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** `echo -e`'s text: `\n`, `\t`, `\r` and `\\` read; undefined for any other escape. */
function unescaped(text: string): string | undefined {
  let known = true;
  const read = text.replace(/\\(.?)/gs, (_whole, escaped: string) => ESCAPES[escaped] ?? ((known = false), ''));
  return known ? read : undefined;
}

/**
 * A command's output, line by line, written from `start` to `end`: a line is placed by column when
 * it begins the output and `asWritten`, the one word it comes from as it stands in the file, begins with it.
 */
function outputLines(text: string, start: number, end: number, asWritten: string | undefined): Written[] {
  const parts = text.split('\n');
  const open = parts.pop()!;
  const withBreaks = [...parts.map((part) => ({ part, newline: true })), ...(open ? [{ part: open, newline: false }] : [])];
  return withBreaks.map(({ part, newline }, at) => {
    const verbatim = at === 0 && asWritten !== undefined && asWritten.startsWith(part);
    return { text: part, complete: true, start, end: verbatim ? start + part.length : end, verbatim, newline };
  });
}

/** The file's lines: what a write without a line break leaves open, the next one continues; the last line needs none. */
function lines(written: readonly Written[]): Written[] {
  const complete: Written[] = [];
  let open: Written | undefined;
  for (const piece of written) {
    open = open ? continued(open, piece) : piece;
    if (piece.newline) {
      complete.push(open);
      open = undefined;
    }
  }
  return open ? [...complete, open] : complete;
}

function continued(line: Written, more: Written): Written {
  return { text: line.complete ? line.text + more.text : line.text, complete: line.complete && more.complete, start: line.start, end: more.end, verbatim: false, newline: more.newline };
}

const MULTILINE_VALUE_START = /^[A-Za-z_][A-Za-z0-9_]*<<(.+)$/;

/** The lines but those of a multi-line value, `NAME<<DELIMITER` up to the line `DELIMITER`: they are its text, not variables. */
function outsideMultilineValues(lines: readonly Written[]): Written[] {
  const outside: Written[] = [];
  let delimiter: string | undefined;
  for (const line of lines) {
    if (delimiter !== undefined) {
      if (line.complete && line.text === delimiter) delimiter = undefined;
      continue;
    }
    delimiter = line.complete ? MULTILINE_VALUE_START.exec(line.text)?.[1] : undefined;
    if (delimiter === undefined) outside.push(line);
  }
  return outside;
}

/** `GOSUMDB=off`: the name and value placed by column when the line is written as it reads, else both at the whole of what wrote it. */
function lineVariable(line: Written): WrittenVariable[] {
  const name = ASSIGNMENT.exec(line.text)?.[1];
  if (!name) return [];
  const { start, end } = line;
  const value = line.complete ? line.text.slice(name.length + 1) : undefined;
  if (!line.verbatim) return [{ name, nameStart: start, nameEnd: end, value, valueStart: start, valueEnd: end, verbatim: false }];
  return [{ name, nameStart: start, nameEnd: start + name.length, value, valueStart: start + name.length + 1, valueEnd: end, verbatim: value !== undefined }];
}
