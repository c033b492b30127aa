import type { Node } from 'web-tree-sitter';
import type { CommandDraft, ScriptReader } from './reader.js';
import type { ShellCommand, ShellDialect, ShellFileWrite, ShellHeredoc, ShellRedirect, ShellWord } from './types.js';
import type { DecodedWord } from './words.js';

/*
 * What commands mean beyond their words: the program a wrapper runs (`sudo sysctl`), the script a
 * shell runs from a string or heredoc (`sh -c '…'`), the files a command writes (`>> f`, `tee -a f`).
 */

/** The name a command is run by, without its directory: `sysctl` for `/sbin/sysctl`; undefined when not static. */
export function programName(command: ShellCommand): string | undefined {
  return baseName(command.program?.value);
}

/** A path's last part: `sysctl` for `/sbin/sysctl`. */
export function baseName(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(value.lastIndexOf('/') + 1);
}

/** Wrappers and their options that take an argument; `true` for a wrapper whose first operand is not the command (`timeout 10 cmd`). */
const WRAPPERS = new Map<string, { options: readonly string[]; operand?: boolean; assignments?: boolean }>(Object.entries({
  sudo: { options: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '--user', '--group', '--chdir', '--host', '--prompt'], assignments: true },
  doas: { options: ['-u', '-C'] },
  env: { options: ['-u', '-C', '--unset', '--chdir'], assignments: true },
  exec: { options: ['-a'] },
  nohup: { options: [] },
  time: { options: ['-f', '-o', '--format', '--output'] },
  command: { options: [] },
  builtin: { options: [] },
  nice: { options: ['-n', '--adjustment'] },
  ionice: { options: ['-c', '-n', '-p', '--class', '--classdata'] },
  timeout: { options: ['-s', '-k', '--signal', '--kill-after'], operand: true },
  stdbuf: { options: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  xargs: { options: ['-I', '-n', '-P', '-L', '-s', '-d', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace'] },
  busybox: { options: [] },
  chroot: { options: ['--userspec', '--groups'], operand: true },
  setsid: { options: [] },
}));
const DEEPEST_WRAPPING = 8;

/** Sets `program`, `programArguments` and the `env X=v` assignments of a command. */
export function skipWrappers(reader: ScriptReader, command: CommandDraft, nodes: readonly Node[], decoded: readonly DecodedWord[]): void {
  const { program, assignments } = unwrap([command.name?.value, ...command.arguments.map((word) => word.value)]);
  for (const index of assignments) {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(command.arguments[index - 1]!.value!)![0];
    command.assignments.push(prefixAssignment(reader, command, nodes[index - 1]!, decoded[index - 1]!, name));
  }
  command.program = program === 0 ? command.name : program === undefined ? undefined : command.arguments[program - 1];
  command.programArguments = program === undefined ? [] : command.arguments.slice(program);
}

/**
 * Where the program starts in a command's words, from index `from`, once wrappers are skipped (`sudo -u root
 * sysctl …`: the sysctl), with the indexes of the `env X=v` assignments passed on the way; `program` is undefined when a
 * wrapper runs nothing that can be read (`sudo`, `sudo $CMD`). An undefined value is a word that is not static.
 */
export function unwrap(values: readonly (string | undefined)[], from = 0): { program: number | undefined; assignments: number[] } {
  const assignments: number[] = [];
  let program = from;
  for (let round = 0; round < DEEPEST_WRAPPING; round++) {
    const wrapper = WRAPPERS.get(baseName(values[program]) ?? '');
    if (!wrapper) break;
    let operandPending = wrapper.operand === true;
    let next: number | undefined;
    for (let i = program + 1; i < values.length; i++) {
      const value = values[i];
      if (value === undefined) break;
      if (value === '--') continue;
      if (value.startsWith('-') && value.length > 1) {
        if (wrapper.options.includes(value)) i++;
        continue;
      }
      if (wrapper.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
        assignments.push(i);
        continue;
      }
      if (operandPending) {
        operandPending = false;
        continue;
      }
      next = i;
      break;
    }
    if (next === undefined) return { program: undefined, assignments };
    program = next;
  }
  return { program, assignments };
}

/** Words that open a compound command or a branch of one; a lexer that splits only at operators leaves them before the command they run (`then rm -rf …`, `{ sysctl -w …; }`). */
const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '{', '!']);

/** The words from the program on (see programIndex); the words themselves when the first is the program, as in most commands. */
export function fromProgram<W extends { readonly value: string }>(words: readonly W[]): readonly W[] {
  const first = words[0];
  if (first === undefined || !startsBeforeProgram(first.value)) return words;
  return words.slice(programIndex(words.map((word) => word.value)) ?? words.length);
}

/** The words that leave a command's program further on, written without a directory: reserved words, `function`, wrappers. */
const BEFORE_PROGRAM = new Set(['function', ...RESERVED_WORDS, ...WRAPPERS.keys()]);

/** Whether a command's first word leaves its program further on: a reserved word, `function`, a wrapper (`/usr/bin/sudo` too). */
function startsBeforeProgram(value: string): boolean {
  return BEFORE_PROGRAM.has(value) || (value.includes('/') && WRAPPERS.has(baseName(value)!));
}

/** The index of the program in a command's words as a lexer that splits at operators gives them: reserved words and wrappers skipped; undefined when there is none. */
function programIndex(values: readonly (string | undefined)[]): number | undefined {
  // `function name { cmd …`: the body's first command follows the name.
  let start = values[0] === 'function' ? 2 : 0;
  while (start < values.length && RESERVED_WORDS.has(values[start]!)) start++;
  return unwrap(values, start).program;
}

function prefixAssignment(reader: ScriptReader, command: ShellCommand, node: Node, decoded: DecodedWord, name: string) {
  const whole = reader.partOf(decoded, 0, decoded.text.length, reader.textOf(node)!);
  return {
    name,
    nameRange: reader.partOf(decoded, 0, name.length, name).range,
    value: reader.partOf(decoded, name.length + 1, decoded.text.length, decoded.text.slice(name.length + 1)),
    range: whole.range,
    keyword: undefined,
    exported: true,
    append: false,
    prefixOf: command,
  };
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'yash', 'busybox']);

/**
 * The dialect of a shell by its program (`sh`, `/bin/dash`, `ash`): `sh` is `sh` (the image's /bin/sh, where known: an
 * Alpine image's is ash), which may be dash, as `dash` is; `ash`, `busybox` and `/busybox/sh` (distroless debug images
 * and kaniko's) are busybox's ash; the others read `$'…'` as bash does.
 */
export function dialectOf(shell: string, sh: ShellDialect = 'sh'): ShellDialect {
  const name = baseName(shell);
  if (name === 'sh') return shell.startsWith('/busybox/') ? 'ash' : sh;
  if (name === 'ash' || name === 'busybox') return 'ash';
  return name === 'dash' ? 'sh' : 'bash';
}

/** The dialect of the shell a command line runs (`/bin/sh -e`, `/usr/bin/env bash`, `dash -e {0}`); undefined when its program is not a shell (`pwsh`, `python3 -u`). */
export function commandLineDialect(commandLine: string): ShellDialect | undefined {
  return argumentsDialect(commandLine.trim().split(/\s+/));
}

/**
 * The dialect of the shell the words of a command run once wrappers are skipped (a Dockerfile SHELL's
 * `["/usr/bin/env", "bash", "-c"]`), `sh` being the image's /bin/sh; undefined when its program is not a shell.
 */
export function argumentsDialect(words: readonly string[], sh: ShellDialect = 'sh'): ShellDialect | undefined {
  const { program } = unwrap(words);
  const name = program === undefined ? undefined : words[program];
  return isShell(name) ? dialectOf(name!, sh) : undefined;
}

/** The program a file's `#!` line names (`#!/usr/bin/env sh`: `sh`), if it has one. */
export function interpreterOf(text: string): string | undefined {
  if (!text.startsWith('#!')) return undefined;
  const lineEnd = text.indexOf('\n');
  return commandLineProgram(text.slice(2, lineEnd === -1 ? text.length : lineEnd));
}

/** The program a command line runs (`/bin/sh -e`, a `#!` line's `/usr/bin/env -u BASH_ENV bash`), once wrappers are skipped. */
export function commandLineProgram(commandLine: string): string | undefined {
  const words = commandLine.trim().split(/\s+/);
  const { program } = unwrap(words);
  return program === undefined ? undefined : words[program];
}

/** Whether a program (`bash`, `/bin/sh`) is a shell that runs a script given on its command line or stdin. */
export function isShell(program: string | undefined): boolean {
  return SHELLS.has(baseName(program) ?? '');
}
/** Shell options that take an argument: `bash -o pipefail -c …`. */
const SHELL_OPTIONS_WITH_ARGUMENT = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/** Reads the script a command runs from a string or its stdin: `sh -c '…'`, `bash <<EOF`, `bash <<< '…'`, `eval "…"`, `su -c '…'`. */
export function embeddedScript(reader: ScriptReader, command: CommandDraft, decoded: readonly DecodedWord[]): void {
  const name = programName(command);
  if (!name || !command.program) return;
  const start = command.arguments.indexOf(command.program) + 1;
  const args = decoded.slice(start);
  if (name === 'eval') {
    const joined = joinWords(args);
    if (joined) command.script = reader.nested(joined, command, false);
    return;
  }
  if (name === 'su' || name === 'runuser') {
    const at = args.findIndex((arg) => arg.text === '-c' || arg.text === '--command');
    const script = at >= 0 ? args[at + 1] : undefined;
    if (script) command.script = reader.nested(script, command, true);
    return;
  }
  if (!SHELLS.has(name)) return;
  const script = shellScriptArgument(args);
  const text = script === 'stdin' ? reader.stdinOf(command) : script;
  if (text) command.script = reader.nested(text, command, true, dialectOf(name));
}

/** The `-c` string of a shell's arguments, 'stdin' when the shell reads its script from stdin, undefined when it runs a file. */
function shellScriptArgument<W extends { text: string; static: boolean }>(args: readonly W[]): W | 'stdin' | undefined {
  let commandString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.static) return commandString ? arg : undefined;
    if (SHELL_OPTIONS_WITH_ARGUMENT.has(arg.text)) {
      i++;
      continue;
    }
    if (arg.text === '-s' || arg.text === '--') return commandString ? args[i + 1] : 'stdin';
    if (/^[-+][a-zA-Z]+$/.test(arg.text)) {
      if (arg.text.startsWith('-') && arg.text.includes('c')) commandString = true;
      if (/[oO]/.test(arg.text)) i++; // `-euo pipefail`: the option's argument follows
      if (arg.text.startsWith('-') && arg.text.includes('s')) return 'stdin';
      continue;
    }
    if (arg.text.startsWith('--')) continue;
    return commandString ? arg : undefined;
  }
  return commandString ? undefined : 'stdin';
}

/** Whether a shell given these arguments (after its name) reads its script from standard input: no `-c` and no script file, or `-s`. */
export function readsScriptFromStdin(args: readonly string[]): boolean {
  return shellScriptArgument(args.map((text) => ({ text, static: true }))) === 'stdin';
}

/**
 * The script of a shell run with `-c` from an argument vector whose words are all written out (a
 * container's `command` and `args`): `sh -ce '…'`, `/usr/local/bin/bash -o pipefail -c '…'`.
 */
export function commandStringOf<W extends { text: string }>(argv: readonly W[]): W | undefined {
  if (!isShell(argv[0]?.text)) return undefined;
  const script = shellScriptArgument(argv.slice(1).map((word) => ({ word, text: word.text, static: true })));
  return script === 'stdin' ? undefined : script?.word;
}

/** `eval a "b c"`: the words joined by spaces, each space placed just before the word it precedes. */
function joinWords(words: readonly DecodedWord[]): DecodedWord | undefined {
  if (words.length === 0) return undefined;
  let text = '';
  const offsets: number[] = [];
  words.forEach((word, i) => {
    if (i > 0) {
      text += ' ';
      offsets.push(Math.max(0, word.offsets[0]! - 1));
    }
    text += word.text;
    offsets.push(...word.offsets.slice(0, word.text.length));
  });
  const last = words[words.length - 1]!;
  offsets.push(last.offsets[last.text.length]!);
  return { text, offsets, static: words.every((word) => word.static) };
}

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);
const TEE_APPEND = new Set(['-a', '--append']);

const DESCRIPTOR = /^(?:\d+|-)$/;

/**
 * Whether a redirection sends a command's standard output to a file: `>`, `1>`, `>>`, `>|`, `&>`, `&>>`,
 * `>&FILE`; not `2>` (only errors go there). `target` is the value of the word redirected to, undefined
 * when it is not static.
 */
export function writesOutput(operator: string, descriptor: number | undefined, target: string | undefined): boolean {
  if (!WRITE_OPERATORS.has(operator) || (descriptor ?? 1) !== 1) return false;
  // `>&2`, `>&-` and, most often, `>&$fd` copy or close a descriptor.
  if (operator === '>&') return target !== undefined && !DESCRIPTOR.test(target);
  return !DESCRIPTOR.test(target ?? '');
}

/** The files a command writes through its redirections, and through `tee` when it is one. */
export function writtenFiles(command: ShellCommand | undefined, redirects: readonly ShellRedirect[], writers: readonly ShellCommand[]): ShellFileWrite[] {
  const heredoc = redirects.find((redirect) => redirect.heredoc)?.heredoc;
  const writes: ShellFileWrite[] = redirects
    .filter((redirect) => redirect.target && writesOutput(redirect.operator, redirect.descriptor, redirect.target.value))
    .map((redirect) => ({ target: redirect.target!, append: redirect.operator.endsWith('>>'), by: 'redirect', writers, heredoc, range: redirect.range }));
  if (command && programName(command) === 'tee') writes.push(...teeWrites(command, heredoc));
  return writes;
}

function teeWrites(command: ShellCommand, heredoc: ShellHeredoc | undefined): ShellFileWrite[] {
  const options = command.programArguments.filter((arg) => arg.value?.startsWith('-') && arg.value.length > 1);
  const append = options.some((option) => TEE_APPEND.has(option.value!) || /^-[a-z]*a/.test(option.value!));
  const files = command.programArguments.filter((arg): arg is ShellWord => !options.includes(arg));
  const writers = command.pipedFrom ? [command.pipedFrom] : [];
  const input = heredoc ?? command.pipedFrom?.redirects.find((redirect) => redirect.heredoc)?.heredoc;
  return files.map((target) => ({ target, append, by: 'tee', writers, heredoc: input, range: command.range }));
}
