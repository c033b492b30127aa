import { operands, pathCovers, programName, programWords, shellVariable, type RunInstruction, type ShellCommand, type Word } from './model.js';
import { CommandWords } from '../../shell/command-words.js';

/** What a package manager leaves behind in a layer, and how a RUN keeps it out. */
export interface PackageManager {
  /** Its program names, which the RUN pre-check asks for too. */
  programs: CommandWords;
  /** Subcommands that install packages, and so leave downloaded packages or indexes behind. */
  installs: string[];
  /** Subcommands that only fetch indexes or upgrade; reported when the RUN has no install. */
  refreshes: string[];
  /** The only subcommands that write the cache, where others merely use it (apt's lists come from `update` alone). */
  writtenOnlyBy?: string[];
  /** Where the cache lives; a mount there or an `rm` of it keeps the cache out of the layer. */
  cacheDirectories: string[];
  /** What is left behind, for messages. */
  leaves: string;
  /** Options of the install and an environment variable that keep it from writing the cache. */
  noCacheOptions?: string[];
  noCacheVariable?: string;
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
    installs: ['install', 'in', 'groupinstall', 'reinstall'],
    refreshes: ['update', 'upgrade', 'makecache'],
    cacheDirectories: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
    leaves: 'repository metadata and packages under /var/cache',
    clean: { programs: YUM, operands: [['clean', 'all']] },
    advice: 'end the same RUN with `clean all` of the same package manager',
  },
  {
    programs: PIP,
    installs: ['install'],
    refreshes: [],
    cacheDirectories: ['~/.cache/pip'],
    leaves: 'downloaded packages in the pip cache (~/.cache/pip)',
    // pip takes any unambiguous prefix of a long option (optparse): `--no-cache` is `--no-cache-dir`.
    noCacheOptions: ['--no-cache-dir', '--no-cache-di', '--no-cache-d', '--no-cache-', '--no-cache'],
    noCacheVariable: 'PIP_NO_CACHE_DIR',
    clean: { programs: PIP, operands: [['cache', 'purge']] },
    advice: 'use `pip install --no-cache-dir`',
  },
];

const PYTHON = /^python[\d.]*$/;
/**
 * The programs of every manager, and Python (`python3 -m pip`), in one expression that a program word matches
 * as written, with or without a directory: most commands are none of them, and are passed over at once.
 * (Every expression above is anchored at both ends, which is dropped here.)
 */
const MANAGER_PROGRAMS = new RegExp(`(?:^|/)(?:${[PYTHON, ...MANAGERS.map((manager) => manager.programs.exactly)].map((program) => program.source.slice(1, -1)).join('|')})$`);

/** The program of every manager, or the module of `python3 -m pip`. */
const MANAGER_WORDS = CommandWords.programs(...MANAGERS.flatMap((manager) => manager.programs.words));

/** A package manager invocation (`apt-get install`, `python3 -m pip install`) in a RUN. */
export interface PackageCommand {
  manager: PackageManager;
  /** The subcommand: `install`, `add`, `update` … */
  verb: Word;
  command: ShellCommand;
  /** Position of the command in the RUN. */
  index: number;
}

/** The RUN's package commands whose cache stays in its layer: its installs, or else its first index refresh. */
export function packageCachesLeftBy(run: RunInstruction): PackageCommand[] {
  if (!run.script.mayHold(MANAGER_WORDS)) return [];
  const uses: PackageCommand[] = [];
  // Counted: in cold code a flatMap makes a closure call and an array for each command, which is nearly never one.
  for (let index = 0; index < run.commands.length; index++) {
    const use = packageCommand(run.commands[index]!, index);
    if (use) uses.push(use);
  }
  if (uses.length === 0) return [];
  const handling = new Map([...new Set(uses.map((use) => use.manager))].map((manager) => [manager, cacheHandling(run, manager)]));
  const leaks = uses.filter((use) => !keepsCacheOut(use, run, handling.get(use.manager)!));
  return MANAGERS.flatMap((manager) => {
    const own = leaks.filter((use) => use.manager === manager);
    if (manager.writtenOnlyBy && !own.some((use) => manager.writtenOnlyBy!.includes(use.verb.value))) return [];
    const installs = own.filter((use) => manager.installs.includes(use.verb.value));
    return installs.length > 0 ? installs : own.slice(0, 1);
  });
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

/** How the RUN keeps a manager's cache out of its layer whichever command fills it: a cache mount, or clean-up commands. */
interface CacheHandling {
  mounted: boolean;
  /** Index of the RUN's last command that empties or removes the cache; -1 when there is none. */
  lastCleanup: number;
}

function cacheHandling(run: RunInstruction, manager: PackageManager): CacheHandling {
  // Looked for from the end, where the clean-up usually is.
  let lastCleanup = run.commands.length - 1;
  while (lastCleanup >= 0 && !cleans(manager, run.commands[lastCleanup]!) && !removesCache(manager, run.commands[lastCleanup]!)) lastCleanup--;
  return { mounted: run.mounts.some((mount) => mount.target !== undefined && holdsCache(manager, mount.target)), lastCleanup };
}

/** The package manager and subcommand of a command, `python3 -m pip install` included. */
function packageCommand(command: ShellCommand, index: number): PackageCommand | undefined {
  // Checked on the program word as written before anything is built (a command may have millions of words): most commands run no package manager.
  const programWord = command.words[command.programIndex];
  return programWord !== undefined && MANAGER_PROGRAMS.test(programWord.value) ? managerCommand(command, index) : undefined;
}

function managerCommand(command: ShellCommand, index: number): PackageCommand | undefined {
  const program = programName(command)!;
  const words = programWords(command);
  const viaPython = PYTHON.test(program) && words[1]?.value === '-m';
  const rest = words.slice(viaPython ? 3 : 1);
  const name = viaPython ? words[2]?.value ?? '' : program;
  const manager = MANAGERS.find((candidate) => candidate.programs.exactly.test(name));
  // The subcommand is the first word that is neither an option nor an option's value (a URL, `Key::Option=value`).
  const verb = rest.find((word) => !word.value.startsWith('-') && !/[:=/]/.test(word.value));
  if (!manager || !verb || ![...manager.installs, ...manager.refreshes].includes(verb.value)) return undefined;
  if (rest.some((word) => manager.noCacheOptions?.includes(word.value))) return undefined;
  return { manager, verb, command, index };
}

function keepsCacheOut({ manager, command, index }: PackageCommand, run: RunInstruction, handling: CacheHandling): boolean {
  const noCache = manager.noCacheVariable && (shellVariable(run, command, manager.noCacheVariable) ?? run.environment.get(manager.noCacheVariable));
  if (noCache && /^(?:1|true|yes|on)$/i.test(noCache)) return true;
  return handling.mounted || index < handling.lastCleanup;
}

function removesCache(manager: PackageManager, command: ShellCommand): boolean {
  return programName(command) === 'rm' && operands(command).some((path) => holdsCache(manager, path.value));
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
