import {
  mountOver,
  operands,
  pathCovers,
  programName,
  programWords,
  shellVariable,
  withoutTrailingSlashes,
  type CopyInstruction,
  type Instruction,
  type RunInstruction,
  type ShellCommand,
  type VariableValue,
  type Word,
} from './model.js';
import { baseName } from '../../shell/commands.js';
import { CommandWords } from '../../shell/command-words.js';

/** An environment variable that is on where set to any value but those `offBy` matches. */
interface Switch {
  name: string;
  offBy: RegExp;
}

/** What a package manager leaves behind in a layer, and how a RUN keeps it out. */
export interface PackageManager {
  /** Its program names, which the RUN pre-check asks for too. */
  programs: CommandWords;
  /** Programs among them that stand for one of its subcommands (`uvx` is `uv tool run`). */
  aliases?: ReadonlyMap<string, string>;
  /** The Python module that runs it (`python3 -m pip`), if one does. */
  module?: string;
  /** Subcommands that take a subcommand of their own, which names what they do (`uv pip install`). */
  groups?: string[];
  /** Options that take the next word as their value, written before the subcommand (`uv --project app sync`, `pip --timeout 60 install`). */
  valuedOptions?: string[];
  /** Subcommands that install packages, and so leave downloaded packages or indexes behind (`pip install` of a group). */
  installs: string[];
  /** Subcommands that run a command, whose words start at the first operand: the manager's options come before it (`uvx ruff check --no-cache`: ruff's). */
  runsCommand?: string[];
  /** Subcommands that only fetch indexes or upgrade; reported when the RUN has no install. */
  refreshes: string[];
  /** The only subcommands that write the cache, where others merely use it (apt's lists come from `update` alone). */
  writtenOnlyBy?: string[];
  /**
   * Subcommands that first install what the project needs and then do their own work (`uv run` syncs the project), unless given one
   * of `skippedBy` or with `skippedByVariable` on: an install only where the project is not synced yet, by an earlier RUN of the
   * image with one of `syncedBy`, or by a COPY of its `environment` directory from another stage or image, synced there.
   */
  installsFirst?: { subcommands: string[]; skippedBy: string[]; skippedByVariable: Switch; syncedBy: string[]; environment: string };
  /** Where the cache lives; a mount there or an `rm` of it keeps the cache out of the layer. */
  cacheDirectories: string[];
  /**
   * What moves the cache elsewhere (`--cache-dir /tmp/uv`, `UV_CACHE_DIR=/cache`), or else an absolute XDG_CACHE_HOME to its
   * `xdgName` there: then a mount or an `rm` of that directory keeps it out.
   */
  movedBy?: { option: string; variable: string; xdgName: string };
  /** What is left behind, for messages. */
  leaves: string;
  /** Options of the install that keep it from writing the cache. */
  noCacheOptions?: string[];
  /** An environment variable that keeps it from writing the cache. */
  noCacheVariable?: Switch;
  /** Later commands of the same RUN that empty the cache (`dnf clean all`): the program and its first operands. */
  clean?: { programs: CommandWords; operands: string[][] };
  /** How to keep the cache out of the layer, for messages. */
  advice: string;
}

/** What `apkAdds` looks for. */
export const APK = CommandWords.programs('apk');
const APT = CommandWords.programs('apt', 'apt-get');
const YUM = CommandWords.programs('yum', 'dnf', 'microdnf', 'tdnf');
const PIP = CommandWords.programs('pip', 'pip3', 'pip3.[0-9]+');
const UV = CommandWords.programs('uv');
/** The values of clap's boolish set that are false: an option variable of uv set to one is off; a value outside the set stops uv. */
const CLAP_FALSE = /^(?:|n|no|f|false|off|0)$/i;

const MANAGERS: PackageManager[] = [
  {
    programs: APK,
    installs: ['add'],
    refreshes: ['update', 'upgrade'],
    cacheDirectories: ['/var/cache/apk', '/etc/apk/cache'],
    leaves: 'the package index in /var/cache/apk',
    noCacheOptions: ['--no-cache', '--no-network'],
    advice: 'use `apk add --no-cache`, which needs no `apk update`',
  },
  {
    programs: APT,
    valuedOptions: ['-t', '--target-release', '-c', '--config-file', '-o', '--option'],
    installs: ['install'],
    refreshes: ['update', 'upgrade', 'dist-upgrade', 'full-upgrade'],
    writtenOnlyBy: ['update'],
    cacheDirectories: ['/var/lib/apt/lists'],
    leaves: 'the package lists in /var/lib/apt/lists',
    clean: { programs: APT, operands: [['distclean'], ['dist-clean']] },
    advice: 'end the same RUN with `rm -rf /var/lib/apt/lists/*`',
  },
  {
    programs: YUM,
    valuedOptions: ['-c', '--config', '--releasever', '--installroot', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude'],
    installs: ['install', 'in', 'groupinstall', 'reinstall'],
    refreshes: ['update', 'upgrade', 'makecache'],
    cacheDirectories: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
    leaves: 'repository metadata and packages under /var/cache',
    clean: { programs: YUM, operands: [['clean', 'all']] },
    advice: 'end the same RUN with `clean all` of the same package manager',
  },
  {
    programs: PIP,
    module: 'pip',
    // pip's general options that take a value (`pip --timeout 60 install`; pip also reads `--timeout=60`).
    valuedOptions: ['--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--python', '--use-feature', '--use-deprecated', '--keyring-provider', '--resume-retries'],
    installs: ['install'],
    refreshes: [],
    cacheDirectories: ['~/.cache/pip'],
    movedBy: { option: '--cache-dir', variable: 'PIP_CACHE_DIR', xdgName: 'pip' },
    leaves: 'downloaded packages in the pip cache (~/.cache/pip)',
    // pip takes any unambiguous prefix of a long option (optparse): `--no-cache` is `--no-cache-dir`.
    noCacheOptions: ['--no-cache-dir', '--no-cache-di', '--no-cache-d', '--no-cache-', '--no-cache'],
    // pip disables the cache for any value its strtobool reads, `false` and `0` too (kept for compatibility), and stops at any other.
    noCacheVariable: { name: 'PIP_NO_CACHE_DIR', offBy: /^$/ },
    clean: { programs: PIP, operands: [['cache', 'purge']] },
    advice: 'use `pip install --no-cache-dir`',
  },
  {
    programs: CommandWords.programs(...UV.words, 'uvx'),
    aliases: new Map([['uvx', 'tool run']]),
    module: 'uv',
    groups: ['pip', 'tool'],
    // uv's global options that take a value, and those of `uv run` and `uvx` written before the command they run.
    valuedOptions: [
      ...['--cache-dir', '--color', '--allow-insecure-host', '--directory', '--project', '--config-file', '--python-preference'],
      ...['--with', '-w', '--with-editable', '--with-requirements', '--from', '--python', '-p', '--package', '--extra', '--group', '--env-file', '--index', '--default-index'],
    ],
    // `uvx` (`uv tool run`) installs the tool into an environment kept in the cache (uv's docs, "Tools").
    installs: ['pip install', 'pip sync', 'sync', 'add', 'tool install', 'tool run'],
    runsCommand: ['run', 'tool run'],
    refreshes: [],
    // `uv run` locks and syncs the project before it runs the command (uv's docs, "Locking and syncing"), unless --no-sync or UV_NO_SYNC;
    // it installs nothing into an environment already synced. `uv pip install` and `uv pip sync` leave the project unsynced.
    installsFirst: {
      subcommands: ['run'],
      skippedBy: ['--no-sync'],
      skippedByVariable: { name: 'UV_NO_SYNC', offBy: CLAP_FALSE },
      syncedBy: ['sync', 'run'],
      environment: '.venv',
    },
    cacheDirectories: ['~/.cache/uv'],
    movedBy: { option: '--cache-dir', variable: 'UV_CACHE_DIR', xdgName: 'uv' },
    leaves: 'downloaded and built packages in the uv cache (~/.cache/uv)',
    // uv's options are global, written before or after its subcommand, and taken whole (clap): `--no-cache-dir` is an alias.
    noCacheOptions: ['--no-cache', '-n', '--no-cache-dir'],
    noCacheVariable: { name: 'UV_NO_CACHE', offBy: CLAP_FALSE },
    clean: { programs: UV, operands: [['cache', 'clean'], ['clean']] },
    advice: 'use `uv --no-cache` (or `ENV UV_NO_CACHE=1`), or mount a cache at /root/.cache/uv',
  },
];

const PYTHON = CommandWords.programs('python', 'python[0-9.]+');
const MODULES = MANAGERS.flatMap((manager) => (manager.module === undefined ? [] : [manager.module]));
/** The programs of every manager, and Python (`python3 -m pip`): most commands are none of them, and are passed over at once. */
const MANAGER_PROGRAMS = CommandWords.programs(...PYTHON.words, ...MANAGERS.flatMap((manager) => manager.programs.words));

/** The program of every manager, the module of `python3 -m pip` and the option word of `python3 -mpip`. */
const MANAGER_WORDS = CommandWords.programs(...MANAGERS.flatMap((manager) => manager.programs.words), ...MODULES.map((module) => `-[A-Za-z]+${module}`));

/** A package manager invocation (`apt-get install`, `python3 -m pip install`) in a RUN. */
export interface PackageCommand {
  manager: PackageManager;
  /** The subcommand: `install`, `add`, `update`, `pip install` … */
  subcommand: string;
  /** Its last word, where the command's span ends. */
  verb: Word;
  command: ShellCommand;
  /** Position of the command in the RUN. */
  index: number;
  /** Told not to write the cache (`--no-cache-dir`): an install all the same. */
  noCache: boolean;
  /** Where the cache was moved to (`UV_CACHE_DIR=/tmp/uv`), if it was. */
  movedTo: string | undefined;
}

/** The package commands whose cache stays in the layer of each RUN of an image, from the image's instructions in build order (base stage first). */
export function packageCachesLeftIn(history: readonly Instruction[]): PackageCommand[] {
  const synced = new Set<PackageManager>();
  return history.flatMap((instruction) => {
    if (instruction.keyword === 'COPY') {
      for (const manager of MANAGERS) if (copiesSyncedEnvironment(instruction, manager)) synced.add(manager);
      return [];
    }
    if (instruction.keyword !== 'RUN') return [];
    const uses = packageCommands(instruction).filter((use) => !use.manager.installsFirst?.subcommands.includes(use.subcommand) || !synced.has(use.manager));
    for (const use of uses) if (use.manager.installsFirst?.syncedBy.includes(use.subcommand)) synced.add(use.manager);
    return cachesLeftBy(instruction, uses);
  });
}

/** Whether a COPY brings in the project's environment (`COPY --from=build /app/.venv /app/.venv`) from another stage or image, where it was synced. */
function copiesSyncedEnvironment(copy: CopyInstruction, { installsFirst }: PackageManager): boolean {
  if (installsFirst === undefined || copy.from === undefined) return false;
  return [...copy.sources, copy.destination].some((path) => path !== undefined && baseName(withoutTrailingSlashes(path.value)) === installsFirst.environment);
}

/** The RUN's package commands, those that keep the cache out too. */
function packageCommands(run: RunInstruction): PackageCommand[] {
  if (!run.script.mayHold(MANAGER_WORDS)) return [];
  const uses: PackageCommand[] = [];
  // Counted: in cold code a flatMap makes a closure call and an array for each command, which is nearly never one.
  for (let index = 0; index < run.commands.length; index++) {
    const use = packageCommand(run, index);
    if (use) uses.push(use);
  }
  return uses;
}

/** The RUN's package commands whose cache stays in its layer: its installs, or else its first index refresh. */
function cachesLeftBy(run: RunInstruction, uses: readonly PackageCommand[]): PackageCommand[] {
  // Most RUNs that install say --no-cache (apk's habit): nothing more to ask of them.
  const caching = uses.filter((use) => !use.noCache);
  if (caching.length === 0) return [];
  // Looked up by a search: a RUN fills the caches of one or two managers, seldom more.
  const handlings: { manager: PackageManager; movedTo: string | undefined; handling: CacheHandling }[] = [];
  const handlingOf = ({ manager, movedTo }: PackageCommand) => {
    let known = handlings.find((entry) => entry.manager === manager && entry.movedTo === movedTo);
    if (!known) handlings.push((known = { manager, movedTo, handling: cacheHandling(run, manager, movedTo) }));
    return known.handling;
  };
  const leaks = caching.filter((use) => !keepsCacheOut(use, run, handlingOf(use)));
  if (leaks.length === 0) return [];
  return MANAGERS.flatMap((manager) => {
    const own = leaks.filter((use) => use.manager === manager);
    if (manager.writtenOnlyBy && !own.some((use) => manager.writtenOnlyBy!.includes(use.subcommand))) return [];
    const installs = own.filter((use) => manager.installs.includes(use.subcommand));
    return installs.length > 0 ? installs : own.slice(0, 1);
  });
}

/** What the command leaves behind and how to keep it out, for messages: with the directory its cache was moved to, where it was. */
export function cacheMessage({ manager, movedTo }: PackageCommand): { leaves: string; advice: string } {
  if (movedTo === undefined) return { leaves: manager.leaves, advice: manager.advice };
  const home = manager.cacheDirectories[0]!;
  return { leaves: manager.leaves.replace(home, movedTo), advice: manager.advice.replace(home.replace(/^~/, '/root'), movedTo) };
}

/** Whether one of the commands is an `apk add` of one of `packages` (version constraint aside). */
export function apkAdds(commands: ShellCommand[], packages: ReadonlySet<string>): boolean {
  return commands.some((command) => programName(command) === 'apk' && operands(command).some((word) => packages.has(withoutVersion(word.value))));
}

/** An apk package without the version it asks for: `gcc=13.2.1-r0` and `gcc>13` are `gcc`. */
function withoutVersion(operand: string): string {
  for (let i = 0; i < operand.length; i++) if ('=~<>'.includes(operand[i]!)) return operand.slice(0, i);
  return operand;
}

/** How the RUN keeps a manager's cache (where it was moved to, if it was) out of its layer whichever command fills it: a mount, or clean-up commands. */
interface CacheHandling {
  mounted: boolean;
  /** Index of the RUN's last command that empties or removes the cache; -1 when there is none. */
  lastCleanup: number;
}

function cacheHandling(run: RunInstruction, manager: PackageManager, moved: string | undefined): CacheHandling {
  // Looked for from the end, where the clean-up usually is.
  let lastCleanup = run.commands.length - 1;
  while (lastCleanup >= 0 && !cleans(manager, run.commands[lastCleanup]!) && !removesCache(manager, run.commands[lastCleanup]!, moved)) lastCleanup--;
  const mounted = moved === undefined ? run.mounts.some((mount) => mount.target !== undefined && holdsCache(manager, mount.target)) : mountOver(run, moved, run.environment) !== undefined;
  return { mounted, lastCleanup };
}

/**
 * Where the command's cache was moved to: its option's value (`--cache-dir DIR`, `--cache-dir=DIR`), else the variable's, else
 * below XDG_CACHE_HOME, the variables set for the command or by ENV; an empty value counts as unset.
 */
function movedCache(manager: PackageManager, command: ShellCommand, run: RunInstruction): string | undefined {
  const movedBy = manager.movedBy;
  if (movedBy === undefined) return undefined;
  const words = programWords(command);
  const at = words.findIndex((word) => word.value === movedBy.option || word.value.startsWith(`${movedBy.option}=`));
  const option = at === -1 ? undefined : words[at]!.value === movedBy.option ? words[at + 1]?.value : words[at]!.value.slice(movedBy.option.length + 1);
  const moved = option || variableFor(run, command, movedBy.variable) || underXdgCache(run, command, movedBy.xdgName);
  return typeof moved === 'string' ? moved : undefined;
}

/** `$XDG_CACHE_HOME/NAME` where XDG_CACHE_HOME is an absolute path; a relative one is ignored, as the XDG spec asks and uv does. */
function underXdgCache(run: RunInstruction, command: ShellCommand, name: string): string | undefined {
  const home = variableFor(run, command, 'XDG_CACHE_HOME');
  return typeof home === 'string' && home.startsWith('/') ? `${withoutTrailingSlashes(home)}/${name}` : undefined;
}

/** A variable's value for the command: set by it or exported earlier in its RUN, else by ENV or ARG. */
function variableFor(run: RunInstruction, command: ShellCommand, name: string): VariableValue {
  return shellVariable(run, command, name) ?? run.environment.get(name);
}

/** The package manager and subcommand of a command, `python3 -m pip install` and `uv pip install` included. */
function packageCommand(run: RunInstruction, index: number): PackageCommand | undefined {
  // Checked on the program name before anything is built (a command may have millions of words): most commands run no package manager.
  const command = run.commands[index]!;
  return MANAGER_PROGRAMS.exactly.test(programName(command) ?? '') ? managerCommand(run, command, index) : undefined;
}

function managerCommand(run: RunInstruction, command: ShellCommand, index: number): PackageCommand | undefined {
  const program = programName(command)!;
  const words = programWords(command);
  const module = PYTHON.exactly.test(program) ? pythonModule(words) : undefined;
  const manager = module ? MANAGERS.find((candidate) => candidate.module === module.name) : MANAGERS.find((candidate) => candidate.programs.exactly.test(program));
  if (!manager) return undefined;
  const rest = words.slice(module ? module.next : 1);
  const alias = module ? undefined : manager.aliases?.get(program);
  const found = alias === undefined ? subcommandOf(rest, manager) : { subcommand: alias, verb: words[0]!, next: 0 };
  if (!found) return undefined;
  const { subcommand, verb } = found;
  const own = ownWords(rest, found.next, subcommand, manager);
  if (!(manager.installs.includes(subcommand) || manager.refreshes.includes(subcommand) || installsFirst(manager, subcommand, own, run, command))) return undefined;
  const noCache = own.some((word) => manager.noCacheOptions?.includes(word.value));
  return { manager, subcommand, verb, command, index, noCache, movedTo: noCache ? undefined : movedCache(manager, command, run) };
}

/** The subcommand (`install`; `pip install` of a group), its last word, and where the words after it start. */
function subcommandOf(words: readonly Word[], manager: PackageManager): { subcommand: string; verb: Word; next: number } | undefined {
  let at = subcommandAt(words, 0, manager);
  if (at === -1) return undefined;
  const first = words[at]!.value;
  if (!manager.groups?.includes(first)) return { subcommand: first, verb: words[at]!, next: at + 1 };
  at = subcommandAt(words, at + 1, manager);
  return at === -1 ? undefined : { subcommand: `${first} ${words[at]!.value}`, verb: words[at]!, next: at + 1 };
}

/** The manager's own words: all of them, but for a subcommand that runs a command only those before the command (`uv run --no-sync pytest`). */
function ownWords(words: readonly Word[], next: number, subcommand: string, manager: PackageManager): readonly Word[] {
  if (!manager.runsCommand?.includes(subcommand)) return words;
  const commandAt = subcommandAt(words, next, manager);
  return commandAt === -1 ? words : words.slice(0, commandAt);
}

/** Whether the subcommand installs what the project needs before its own work, not told to skip that (`uv run`, not `uv run --no-sync`). */
function installsFirst({ installsFirst }: PackageManager, subcommand: string, words: readonly Word[], run: RunInstruction, command: ShellCommand): boolean {
  if (installsFirst === undefined || !installsFirst.subcommands.includes(subcommand)) return false;
  return !words.some((word) => installsFirst.skippedBy.includes(word.value)) && !switchedOn(installsFirst.skippedByVariable, run, command);
}

/** Whether the variable is on for the command: set by it, its RUN or an ENV, to a value `offBy` does not match. */
function switchedOn(variable: Switch | undefined, run: RunInstruction, command: ShellCommand): boolean {
  const value = variable && variableFor(run, command, variable.name);
  return variable !== undefined && typeof value === 'string' && !variable.offBy.test(value);
}

/** Where the first word from `from` is that is neither an option nor an option's value (the word after one of `valuedOptions`, a URL, `Key::Option=value`); -1 if none is. */
function subcommandAt(words: readonly Word[], from: number, { valuedOptions }: PackageManager): number {
  for (let i = from; i < words.length; i++) {
    const word = words[i]!.value;
    if (valuedOptions?.includes(word)) i++;
    else if (!word.startsWith('-') && !/[:=/]/.test(word)) return i;
  }
  return -1;
}

/**
 * The module `python` runs with `-m`, and where the words after it start, read as CPython reads its options: letters
 * grouped in one word (`-Im pip`), and an option's argument the rest of its word or the next word (`-mpip`, `-W ignore`).
 */
function pythonModule(words: readonly Word[]): { name: string; next: number } | undefined {
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!.value;
    if (word === '--check-hash-based-pycs') i++;
    // A script, `-` (standard input), `--` or another long option (`--version`) runs no module.
    else if (!/^-[^-]/.test(word)) return undefined;
    else {
      const withArgument = /[cmWX]/.exec(word);
      if (withArgument === null) continue;
      const argument = withArgument.index + 1 < word.length ? word.slice(withArgument.index + 1) : words[++i]?.value;
      if (withArgument[0] === 'c' || argument === undefined) return undefined;
      if (withArgument[0] === 'm') return { name: argument, next: i + 1 };
    }
  }
  return undefined;
}

function keepsCacheOut({ manager, command, index }: PackageCommand, run: RunInstruction, handling: CacheHandling): boolean {
  if (switchedOn(manager.noCacheVariable, run, command)) return true;
  return handling.mounted || index < handling.lastCleanup;
}

/** An `rm` of the cache directory, or of where it was moved to. */
function removesCache(manager: PackageManager, command: ShellCommand, moved: string | undefined): boolean {
  return programName(command) === 'rm' && operands(command).some((path) => (moved === undefined ? holdsCache(manager, path.value) : pathCovers(path.value, moved)));
}

/** Whether a path is the cache directory or a parent of it; `~/` stands for any home directory (`/root`, `/home/app`, `$HOME`). */
function holdsCache(manager: PackageManager, path: string): boolean {
  const inHome = path.replace(/^(?:\/root|\/home\/[^/]+|\$HOME|\$\{HOME\})(?=\/|$)/, '~');
  return manager.cacheDirectories.some((directory) => pathCovers(directory.startsWith('~/') ? inHome : path, directory));
}

function cleans(manager: PackageManager, command: ShellCommand): boolean {
  const clean = manager.clean;
  if (clean === undefined || !clean.programs.exactly.test(programName(command) ?? '')) return false;
  const words = operands(command).map((word) => word.value);
  return clean.operands.some((expected) => expected.every((word, i) => words[i] === word));
}
