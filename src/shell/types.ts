import type { ParseError } from '../language.js';
import type { Comment, Range } from '../types.js';

/*
 * What a shell script does, as rules ask about it: the simple commands it runs (wherever they sit:
 * in functions, pipelines, `&&` lists, loops, `$( … )`, `sh -c '…'` strings), the variables it sets,
 * the files it writes. Every range is in the host file's coordinates (the script file itself, or
 * the YAML, Makefile or Dockerfile that embeds the script).
 */

/** One shell word (a command name, an argument, a redirection target, an assigned value). */
export interface ShellWord {
  /** The word as written, quotes and all. */
  readonly text: string;
  /** The value the shell passes on, quotes removed and escapes undone; undefined when it holds an expansion (`$X`, `$(…)`, `${…}`). */
  readonly value: string | undefined;
  readonly range: Range;
  /** The characters of the value (inside the quotes); for a value that is not static, the whole word. */
  readonly valueRange: Range;
  /** True when the value is written character for character on one line from `valueRange.start` (no quotes inside, no escapes), so a part of it can be pointed at. */
  readonly verbatim: boolean;
}

export type AssignmentKeyword = 'export' | 'declare' | 'typeset' | 'readonly' | 'local';

/** `X=v`, `export X=v`, `declare -x X=v`, `readonly X=v`, `X=v cmd`, `env X=v cmd`. */
export interface ShellAssignment {
  readonly name: string;
  readonly nameRange: Range;
  /** The value; for `X=` an empty static word, for `export X` (no `=`) undefined. */
  readonly value: ShellWord | undefined;
  readonly range: Range;
  /** The declaration keyword, when there is one. */
  readonly keyword: AssignmentKeyword | undefined;
  /** Whether the variable reaches the environment of commands the script runs: `export`, `declare -x`, a command's prefix. */
  readonly exported: boolean;
  /** `X+=v` appends to the variable. */
  readonly append: boolean;
  /** The command this assignment prefixes (`X=v cmd`, `env X=v cmd`): it sets the environment of that command only. */
  readonly prefixOf: ShellCommand | undefined;
}

export interface ShellHeredoc {
  /** The delimiter word without quotes: `EOF`. */
  readonly delimiter: string;
  /** Whether `$X` and `$(…)` in the body are expanded (the delimiter is unquoted). */
  readonly expands: boolean;
  /** The body as written, without the delimiter line. */
  readonly body: string;
  readonly bodyRange: Range;
  /** The body's lines with their ranges (end of line excluded). */
  readonly lines: readonly { readonly text: string; readonly range: Range }[];
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `>|`, `&>`, `&>>`, `<<`, `<<-`, `<<<`, `>&` … */
  readonly operator: string;
  /** The file descriptor written before the operator (`2>`), when there is one. */
  readonly descriptor: number | undefined;
  /** The file or descriptor redirected to, or the here-string; undefined for a heredoc. */
  readonly target: ShellWord | undefined;
  readonly heredoc: ShellHeredoc | undefined;
  readonly range: Range;
}

/** Where a command sits, for rules that care (a `sysctl` in a function still runs when it is called). */
export interface ShellContext {
  /** The innermost function whose body holds the command. */
  readonly function: string | undefined;
  /** Inside `$( … )`, backquotes or `<( … )`. */
  readonly substitution: boolean;
  /** The command whose string or heredoc holds this one: the `sh -c`, `bash <<EOF`, `eval`. */
  readonly embeddedIn: ShellCommand | undefined;
}

export interface ShellCommand {
  /** The command name word; undefined for a command that only assigns (`X=1 > file`). */
  readonly name: ShellWord | undefined;
  readonly arguments: readonly ShellWord[];
  /** The command run once wrappers are skipped (`sudo`, `env X=v`, `exec`, `nohup`, `nice -n 5`, `timeout 10`, `command`, `builtin`, `time`, `xargs`): `sysctl` in `sudo -E sysctl -w …`. */
  readonly program: ShellWord | undefined;
  /** The arguments of `program`. */
  readonly programArguments: readonly ShellWord[];
  /** The prefix assignments (`X=v cmd`) and `env X=v` arguments. */
  readonly assignments: readonly ShellAssignment[];
  readonly redirects: readonly ShellRedirect[];
  readonly range: Range;
  readonly context: ShellContext;
  /** The command before this one in a pipeline (`echo x | tee -a f`: the echo, for the tee). */
  readonly pipedFrom: ShellCommand | undefined;
  /** The script this command runs from a string or heredoc: `sh -c '…'`, `bash <<EOF`, `eval "…"`. */
  readonly script: ShellScript | undefined;
}

/** A file the script writes: `> f`, `>> f`, `tee f`, `tee -a f`. */
export interface ShellFileWrite {
  readonly target: ShellWord;
  readonly append: boolean;
  readonly by: 'redirect' | 'tee';
  /** The commands whose output is written: the redirected command (or every command of a redirected `{ … }` block), or those piped into `tee`. */
  readonly writers: readonly ShellCommand[];
  /** The heredoc fed to the writer (`cat <<EOF > f`, `tee f <<EOF`), when there is one. */
  readonly heredoc: ShellHeredoc | undefined;
  readonly range: Range;
}

/**
 * The shell that reads a script, for the little merlint computes that shells read differently, `$'…'` and `$"…"` strings:
 * - `bash` (or zsh, ksh): `$'…'` decoded, `$"…"` read as `"…"`.
 * - `ash`, busybox's (Alpine's /bin/sh): `$'…'` decoded with the escapes `\n \r \b \t \f \a \v \\ \' \"`, octal and `\x`
 *   as bash decodes them, but `\u`, `\U`, `\c`, `\e`, `\E` and `\?` kept as written; `$"…"` is a `$` and a quoted string.
 *   A `$'…'` string with one of those escapes, and `$"…"`, are taken as unknown.
 * - `sh`, a /bin/sh that may be dash (Debian's and Ubuntu's), as well as bash or ash: dash 0.5.12 reads no `$'…'` or `$"…"`
 *   string (`$'\x31'` is `$\x31`), so such a word's value is unknown.
 * The rest of bash's syntax that dash or ash lack (`[[`, arrays, `function f {`, `<<<`) either gives no value merlint computes (an
 * array, `${x//a/b}`) or stops the shell with an error where bash runs on; merlint reads those commands as bash would.
 */
export type ShellDialect = 'bash' | 'ash' | 'sh';

export interface ShellScript {
  /** Every simple command, in source order, including those in nested scripts (`sh -c`, `bash <<EOF`, `eval`). */
  readonly commands: readonly ShellCommand[];
  /** Every assignment, standalone, declared or prefixing a command, nested scripts included, in source order. */
  readonly assignments: readonly ShellAssignment[];
  readonly writes: readonly ShellFileWrite[];
  /** Every heredoc, including those of nested scripts. */
  readonly heredocs: readonly ShellHeredoc[];
  /** Comments of this script (not of nested ones), markers removed. */
  readonly comments: readonly Comment[];
  /** The ranges of the script's top-level statements. */
  readonly statements: readonly Range[];
  /** Syntax errors, at the first error with a count of the others; the rest of the script is still read. */
  readonly errors: readonly ParseError[];
}
