import type { WrittenVariable } from '../../facts/go-settings.js';
import type { LineIndex } from '../../positions.js';
import { programName, type ShellFileWrite, type ShellWord } from '../../shell/index.js';
import type { Range } from '../../types.js';

/*
 * `echo "GOPROXY=…" >> "$GITHUB_ENV"`: a step's script that appends NAME=value lines to the file
 * $GITHUB_ENV names sets those variables for every later step of the job, as `env:` does.
 */

const GITHUB_ENV = /^"?\$(?:GITHUB_ENV|\{GITHUB_ENV\})"?$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** A line a script appends to $GITHUB_ENV (its text when known) and the variables it sets read alone. */
interface EnvLine {
  text: string | undefined;
  variables: WrittenVariable[];
}

/** The variables a script's writes to $GITHUB_ENV set: `echo NAME=value` (one argument) and the lines of a heredoc. */
export function githubEnvWrites(writes: readonly ShellFileWrite[], index: LineIndex): WrittenVariable[] {
  const lines = writes
    .filter((write) => GITHUB_ENV.test(write.target.text))
    .flatMap((write): EnvLine[] => [
      ...write.writers.flatMap((writer) => {
        const [line, ...more] = writer.programArguments.filter((argument) => !/^-[neE]+$/.test(argument.value ?? ''));
        return programName(writer) === 'echo' && line && more.length === 0 ? [{ text: line.value, variables: echoedVariable(line, index) }] : [];
      }),
      ...(write.heredoc?.lines ?? []).map((line) => ({ text: line.text, variables: lineVariable(line.text, line.range, index, write.heredoc!.expands) })),
    ]);
  return outsideMultilineValues(lines).flatMap((line) => line.variables);
}

const MULTILINE_VALUE_START = /^[A-Za-z_][A-Za-z0-9_]*<<(.+)$/;

/** The lines but those of a multi-line value, `NAME<<DELIMITER` up to the line `DELIMITER`: they are its text, not variables. */
function outsideMultilineValues(lines: readonly EnvLine[]): EnvLine[] {
  const outside: EnvLine[] = [];
  let delimiter: string | undefined;
  for (const line of lines) {
    if (delimiter !== undefined) {
      if (line.text === delimiter) delimiter = undefined;
      continue;
    }
    delimiter = MULTILINE_VALUE_START.exec(line.text ?? '')?.[1];
    if (delimiter === undefined) outside.push(line);
  }
  return outside;
}

/** `echo "GOSUMDB=off"`: the name and value placed by column when the word is written as it reads, else both at the whole word. */
function echoedVariable(word: ShellWord, index: LineIndex): WrittenVariable[] {
  const name = ASSIGNMENT.exec(word.value ?? '')?.[1];
  if (!name) return [];
  const start = index.offset(word.valueRange.start);
  const end = index.offset(word.valueRange.end);
  const value = word.value!.slice(name.length + 1);
  return [word.verbatim ? { name, nameStart: start, nameEnd: start + name.length, value, valueStart: start + name.length + 1, valueEnd: end, verbatim: true } : { name, nameStart: start, nameEnd: end, value, valueStart: start, valueEnd: end, verbatim: false }];
}

/** A heredoc line `GOPROXY=https://…`; its value is unknown when the heredoc expands `$` or backquotes in it. */
function lineVariable(text: string, range: Range, index: LineIndex, expands: boolean): WrittenVariable[] {
  const name = ASSIGNMENT.exec(text)?.[1];
  if (!name) return [];
  const start = index.offset(range.start);
  const value = expands && /[$`\\]/.test(text) ? undefined : text.slice(name.length + 1);
  return [{ name, nameStart: start, nameEnd: start + name.length, value, valueStart: start + name.length + 1, valueEnd: index.offset(range.end), verbatim: value !== undefined }];
}
