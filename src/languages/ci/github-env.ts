import type { WrittenVariable } from '../../facts/go-settings.js';
import type { LineIndex } from '../../positions.js';
import type { ShellCommand, ShellDialect, ShellFileWrite, ShellHeredoc, ShellWord } from '../../shell/index.js';
import { BASH, commandOutput, DASH, type OutputPiece, type PrintingShell } from '../../shell/output.js';

/*
 * `echo "GOPROXY=…" >> "$GITHUB_ENV"`: a step's script that appends NAME=value lines to the file
 * $GITHUB_ENV names sets those variables for every later step of the job, as `env:` does.
 */

const GITHUB_ENV = /^"?\$(?:GITHUB_ENV|\{GITHUB_ENV\})"?$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/**
 * A piece of the text a script appends to $GITHUB_ENV: its text (undefined where not known) and where it
 * is written in the file, `exact` when its character `i` stands at `start + i`; no place for what a command
 * adds itself (echo's spaces and line break).
 */
interface Piece {
  text: string | undefined;
  place: Place | undefined;
}

interface Place {
  start: number;
  end: number;
  exact: boolean;
}

/** A line of $GITHUB_ENV as the pieces that write it; `newline` when a line break ends it. */
interface Line {
  pieces: Piece[];
  newline: boolean;
}

/**
 * The variables a script's writes to $GITHUB_ENV set: the lines `echo`, `printf` and heredocs append, read
 * as the runner reads the file; `shell` is the step's, whose echo writes them.
 */
export function githubEnvWrites(writes: readonly ShellFileWrite[], index: LineIndex, shell: PrintingShell): WrittenVariable[] {
  const written = writes
    .filter((write) => GITHUB_ENV.test(write.target.text))
    .flatMap((write) => (write.heredoc ? heredocLines(write.heredoc, index) : write.writers.flatMap((writer) => writtenBy(writer, index, shell))));
  return outsideMultilineValues(lines(written)).flatMap((line) => lineVariable(line));
}

/** The shell of a step by the dialect of its `shell:` (or the defaults'): `sh` (`sh`, `sh -e {0}`) runs dash on Ubuntu runners, anything else read is bash. */
export function printingShell(dialect: ShellDialect): PrintingShell {
  return dialect === 'sh' ? DASH : BASH;
}

function heredocLines(heredoc: ShellHeredoc, index: LineIndex): Line[] {
  return heredoc.lines.map((line) => {
    // An expanding heredoc's text is known up to its first `$`, backquote or backslash; any heredoc's up to an expression the runner puts a value in.
    const unknownFrom = heredoc.expands ? line.text.search(/[$`\\]/) : line.text.indexOf('${{');
    const known = unknownFrom === -1 ? line.text : line.text.slice(0, unknownFrom);
    const [start, end] = [index.offset(line.range.start), index.offset(line.range.end)];
    const rest: Piece[] = known === line.text ? [] : [{ text: undefined, place: { start: start + known.length, end, exact: false } }];
    return { pieces: [{ text: known, place: { start, end: start + known.length, exact: true } }, ...rest], newline: true };
  });
}

/** What one command writes: `echo`'s and `printf`'s output, else text of which nothing is known. */
function writtenBy(writer: ShellCommand, index: LineIndex, shell: PrintingShell): Line[] {
  const words = writer.program ? [writer.program, ...writer.programArguments] : [];
  const output = commandOutput(words, shell);
  if (!output) return [{ pieces: [{ text: undefined, place: { start: index.offset(writer.range.start), end: index.offset(writer.range.end), exact: false } }], newline: true }];
  return outputLines(output.map((piece) => placed(piece, words, index)));
}

/** Where a piece of output is written: exactly, when it is copied from a word written as it reads; else at the word. */
function placed(piece: OutputPiece, words: readonly ShellWord[], index: LineIndex): Piece {
  const word = piece.word === undefined ? undefined : words[piece.word]!;
  if (!word) return { text: piece.text, place: undefined };
  const [start, end] = [index.offset(word.valueRange.start), index.offset(word.valueRange.end)];
  if (!word.verbatim || piece.end === piece.start) return { text: piece.text, place: { start, end, exact: false } };
  return { text: piece.text, place: { start: start + piece.start, end: start + piece.end, exact: piece.copied } };
}

/** A command's output cut into lines at its known line breaks; the last one has none unless the output ends with one. */
function outputLines(pieces: readonly Piece[]): Line[] {
  const lines: Line[] = [];
  let current: Piece[] = [];
  for (const piece of pieces) {
    let from = 0;
    for (let newline = piece.text?.indexOf('\n') ?? -1; newline !== -1; newline = piece.text!.indexOf('\n', from)) {
      if (newline > from) current.push(slice(piece, from, newline));
      lines.push({ pieces: current, newline: true });
      current = [];
      from = newline + 1;
    }
    if (piece.text === undefined || from < piece.text.length) current.push(from === 0 ? piece : slice(piece, from, piece.text!.length));
  }
  return current.length ? [...lines, { pieces: current, newline: false }] : lines;
}

/** The characters `from`..`to` of a known piece, placed exactly when the piece is. */
function slice(piece: Piece, from: number, to: number): Piece {
  const place = piece.place?.exact ? { start: piece.place.start + from, end: piece.place.start + to, exact: true } : piece.place;
  return { text: piece.text!.slice(from, to), place };
}

/** The file's lines: what a write without a line break leaves open, the next one continues; the last line needs none. */
function lines(written: readonly Line[]): Line[] {
  const complete: Line[] = [];
  let open: Line | undefined;
  for (const line of written) {
    open = open ? { pieces: [...open.pieces, ...line.pieces], newline: line.newline } : line;
    if (line.newline) {
      complete.push(open);
      open = undefined;
    }
  }
  return open ? [...complete, open] : complete;
}

/** A line's text up to its first unknown piece, and whether that is all of it. */
function knownText(line: Line): { text: string; complete: boolean } {
  let text = '';
  for (const piece of line.pieces) {
    if (piece.text === undefined) return { text, complete: false };
    text += piece.text;
  }
  return { text, complete: true };
}

const MULTILINE_VALUE_START = /^[A-Za-z_][A-Za-z0-9_]*<<(.+)$/;

/** The lines but those of a multi-line value, `NAME<<DELIMITER` up to the line `DELIMITER`: they are its text, not variables. */
function outsideMultilineValues(lines: readonly Line[]): Line[] {
  const outside: Line[] = [];
  let delimiter: string | undefined;
  for (const line of lines) {
    const { text, complete } = knownText(line);
    if (delimiter !== undefined) {
      if (complete && text === delimiter) delimiter = undefined;
      continue;
    }
    delimiter = complete ? MULTILINE_VALUE_START.exec(text)?.[1] : undefined;
    if (delimiter === undefined) outside.push(line);
  }
  return outside;
}

/** `GOSUMDB=off`: the name and the value each placed as exactly as the pieces that write them are. */
function lineVariable(line: Line): WrittenVariable[] {
  const { text, complete } = knownText(line);
  const name = ASSIGNMENT.exec(text)?.[1];
  if (!name) return [];
  const value = complete ? text.slice(name.length + 1) : undefined;
  const nameAt = placeOf(line.pieces, 0, name.length)!;
  const valueAt = placeOf(line.pieces, name.length + 1, complete ? text.length : Infinity) ?? afterName(nameAt);
  return [{ name, nameStart: nameAt.start, nameEnd: nameAt.end, value, valueStart: valueAt.start, valueEnd: valueAt.end, verbatim: value !== undefined && valueAt.exact }];
}

/** Where the line's characters `from`..`to` are written (`to` Infinity: to its end, unknown pieces included); undefined when no piece of them has a place. */
function placeOf(pieces: readonly Piece[], from: number, to: number): Place | undefined {
  let place: Place | undefined;
  let exact = true;
  let pieceStart = 0;
  for (const piece of pieces) {
    const length = piece.text?.length ?? 0;
    const [first, last] = [Math.max(from, pieceStart) - pieceStart, Math.min(to, pieceStart + length) - pieceStart];
    pieceStart += length;
    const unknownRest = piece.text === undefined && to === Infinity;
    if (first >= last && !unknownRest) continue;
    const part = unknownRest ? piece.place : slice(piece, first, last).place;
    exact &&= part !== undefined && part.exact && (!place || place.end === part.start);
    if (part) place = place ? { start: Math.min(place.start, part.start), end: Math.max(place.end, part.end), exact } : part;
  }
  return place && { ...place, exact };
}

/** An empty value: just after its name's `=`, where the name is placed exactly. */
function afterName(name: Place): Place {
  return name.exact ? { start: name.end + 1, end: name.end + 1, exact: true } : name;
}
