import { posix } from 'node:path';
import {
  buildHistory,
  CHANGES_DIRECTORY,
  directoryAt,
  isAtOrUnder,
  mountOver,
  operands,
  pathCovers,
  programName,
  programWords,
  shellVariable,
  stageLineage,
  stageNamed,
  startingDirectory,
  withoutTrailingSlashes,
  workingDirectoryAfter,
  type CopyInstruction,
  type DockerfileDocument,
  type Instruction,
  type RunInstruction,
  type ShellCommand,
  type Stage,
  type VariableValue,
  type Word,
} from './model.js';
import { CommandWords } from '../../shell/command-words.js';
import { EVERYTHING, holdsSelection, SELECTION_OPTIONS, selectionOf, splitOption, withSelection, type Selection } from './project-selection.js';

/** An environment variable that is on where set to any value but those `offBy` matches. */
interface Switch {
  name: string;
  offBy: RegExp;
}

/** A subcommand that syncs the project environment. */
interface ProjectSync {
  /** The options and variables that tell it not to sync, when it installs nothing. */
  skippedBy: string[];
  skippedByVariables: Switch[];
  /** It installs only what the environment lacks (`uv run` syncs first), where the others always install (`uv sync`, `uv add`). */
  installsMissing: boolean;
  /** It removes what it was not asked for, unless told otherwise (see `exactness`). */
  exact: boolean;
  /** It reads the groups and extras to sync from its options (see project-selection.ts); the others sync the default ones. */
  selects: boolean;
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
   * The project's environment: the subcommands that sync it, and where it is (see `ProjectSync`). A sync's project is found
   * from the directory the command runs in, which `directories` move in turn, each relative to the one before (`--directory`,
   * then `--project`).
   */
  project?: {
    syncedBy: ReadonlyMap<string, ProjectSync>;
    directories: { option: string; variable: string }[];
    /** The environment's directory in the project, and the variable that puts it elsewhere, absolute or relative to the project. */
    environment: { name: string; movedBy: string };
    /** Options that make a sync exact (it removes what it was not asked for) and inexact. */
    exactness: { exact: string; inexact: string };
  };
  /**
   * Tools: `reusedBy` runs one, and installs nothing where `installedBy` installed it earlier for the same user, unless it asks
   * for another version or the latest, for requirements the installed tool lacks, for another Python, or for options other than
   * those it was installed with (see `Tool`). `packageOption` names the tool's package where the command's name is not it
   * (`uvx --from ruff==0.6.9 ruff`); `withOptions` add requirements, and `pythonOptions` ask for a Python.
   */
  tools?: { installedBy: string; reusedBy: string; packageOption: string; withOptions: string[]; pythonOptions: string[] };
  /**
   * What stops the manager before it does anything: variables it refuses when empty or, for `switches`, set to a value outside
   * clap's boolish set, and options it refuses an empty value for (clap's PathBufValueParser and BoolishValueParser).
   */
  refuses?: { empty: string[]; switches: string[]; emptyOptions: string[] };
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
/**
 * The values of clap's boolish set that are false: an option variable of uv set to one is off. uv refuses any value outside the
 * set, the empty one too (see `refuses`).
 */
const CLAP_FALSE = /^(?:n|no|f|false|off|0)$/i;
const CLAP_BOOLISH = /^(?:y|yes|t|true|on|1|n|no|f|false|off|0)$/i;
const UV_NO_SYNC: Switch = { name: 'UV_NO_SYNC', offBy: CLAP_FALSE };
const UV_FROZEN: Switch = { name: 'UV_FROZEN', offBy: CLAP_FALSE };

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
      ...['--with', '-w', '--with-editable', '--with-requirements', '--from', '--python', '-p', '--package', '--env-file', '--index', '--default-index'],
      ...SELECTION_OPTIONS,
    ],
    // `uvx` (`uv tool run`) installs the tool into an environment kept in the cache (uv's docs, "Tools").
    installs: ['pip install', 'pip sync', 'sync', 'add', 'tool install', 'tool run'],
    runsCommand: ['run', 'tool run'],
    refreshes: [],
    // `uv run` locks and syncs the project before it runs the command (uv's docs, "Locking and syncing"), unless --no-sync or UV_NO_SYNC
    // (--frozen and --locked sync all the same), and installs only what the environment lacks: it syncs inexactly, the default
    // groups unless told otherwise (commands/project/run.rs). `uv sync` syncs exactly, unless --inexact. `uv remove` syncs the
    // default groups exactly, and `uv add` inexactly, without the dev group (add.rs), which a project need not have: it is taken to
    // sync the default groups, so that no later `uv run` is counted for a group that may not be there. Neither syncs with --no-sync
    // or --frozen ("without re-locking the project … will not be synced"): then they only edit pyproject.toml, and lock as `uv lock`
    // does, which is not counted. `uv remove` installs only what the environment lacks. `uv pip install` and `uv pip sync` leave the
    // project unsynced. The project is found from the
    // directory the command runs in, moved by --directory (UV_WORKING_DIR), then --project (UV_PROJECT) relative to it
    // (uv-cli's GlobalArgs); its environment is `.venv` there, or UV_PROJECT_ENVIRONMENT, relative to the project.
    project: {
      syncedBy: new Map([
        ['sync', { skippedBy: [], skippedByVariables: [], installsMissing: false, exact: true, selects: true }],
        ['add', { skippedBy: ['--no-sync', '--frozen'], skippedByVariables: [UV_NO_SYNC, UV_FROZEN], installsMissing: false, exact: false, selects: false }],
        ['remove', { skippedBy: ['--no-sync', '--frozen'], skippedByVariables: [UV_NO_SYNC, UV_FROZEN], installsMissing: true, exact: true, selects: false }],
        ['run', { skippedBy: ['--no-sync'], skippedByVariables: [UV_NO_SYNC], installsMissing: true, exact: false, selects: true }],
      ]),
      directories: [
        { option: '--directory', variable: 'UV_WORKING_DIR' },
        { option: '--project', variable: 'UV_PROJECT' },
      ],
      environment: { name: '.venv', movedBy: 'UV_PROJECT_ENVIRONMENT' },
      exactness: { exact: '--exact', inexact: '--inexact' },
    },
    // "Once a tool is installed with `uv tool install`, `uvx` will use the installed version by default" (uv's docs, "Tools"): where
    // its receipt has the same options and its environment satisfies the run's requirements and Python (commands/tool/run.rs).
    tools: { installedBy: 'tool install', reusedBy: 'tool run', packageOption: '--from', withOptions: ['--with', '-w', '--with-editable', '--with-requirements'], pythonOptions: ['--python', '-p'] },
    // clap refuses an empty path (UV_CACHE_DIR, UV_PROJECT, UV_WORKING_DIR, --cache-dir=) and a switch outside its boolish set,
    // and so does uv's own reading of UV_NO_SYNC and UV_FROZEN (uv-static's parse_boolish_environment_variable): uv stops.
    refuses: {
      empty: ['UV_CACHE_DIR', 'UV_PROJECT', 'UV_WORKING_DIR'],
      switches: ['UV_NO_CACHE', 'UV_NO_SYNC', 'UV_FROZEN', 'UV_NO_DEV', 'UV_NO_DEFAULT_GROUPS'],
      emptyOptions: ['--cache-dir', '--project', '--directory'],
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
  /** The manager's words after its program: for a subcommand that runs a command (`uv run`, `uvx`), those before the command. */
  own: readonly Word[];
  /** Told not to write the cache (`--no-cache-dir`): an install all the same. */
  noCache: boolean;
  /** Where the cache was moved to (`UV_CACHE_DIR=/tmp/uv`), if it was. */
  movedTo: string | undefined;
  /** The tool it installs or runs, where its words give it plainly (see `PackageManager.tools`). */
  tool: Tool | undefined;
}

/**
 * A tool's package, by its normalized name, and the version asked for (`ruff@0.6.9`, `ruff==0.6.9`), if one is; the requirements
 * added to its environment (`--with`), the Python asked for, and its other options as written, sorted, which uv keeps in the
 * tool's receipt and compares.
 */
interface Tool {
  name: string;
  version: string | undefined;
  requirements: string[];
  python: string | undefined;
  options: string;
}

/** The package commands whose cache stays in the layer of each RUN of the stage's image, its parent stages' RUNs first. */
export function packageCachesLeftIn(document: DockerfileDocument, stage: Stage): PackageCommand[] {
  const image = new ImageSoFar(document, stage);
  return buildHistory(document, stage).flatMap((instruction) => {
    image.add(instruction);
    return instruction.keyword === 'RUN' ? cachesLeftBy(instruction, packageCommands(instruction).filter((use) => image.installs(use))) : [];
  });
}

const builtImages = new WeakMap<Stage, ImageSoFar>();

/** The image a stage builds, as its package commands leave it: worked out once per stage, when a COPY --from of it is first read. */
function builtImage(document: DockerfileDocument, stage: Stage): ImageSoFar {
  let image = builtImages.get(stage);
  if (!image) {
    image = new ImageSoFar(document, stage);
    for (const instruction of buildHistory(document, stage)) {
      image.add(instruction);
      if (instruction.keyword === 'RUN') for (const use of packageCommands(instruction)) image.installs(use);
    }
    builtImages.set(stage, image);
  }
  return image;
}

/**
 * A project environment the image holds, and what it holds: where it is and the project it was synced for, undefined where
 * unknown (it may be anywhere), and for an environment copied in, any project whose environment it would be.
 */
interface SyncedEnvironment {
  manager: PackageManager;
  path: string | undefined;
  project: string | undefined;
  holds: Selection;
}

/** Where a project command looks for its project, and the environment it names (`.venv`, or UV_PROJECT_ENVIRONMENT); undefined where unknown. */
interface ProjectPlace {
  project: string | undefined;
  environment: string | undefined;
}

/** More project environments than any image holds: a Dockerfile that syncs more is read as if it synced one anywhere. */
const MOST_ENVIRONMENTS = 256;

/** What an image holds so far, as its package commands see it: the project environments synced, and the tools installed for each user. */
class ImageSoFar {
  private readonly environments: SyncedEnvironment[] = [];
  /** The COPY --from instructions not read yet, each with the number of WORKDIRs before it: read when a project command first needs them. */
  private readonly copies: { copy: CopyInstruction; workdirs: number }[] = [];
  /** The tools installed, by name: for each manager and user the last install, which replaces the tool's environment. */
  private readonly tools = new Map<string, { manager: PackageManager; user: string | undefined; tool: Tool }[]>();
  private user: string | undefined;
  /** The WORKDIRs so far, read only when a project command asks where it runs: a WORKDIR's words may take a parse of their own. */
  private readonly workdirs: Instruction[] = [];
  /** The working directory after each of the first WORKDIRs read, the stage's starting one before any. */
  private readonly directories: (string | undefined)[];
  /** The RUN added last, the WORKDIRs before it, and the directory its shell is in at its command `index` (-1 before the first is asked for). */
  private run: { instruction: RunInstruction; workdirs: number; index: number; directory: string | undefined } | undefined;

  constructor(
    private readonly document: DockerfileDocument,
    stage: Stage,
  ) {
    this.directories = [startingDirectory(stageLineage(document, stage).at(-1)!)];
  }

  add(instruction: Instruction): void {
    if (instruction.keyword === 'WORKDIR') this.workdirs.push(instruction);
    else if (instruction.keyword === 'USER') this.user = instruction.user?.value;
    else if (instruction.keyword === 'COPY' && instruction.from !== undefined) this.copies.push({ copy: instruction, workdirs: this.workdirs.length });
    else if (instruction.keyword === 'RUN') this.run = { instruction, workdirs: this.workdirs.length, index: -1, directory: undefined };
  }

  /** Whether the command of the RUN added last installs anything into the image as it is so far; notes what it syncs or installs for later commands. */
  installs(use: PackageCommand): boolean {
    const { manager, subcommand, tool } = use;
    const sync = manager.project?.syncedBy.get(subcommand);
    if (sync) return this.syncs(use, sync);
    if (tool === undefined) return true;
    const installed = this.tools.get(tool.name)?.find((earlier) => earlier.manager === manager && earlier.user === this.user);
    if (subcommand === manager.tools?.installedBy) {
      const others = this.tools.get(tool.name)?.filter((earlier) => earlier !== installed) ?? [];
      this.tools.set(tool.name, [...others, { manager, user: this.user, tool }]);
    }
    return subcommand !== manager.tools?.reusedBy || installed === undefined || !reuses(tool, installed.tool);
  }

  /** The project environments of the manager the image holds, those copied in included. */
  environmentsOf(manager: PackageManager): SyncedEnvironment[] {
    for (const { copy, workdirs } of this.copies.splice(0)) {
      const directory = this.workingDirectory(workdirs);
      for (const copying of MANAGERS) if (copying.project) this.environments.push(...landedEnvironments(this.document, copy, directory, copying));
      this.bound();
    }
    return this.environments.filter((environment) => environment.manager === manager);
  }

  /**
   * Past MOST_ENVIRONMENTS the environments are no longer told apart: one that may be anywhere and holds anything takes their
   * place, so that each sync looks through few (20,000 syncs of distinct projects in one RUN took 11 s, each looking through all).
   */
  private bound(): void {
    if (this.environments.length <= MOST_ENVIRONMENTS) return;
    const managers = new Set(this.environments.map((environment) => environment.manager));
    this.environments.splice(0, Infinity, ...[...managers].map((manager) => ({ manager, path: undefined, project: undefined, holds: EVERYTHING })));
  }

  /**
   * Whether a sync installs anything: always, but for one that installs only what is missing, where the environment it finds
   * holds what it asks for. The environment then holds what it asked for, and what it held before unless the sync is exact.
   */
  private syncs(use: PackageCommand, sync: ProjectSync): boolean {
    const { instruction } = this.run!;
    const { exactness } = use.manager.project!;
    const wanted = selectionOf(sync.selects ? use.own.map((word) => word.value) : [], (name) => switchedOn({ name, offBy: CLAP_FALSE }, instruction, use.command));
    const place = this.placeOf(use);
    // The environment synced or copied in last of those the command may find.
    const synced = this.environmentsOf(use.manager).reverse().find((environment) => serves(environment, place));
    const installs = !sync.installsMissing || synced === undefined || !holdsSelection(synced.holds, wanted);
    const exact = sync.exact ? !use.own.some((word) => word.value === exactness.inexact) : use.own.some((word) => word.value === exactness.exact);
    if (synced === undefined) {
      this.environments.push({ manager: use.manager, path: environmentPath(place), project: place.project, holds: wanted });
      this.bound();
    } else synced.holds = exact ? wanted : withSelection(synced.holds, wanted);
    return installs;
  }

  /** Where the command looks for its project: the RUN's directory at the command, moved by the manager's directory options in turn. */
  private placeOf({ manager, command, index, own }: PackageCommand): ProjectPlace {
    const { instruction } = this.run!;
    const { directories, environment } = manager.project!;
    let project = this.shellDirectory(index);
    for (const { option, variable } of directories) project = movedDirectory(project, optionValue(own, option) ?? variableFor(instruction, command, variable));
    const moved = variableFor(instruction, command, environment.movedBy);
    return { project, environment: moved === null ? undefined : moved || environment.name };
  }

  /** The directory the RUN's shell is in at its command `index`: its WORKDIR, moved by the `cd`s before it, read in order as one list. */
  private shellDirectory(index: number): string | undefined {
    const run = this.run!;
    if (run.index === -1) [run.index, run.directory] = [0, this.workingDirectory(run.workdirs)];
    for (; run.index < index; run.index++) run.directory = directoryAfter(run.instruction.commands[run.index]!, run.directory);
    return run.directory;
  }

  /** The working directory after the first `count` WORKDIRs. */
  private workingDirectory(count: number): string | undefined {
    for (let read = this.directories.length; read <= count; read++) this.directories.push(workingDirectoryAfter(this.workdirs[read - 1]!, this.directories[read - 1]));
    return this.directories[count];
  }
}

/** The directory after a command that changes it (`cd app`, `pushd /srv`; unknown after `popd`, `cd` home or `cd -`), from the one before. */
function directoryAfter(command: ShellCommand, before: string | undefined): string | undefined {
  const program = programName(command) ?? '';
  if (!CHANGES_DIRECTORY.has(program)) return before;
  const target = operands(command)[0]?.value;
  return program === 'popd' || target === undefined ? undefined : movedDirectory(before, target);
}

/** The directory `to` names from `from` (see `directoryAt`): `from` where `to` is unset, and unknown where `to` is or cannot be read. */
function movedDirectory(from: string | undefined, to: VariableValue): string | undefined {
  if (to === undefined) return from;
  return to === null || /[$`]|^~/.test(to) ? undefined : directoryAt(from, to);
}

function environmentPath({ project, environment }: ProjectPlace): string | undefined {
  return project === undefined || environment === undefined ? undefined : posix.resolve(project, environment);
}

/**
 * Whether a command may find the environment: the one its project has, the project being where it looks or above it (uv walks
 * up to the nearest pyproject.toml); any where a place is unknown.
 */
function serves(environment: SyncedEnvironment, place: ProjectPlace): boolean {
  if (environment.path === undefined || place.project === undefined || place.environment === undefined) return true;
  const project = environment.project ?? projectOf(environment.path, place.environment);
  return project !== undefined && isAtOrUnder(project, place.project) && posix.resolve(project, place.environment) === environment.path;
}

/** The project directory whose environment `path` is, where the environment is named `name`: any (the root) for an absolute name. */
function projectOf(path: string, name: string): string | undefined {
  if (name.startsWith('/')) return '/';
  const relative = posix.normalize(name);
  return path.endsWith(`/${relative}`) ? path.slice(0, -relative.length - 1) || '/' : undefined;
}

/**
 * Whether a tool run can use an installed tool (uv's commands/tool/run.rs): the same package, at any version or the one
 * installed but not the latest, with the options of its receipt, the Python it asks for if any, and the requirements it adds.
 */
function reuses(run: Tool, installed: Tool): boolean {
  return (
    run.name === installed.name &&
    (run.version === undefined || (run.version !== 'latest' && run.version === installed.version)) &&
    run.options === installed.options &&
    (run.python === undefined || run.python === installed.python) &&
    run.requirements.every((requirement) => installed.requirements.includes(requirement))
  );
}

/**
 * The synced environments a COPY --from brings in. One it names as the environment is named (`/app/.venv`, or where
 * UV_PROJECT_ENVIRONMENT puts it) lands at its destination, holding what it held in the stage it comes from, or anything from
 * elsewhere. A directory that holds environments its stage synced (`COPY --from=build /app /app` after `uv sync` in
 * `WORKDIR /app`) brings them to the same places below the destination, each for its project, moved with it where it is copied too.
 */
function landedEnvironments(document: DockerfileDocument, copy: CopyInstruction, directory: string | undefined, manager: PackageManager): SyncedEnvironment[] {
  const destination = copy.destination && movedDirectory(directory, copy.destination.value);
  const stage = stageNamed(document, copy.from!.value);
  const built = stage === undefined || stage.index >= copy.stageIndex ? [] : builtImage(document, stage).environmentsOf(manager);
  const sources = copy.sources.map((source) => posix.resolve('/', source.value));
  if (namesEnvironment(copy, manager)) {
    const copied = built.find((environment) => environment.path !== undefined && sources.includes(environment.path));
    return [{ manager, path: destination, project: undefined, holds: copied?.holds ?? EVERYTHING }];
  }
  return built.flatMap((environment) => {
    const source = sources.find((path) => environment.path !== undefined && copiesPath(path, environment.path));
    if (source === undefined) return [];
    const moved = (path: string) => destination && posix.join(destination, path.slice(source.length));
    const project = environment.project !== undefined && copiesPath(source, environment.project) ? moved(environment.project) : environment.project;
    return [{ manager, path: moved(environment.path!), project, holds: environment.holds }];
  });
}

/** Whether a COPY --from source copies the path: a parent directory of it, or `/`, the whole stage (`COPY --from=build / /` flattens an image). */
function copiesPath(source: string, path: string): boolean {
  return source === '/' || pathCovers(source, path);
}

/** Whether a source or the destination of the COPY is named as the environment is: `.venv` at the end of a path, or the path UV_PROJECT_ENVIRONMENT gives. */
function namesEnvironment(copy: CopyInstruction, manager: PackageManager): boolean {
  const environment = manager.project!.environment;
  const moved = copy.environment.get(environment.movedBy);
  const names = typeof moved === 'string' && moved !== '' ? [environment.name, moved] : [environment.name];
  return [...copy.sources, copy.destination].some((path) => path !== undefined && names.some((name) => isEnvironmentPath(path.value, name)));
}

/** Whether a path is the environment's: an absolute one itself, a relative one at the end of the path (`./.venv`, `/app/.venv/`). */
function isEnvironmentPath(path: string, environment: string): boolean {
  const written = withoutTrailingSlashes(path);
  if (environment.startsWith('/')) return written === withoutTrailingSlashes(environment);
  return written === environment || written.endsWith(`/${environment}`);
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

/**
 * What the command leaves behind and how to keep it out, for messages: with the directory its cache was moved to, where it was,
 * and an alias in place of the manager's program, as it takes the manager's options itself (`uvx --no-cache`).
 */
export function cacheMessage({ manager, movedTo, command }: PackageCommand): { leaves: string; advice: string } {
  const program = programName(command)!;
  const advice = manager.aliases?.has(program) ? manager.advice.replaceAll(`\`${manager.programs.words[0]} `, `\`${program} `) : manager.advice;
  if (movedTo === undefined) return { leaves: manager.leaves, advice };
  const home = manager.cacheDirectories[0]!;
  return { leaves: manager.leaves.replace(home, movedTo), advice: advice.replace(home.replace(/^~/, '/root'), movedTo) };
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
  const sync = manager.project?.syncedBy.get(subcommand);
  const counted = sync ? !skipsSync(sync, own, run, command) : manager.installs.includes(subcommand) || manager.refreshes.includes(subcommand);
  if (!counted || refused(manager, own, run, command)) return undefined;
  const noCache = own.some((word) => manager.noCacheOptions?.includes(word.value));
  // The words of a tool run end with the command it runs, which names the tool.
  const tool = subcommand === manager.tools?.installedBy || subcommand === manager.tools?.reusedBy ? toolOf(rest.slice(0, own.length + 1), found.next, manager) : undefined;
  return { manager, subcommand, verb, command, index, own, noCache, movedTo: noCache ? undefined : movedCache(manager, command, run), tool };
}

/** Whether the manager refuses to start with the command's variables or options (see `PackageManager.refuses`): it installs nothing. */
function refused({ refuses }: PackageManager, words: readonly Word[], run: RunInstruction, command: ShellCommand): boolean {
  if (refuses === undefined) return false;
  const value = (name: string) => variableFor(run, command, name);
  return (
    refuses.empty.some((name) => value(name) === '') ||
    refuses.switches.some((name) => {
      const set = value(name);
      return typeof set === 'string' && !CLAP_BOOLISH.test(set);
    }) ||
    refuses.emptyOptions.some((option) => optionValue(words, option) === '')
  );
}

/** The value the words give an option (`--project app`, `--project=app`), its last if given more than once. */
function optionValue(words: readonly Word[], option: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const [name, attached] = splitOption(words[i]!.value);
    if (name === option) value = attached ?? words[i + 1]?.value;
  }
  return value;
}

/**
 * The tool of `uv tool install` or `uvx`, from the words after the subcommand, written before or after the package (for `uvx`,
 * those up to the command it runs): the package option's value, else the first operand (the package, or the command run);
 * none where the package is not a plain name and version. A word that reads as an option's value (a URL, a path) after an
 * option is taken for its value.
 */
function toolOf(words: readonly Word[], from: number, { tools, movedBy, noCacheOptions, valuedOptions }: PackageManager): Tool | undefined {
  const { packageOption, withOptions, pythonOptions } = tools!;
  let operand: string | undefined;
  let fromPackage: string | undefined;
  let python: string | undefined;
  const requirements: string[] = [];
  const options: string[] = [];
  for (let i = from; i < words.length; i++) {
    const word = words[i]!.value;
    const [option, attached] = splitOption(word);
    const value = () => attached ?? words[++i]?.value;
    if (option === packageOption) fromPackage = value();
    else if (withOptions.includes(option)) requirements.push(value() ?? '');
    else if (pythonOptions.includes(option)) python = value();
    else if (option === movedBy?.option) value();
    else if (noCacheOptions?.includes(option)) continue;
    else if (option.startsWith('-')) options.push(valuedOptions?.includes(option) ? `${option}=${value()}` : word);
    else if (options.length > 0 && /[:=/]/.test(word)) options.push(`${options.pop()}=${word}`);
    else operand ??= word;
  }
  const requirement = toolRequirement(fromPackage ?? operand ?? '');
  return requirement && { ...requirement, requirements, python, options: options.sort().join(' ') };
}

/** `ruff`, `ruff@0.6.9`, `ruff==0.6.9` or `ruff@latest`, with the name normalized as PyPI does (PEP 503); undefined for any other requirement. */
function toolRequirement(requirement: string): Pick<Tool, 'name' | 'version'> | undefined {
  const parts = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:(?:@|==)([A-Za-z0-9._+!-]+))?$/.exec(requirement);
  return parts ? { name: parts[1]!.toLowerCase().replace(/[-_.]+/g, '-'), version: parts[2] } : undefined;
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

/** Whether a subcommand that syncs the project is told not to (`uv run --no-sync`, `UV_FROZEN=1 uv add`). */
function skipsSync(sync: { skippedBy: string[]; skippedByVariables: Switch[] }, words: readonly Word[], run: RunInstruction, command: ShellCommand): boolean {
  return words.some((word) => sync.skippedBy.includes(word.value)) || sync.skippedByVariables.some((variable) => switchedOn(variable, run, command));
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
