import { appendTo } from './append.js';
import { CommandWords } from './shell/command-words.js';
import { baseName, fromProgram, writesOutput } from './shell/commands.js';
import type { ShellCommand, ShellRedirect, ShellScript, ShellWord } from './shell/index.js';
import { BASH_XPG_ECHO, commandOutput } from './shell/output.js';
import type { Range } from './types.js';

/*
 * Kernel parameters a command changes, whatever language wrote the command (a Dockerfile RUN, a
 * container's command, a start script): `sysctl -w key=value`, `sysctl key=value`, writes into
 * /proc/sys, lines appended to /etc/sysctl.conf or /etc/sysctl.d, and `sysctl -p` / `--system`
 * that load them. The IPv6 rules (NET003, NET005) read them.
 */

export interface CommandWord {
  readonly value: string;
  readonly range: Range;
}

/** A simple command as any shell reader gives it: its words, its redirections and the command piped into it. */
export interface SimpleCommand {
  readonly words: readonly CommandWord[];
  /** How many words come before the program (reserved words, wrappers), where the reader has worked it out; else found from the words. */
  readonly programIndex?: number;
  /** Redirections; `text` is what a heredoc or here-string gives the command to read. */
  readonly redirects: readonly { readonly operator: string; readonly descriptor?: number | undefined; readonly target: CommandWord; readonly text?: string }[];
  /** The command before this one in its pipeline, whose output this one reads (`echo x | tee f`: the echo). */
  readonly pipedFrom?: SimpleCommand | undefined;
}

export interface SysctlChange {
  /** The parameter in dotted form (`net.ipv6.conf.all.disable_ipv6`); `*` for a reload of files whose content is not known. */
  readonly key: string;
  readonly value: string | undefined;
  /** The word that makes the change: the `key=value` argument, the /proc/sys path written, the sysctl.conf path appended to. */
  readonly at: CommandWord;
  /**
   * `sysctl`: set by the sysctl command; `proc`: written into /proc/sys; `config`: a line appended to
   * a sysctl configuration file (takes effect when loaded); `reload`: `sysctl -p` / `--system` loading such a file.
   */
  readonly how: 'sysctl' | 'proc' | 'config' | 'reload';
}

/**
 * A script as the shell reader reads it, as simple commands: the program (wrappers skipped) and its
 * arguments, values where static, the files each command writes through a redirection, what it reads
 * from a heredoc or here-string, and the command piped into it.
 */
export function fromShell(script: ShellScript): SimpleCommand[] {
  const word = (shellWord: ShellWord): CommandWord => ({ value: shellWord.value ?? '', range: shellWord.valueRange });
  const written = new Map<ShellCommand, SimpleCommand['redirects'][number][]>();
  for (const write of script.writes) {
    if (write.by === 'redirect') for (const writer of write.writers) appendTo(written, writer, { operator: write.append ? '>>' : '>', target: word(write.target) });
  }
  const simple = new Map<ShellCommand, { -readonly [K in keyof SimpleCommand]: SimpleCommand[K] }>();
  for (const command of script.commands) {
    const reads = command.redirects.flatMap((redirect) => (readsInput(redirect.operator) ? [input(redirect, word)] : []));
    simple.set(command, { words: [...(command.program ? [command.program] : []), ...command.programArguments].map(word), redirects: [...reads, ...(written.get(command) ?? [])] });
  }
  for (const [command, simpleCommand] of simple) simpleCommand.pipedFrom = command.pipedFrom && simple.get(command.pipedFrom);
  return [...simple.values()];
}

/** A `<`, heredoc or here-string redirection, with the text a heredoc or here-string gives (a here-string ends with a line break). */
function input(redirect: ShellRedirect, word: (shellWord: ShellWord) => CommandWord): SimpleCommand['redirects'][number] {
  const at = redirect.target ? word(redirect.target) : { value: redirect.heredoc?.delimiter ?? '', range: redirect.range };
  const text = redirect.heredoc ? redirect.heredoc.body : redirect.operator === '<<<' && redirect.target?.value !== undefined ? `${redirect.target.value}\n` : undefined;
  return { operator: redirect.operator, descriptor: redirect.descriptor, target: at, ...(text === undefined ? {} : { text }) };
}

/**
 * What every change `sysctlChanges` finds names: the sysctl command, a sysctl configuration file or /proc/sys,
 * so commands that name none of them need not be read.
 */
export const KERNEL_PARAMETERS = CommandWords.anywhere('sysctl', '/proc/sys');

const PROC_SYS = /^\/proc\/sys\/(.+)$/;
/** A file in a sysctl.d directory: `sysctl -p FILE` loads it whatever its name. */
const SYSCTL_DIRECTORY_FILE = /^\/(?:etc|run|usr\/local\/lib|usr\/lib|lib)\/sysctl\.d\/[^/]+$/;
/** The files loaded with no name given: /etc/sysctl.conf, and only the `*.conf` of the sysctl.d directories (sysctl.d(5), procps `sysctl --system`). */
const SYSCTL_CONFIG = /^\/etc\/sysctl\.conf$|^\/(?:etc|run|usr\/local\/lib|usr\/lib|lib)\/sysctl\.d\/[^/]+\.conf$/;
/** `key = value` lines of sysctl.conf, as echo or printf writes them; a line starting with `#` or `;` is a comment, and a `-` before the key only silences a failure (sysctl.d(5)). */
const CONFIG_LINE = /^[ \t]*-?([a-z0-9_]+(?:[./][\w-]+)+)[ \t]*=[ \t]*(\S+)/gim;

/** Every kernel parameter the commands change, in order; a reload is listed with each parameter an earlier command wrote into the file it loads. */
export function sysctlChanges(commands: readonly SimpleCommand[]): SysctlChange[] {
  const changes: SysctlChange[] = [];
  const written = new Map<string, { key: string; value: string }[]>();
  // Counted loops: most commands change nothing, and in cold code a for-of makes an iterator for each.
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]!;
    const start = programStart(command);
    const program = baseName(command.words[start]?.value);
    if (program === 'sysctl') changes.push(...sysctlCommand(command.words.slice(start + 1), written));
    for (let r = 0; r < command.redirects.length; r++) {
      const redirect = command.redirects[r]!;
      if (writesOutput(redirect.operator, redirect.descriptor, redirect.target.value)) changes.push(...fileWrite(redirect.target, printed(command), written));
    }
    if (program === 'tee') {
      for (const target of command.words.slice(start + 1).filter((word) => !word.value.startsWith('-'))) changes.push(...fileWrite(target, inputOf(command), written));
    }
  }
  return changes;
}

/** Where the program is among a command's words: as the reader worked it out, else after the reserved words and wrappers found here. */
function programStart(command: SimpleCommand): number {
  return command.programIndex ?? command.words.length - fromProgram(command.words).length;
}

/** Whether a parameter, dotted or with slashes, is `disable_ipv6` of an interface (`all`, `default`, `eth0`). */
export function isIpv6DisableKey(key: string): boolean {
  return /^net\.ipv6\.conf\.[^.]+\.disable_ipv6$/.test(dotted(key));
}

/** Whether a change turns IPv6 off: `disable_ipv6` set to 1 on any interface. */
export function disablesIpv6(change: SysctlChange): boolean {
  return isIpv6DisableKey(change.key) && change.value?.trim() === '1';
}

/** Whether a change is to a network parameter (`net.*`), or may be: a reload of unknown files. */
export function touchesNetwork(change: SysctlChange): boolean {
  return change.key === '*' || change.key.startsWith('net.');
}

function sysctlCommand(args: readonly CommandWord[], written: ReadonlyMap<string, { key: string; value: string }[]>): SysctlChange[] {
  const changes: SysctlChange[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const option = word.value;
    if (option === '-p' || option.startsWith('--load') || /^-[a-zA-Z]*p$/.test(option) || option === '--system') {
      const next = args[i + 1];
      const file = option === '--system' ? undefined : next && !next.value.startsWith('-') ? next.value : option.includes('=') ? option.slice(option.indexOf('=') + 1) : '/etc/sysctl.conf';
      if (file && next?.value === file) i++;
      changes.push(...reload(word, file, written));
      continue;
    }
    if (option.startsWith('-')) continue;
    const equals = option.indexOf('=');
    if (equals > 0) changes.push({ key: dotted(option.slice(0, equals)), value: option.slice(equals + 1), at: word, how: 'sysctl' });
  }
  return changes;
}

/** What `sysctl -p FILE` or `--system` loads: the parameters written into that file (or any sysctl file) earlier, else an unknown reload. */
function reload(word: CommandWord, file: string | undefined, written: ReadonlyMap<string, { key: string; value: string }[]>): SysctlChange[] {
  const lines = file ? (written.get(file) ?? []) : [...written].flatMap(([path, entries]) => (SYSCTL_CONFIG.test(path) ? entries : []));
  if (lines.length === 0) return [{ key: '*', value: undefined, at: word, how: 'reload' }];
  return lines.map((line) => ({ key: line.key, value: line.value, at: word, how: 'reload' }));
}

/** The parameters a sysctl configuration file at `path` sets when written whole with `text` (a file an image build copies in); none for another path. */
export function configFileChanges(path: CommandWord, text: string): SysctlChange[] {
  return SYSCTL_CONFIG.test(path.value) ? fileWrite(path, text, new Map()) : [];
}

function fileWrite(target: CommandWord, text: string | undefined, written: Map<string, { key: string; value: string }[]>): SysctlChange[] {
  const proc = PROC_SYS.exec(target.value);
  if (proc) return [{ key: dotted(proc[1]!), value: text?.trim(), at: target, how: 'proc' }];
  const loaded = SYSCTL_CONFIG.test(target.value);
  if ((!loaded && !SYSCTL_DIRECTORY_FILE.test(target.value)) || text === undefined) return [];
  const lines = [...text.matchAll(CONFIG_LINE)].map((match) => ({ key: dotted(match[1]!), value: match[2]! }));
  for (const line of lines) appendTo(written, target.value, line);
  return loaded ? lines.map((line) => ({ ...line, at: target, how: 'config' as const })) : [];
}

/**
 * What a command prints: `echo`'s or `printf`'s output (unknown parts left out), what `cat` without files reads;
 * undefined for other programs. Read as bash with xpg_echo reads it, so that an `echo` writes the lines dash's
 * or busybox's would. Worked out only for a command whose output is written somewhere: an echo may have millions of words.
 */
function printed(command: SimpleCommand): string | undefined {
  const words = command.words.slice(programStart(command));
  if (baseName(words[0]?.value) === 'cat') return words.length === 1 ? inputOf(command) : undefined;
  return commandOutput(words, BASH_XPG_ECHO)?.map((piece) => piece.text ?? '').join('');
}

/** What a command reads on standard input: its last input redirection (a file's text is not known), else what the command piped into it prints. */
function inputOf(command: SimpleCommand): string | undefined {
  const redirect = command.redirects.filter((candidate) => readsInput(candidate.operator) && (candidate.descriptor ?? 0) === 0).at(-1);
  if (redirect) return redirect.text;
  return command.pipedFrom && printed(command.pipedFrom);
}

/** `<`, `<<`, `<<-`, `<<<`: redirections a command reads its input from. */
function readsInput(operator: string): boolean {
  return operator === '<' || operator.startsWith('<<');
}

/** `net/ipv6/conf/all/disable_ipv6` → `net.ipv6.conf.all.disable_ipv6`: sysctl accepts both. */
function dotted(key: string): string {
  return key.trim().replace(/\//g, '.');
}
