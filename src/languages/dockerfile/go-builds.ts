import {
  baseImage,
  buildHistory,
  CHANGES_DIRECTORY,
  directoryOf,
  GO_COMMAND,
  goVerb,
  historyCommands,
  isGolangImage,
  imageNameParts,
  instructionsOf,
  libcOf,
  pathCovers,
  programName,
  shellVariable,
  stageNamed,
  type CopyInstruction,
  type DockerfileDocument,
  type ImageReference,
  type Instruction,
  type RunInstruction,
  type ShellCommand,
  type Stage,
  type Word,
  withoutTrailingSlashes,
} from './model.js';
import { APK, apkAdds } from './packages.js';
import { CommandWords } from '../../shell/command-words.js';

/** A `go build` or `go install` command whose binary a later stage copies. */
export interface GoBuild {
  stage: Stage;
  run: RunInstruction;
  command: ShellCommand;
  /** `build` or `install`. */
  verb: Word;
  /** The `COPY --from` instructions of the copying stage that may carry the binary. */
  copies: CopyInstruction[];
}

/** Why cgo is on for a go build: CGO_ENABLED set to a value other than `0`, or left unset in an image that has a C compiler. */
export type CgoOn = { setting: string } | { compilerIn: ImageReference };

/** `go build` / `go install` commands of the stages whose files `target` copies, following COPY --from chains. */
export function goBuildsCopiedInto(document: DockerfileDocument, target: Stage): GoBuild[] {
  const builds = new Map<ShellCommand, GoBuild>();
  for (const copy of buildHistory(document, target)) {
    if (copy.keyword !== 'COPY' || !copy.from) continue;
    const origin = stageNamed(document, copy.from.value);
    if (!origin || origin === target) continue;
    for (const found of buildsCarriedBy(document, origin, copy.sources)) {
      const build = builds.get(found.command) ?? { ...found, copies: [] };
      build.copies.push(copy);
      builds.set(found.command, build);
    }
  }
  return [...builds.values()];
}

/**
 * Whether cgo is on for the build and why; undefined when it is off or cannot be told, and for
 * binaries linked statically all the same (`-tags netgo`, `-extldflags -static`) or that are
 * WebAssembly (`GOARCH=wasm`), which cgo does not build for.
 */
export function cgoOn(document: DockerfileDocument, build: GoBuild): CgoOn | undefined {
  const { stage, run, command } = build;
  if (linksStatically(command, build.verb) || (shellVariable(run, command, 'GOARCH') ?? run.environment.get('GOARCH')) === 'wasm') return undefined;
  const setups = cgoSetups(document);
  const setting = shellVariable(run, command, 'CGO_ENABLED') ?? (run.environment.has('CGO_ENABLED') ? run.environment.get('CGO_ENABLED') : setups.beforeCommand.get(command)!.goEnvSetting);
  if (setting === null || setting === '0') return undefined;
  if (setting) return { setting };
  if (lacksCompiler(document, build, setups)) return undefined;
  return { compilerIn: baseImage(document, stage) };
}

/** Whether the stage's history installs Alpine's glibc compatibility packages, which let glibc-linked binaries start. */
export function glibcCompatibilityInstalled(document: DockerfileDocument, stage: Stage): boolean {
  return apkAdds(historyCommands(document, stage, APK), GLIBC_COMPATIBILITY);
}

/**
 * The go builds of `origin` whose binaries copying `sources` may bring in, also through the stages it
 * copies from in turn. Each of those COPY instructions is followed once, so stages that copy from the
 * same stages are not walked again for every path between them.
 */
function buildsCarriedBy(document: DockerfileDocument, origin: Stage, sources: Word[]): Omit<GoBuild, 'copies'>[] {
  const builds = new Map<ShellCommand, Omit<GoBuild, 'copies'>>();
  const followed = new Set<Instruction>();
  const pending = [{ stage: origin, sources }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const writers = new Map<string, ShellCommand>();
    let workdirs = 0;
    for (const instruction of buildHistory(document, next.stage)) {
      if (instruction.keyword === 'WORKDIR') workdirs++;
      if (instruction.keyword === 'RUN') {
        if (!instruction.script.mayHold(GO_COMMAND)) continue;
        for (const command of instruction.commands) {
          const verb = goVerb(command, 'build') ?? goVerb(command, 'install');
          const path = verb && binaryPath(document, next.stage, instruction, command, verb);
          if (!verb || builds.has(command) || !mayCarry(next.sources, path)) continue;
          const place = placeWritten(instruction, command, path, workdirs);
          const overwritten = place === undefined ? undefined : writers.get(place);
          if (overwritten) builds.delete(overwritten);
          if (place !== undefined) writers.set(place, command);
          builds.set(command, { stage: document.stages[instruction.stageIndex]!, run: instruction, command, verb });
        }
      } else if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.from && instruction.destination && !followed.has(instruction)) {
        const stage = stageNamed(document, instruction.from.value);
        if (!stage || !mayCarry(next.sources, instruction.destination.value)) continue;
        followed.add(instruction);
        pending.push({ stage, sources: instruction.sources });
      }
    }
  }
  return [...builds.values()];
}

/**
 * The file a build writes, told apart enough to see a later build overwrite it (cluster-api builds `-o manager` once to warm
 * its cache, then again with CGO_ENABLED=0): an absolute path, or a relative one under the same WORKDIR, not after a `cd`.
 */
function placeWritten(run: RunInstruction, command: ShellCommand, path: string | undefined, workdirs: number): string | undefined {
  if (path === undefined || path.startsWith('/')) return path;
  const before = run.commands.slice(0, run.commands.indexOf(command));
  return before.some((earlier) => CHANGES_DIRECTORY.has(programName(earlier) ?? '')) ? undefined : `${workdirs}:${path}`;
}

/**
 * Where the command writes its binary, when that can be told: `-o PATH`, the current directory under the package's name
 * (`go build ./cmd/clusterctl` writes `clusterctl`), or the `bin` directory `go install` uses.
 */
function binaryPath(document: DockerfileDocument, stage: Stage, run: RunInstruction, command: ShellCommand, verb: Word): string | undefined {
  const words = argumentsAfter(command, verb);
  const output = words.find((word, i) => words[i - 1] === '-o' || word.startsWith('-o='));
  if (verb.value === 'build') return output?.replace(/^-o=/, '') ?? installedName(words);
  const gobin = shellVariable(run, command, 'GOBIN') ?? run.environment.get('GOBIN');
  const gopath = shellVariable(run, command, 'GOPATH') ?? run.environment.get('GOPATH') ?? (isGolangImage(baseImage(document, stage)) ? '/go' : undefined);
  const directory = gobin ?? (gopath ? `${gopath}/bin` : undefined);
  const name = crossCompiles(run, command) ? undefined : installedName(words);
  return directory !== undefined && name !== undefined ? `${withoutTrailingSlashes(directory)}/${name}` : directory;
}

/**
 * The name of the binary `go install` (or `go build` without `-o`) writes for its one package: the package path's last element, or the one before a
 * major-version suffix (`…/cmd/goose/v3@v3.21.1` → `goose`). Undefined where the binaries cannot be told from the words:
 * several packages, a pattern (`./cmd/...`), the current directory, or a flag that may take the next word as its value.
 */
function installedName(words: readonly string[]): string | undefined {
  const path = words.at(-1)?.replace(/@.*$/, '');
  const onlyFlagsBefore = words.slice(0, -1).every((word) => word.includes('=') ? word.startsWith('-') : BOOLEAN_BUILD_FLAGS.has(word));
  if (path === undefined || path.startsWith('-') || !onlyFlagsBefore || path.includes('...') || path.includes('$')) return undefined;
  const elements = path.split('/').filter((element) => element !== '' && element !== '.');
  const name = MAJOR_VERSION.test(elements.at(-1) ?? '') && elements.length > 1 ? elements.at(-2) : elements.at(-1);
  return name === '..' ? undefined : name;
}

/** Build flags that take no value, so the word after one is a package. */
const BOOLEAN_BUILD_FLAGS = new Set(['-a', '-n', '-v', '-x', '-race', '-msan', '-asan', '-cover', '-trimpath', '-linkshared', '-modcacherw', '-work']);
const MAJOR_VERSION = /^v\d+$/;

/** A cross-compiling `go install` (GOOS or GOARCH set) writes into a `GOOS_GOARCH` directory below the usual one. */
function crossCompiles(run: RunInstruction, command: ShellCommand): boolean {
  return ['GOOS', 'GOARCH'].some((name) => shellVariable(run, command, name) !== undefined || run.environment.get(name) !== undefined);
}

/** Whether files copied from `sources` can include `path`; unknown or relative paths may. */
function mayCarry(sources: Word[], path: string | undefined): boolean {
  if (path === undefined || !path.startsWith('/')) return true;
  return sources.some(({ value }) => {
    const source = directoryOf(value);
    return !source.startsWith('/') || /[*?[]/.test(source) || source === '/' || pathCovers(source, path) || pathCovers(path, source);
  });
}

function argumentsAfter(command: ShellCommand, verb: Word): string[] {
  return command.words.slice(command.words.indexOf(verb) + 1).map((word) => word.value);
}

/** `-tags netgo` or `-extldflags -static` give a binary without C library dependencies even with cgo on. */
function linksStatically(command: ShellCommand, verb: Word): boolean {
  const words = argumentsAfter(command, verb);
  const tags = words.flatMap((word, i) => (words[i - 1] === '-tags' ? [word] : word.startsWith('-tags=') ? [word.slice(6)] : []));
  return tags.some((list) => list.split(/[ ,]/).includes('netgo')) || words.some((word) => word.includes('-extldflags') && /-extldflags[= ]+['"]?-static/.test(word));
}

/** What the commands of the build history so far have set up for cgo. */
interface CgoSetup {
  /** CGO_ENABLED as written to the go env file by `go env -w`. */
  goEnvSetting: string | undefined;
  /** Whether `apk add` installed a C compiler. */
  compilerInstalled: boolean;
}

interface CgoSetups {
  beforeCommand: Map<ShellCommand, CgoSetup>;
  afterRun: Map<RunInstruction, CgoSetup>;
}

const setupsByDocument = new WeakMap<DockerfileDocument, CgoSetups>();

/** The cgo setup each RUN command starts with and each RUN leaves, in one walk over the stages; a stage continues the one it is built FROM. */
function cgoSetups(document: DockerfileDocument): CgoSetups {
  const known = setupsByDocument.get(document);
  if (known) return known;
  const setups: CgoSetups = { beforeCommand: new Map(), afterRun: new Map() };
  const stageEnds: CgoSetup[] = [];
  for (const stage of document.stages) {
    const parent = stage.from.image.stage;
    let setup: CgoSetup = parent === undefined ? { goEnvSetting: undefined, compilerInstalled: false } : stageEnds[parent]!;
    for (const run of instructionsOf(stage, 'RUN')) {
      // Only go and apk commands set cgo up, and only a go build's setup is asked for.
      const commands = run.script.mayHold(CGO_SETUP_WORDS) ? run.commands : [];
      for (const command of commands) {
        setups.beforeCommand.set(command, setup);
        setup = { goEnvSetting: goEnvSettingAfter(setup.goEnvSetting, command), compilerInstalled: setup.compilerInstalled || apkAdds([command], C_COMPILERS) };
      }
      setups.afterRun.set(run, setup);
    }
    stageEnds.push(setup);
  }
  setupsByDocument.set(document, setups);
  return setups;
}

/** The programs of commands that set cgo up (`go env -w`, `apk add gcc`); every RUN with a go build asks them too, as its setup is asked for. */
const CGO_SETUP_WORDS = CommandWords.programs('go', 'apk');
const C_COMPILERS: ReadonlySet<string> = new Set(['gcc', 'g++', 'clang', 'build-base']);
const GLIBC_COMPATIBILITY: ReadonlySet<string> = new Set(['gcompat', 'libc6-compat']);

/** CGO_ENABLED in the go env file after the command: `go env -w` writes it, `go env -u` removes it. */
function goEnvSettingAfter(setting: string | undefined, command: ShellCommand): string | undefined {
  if (!goVerb(command, 'env')) return setting;
  const words = command.words.map((word) => word.value);
  const written = words.find((word) => word.startsWith('CGO_ENABLED='));
  if (words.includes('-w') && written) return written.slice('CGO_ENABLED='.length);
  return words.includes('-u') && words.includes('CGO_ENABLED') ? undefined : setting;
}

/**
 * Since Go 1.20 the go command turns cgo off when no C compiler is installed, which is the case in
 * the Alpine `golang` images until a RUN adds one; before 1.20 it linked `net` against musl regardless.
 */
function lacksCompiler(document: DockerfileDocument, { stage, run }: Omit<GoBuild, 'copies'>, setups: CgoSetups): boolean {
  const image = baseImage(document, stage);
  if (libcOf(image, []) !== 'musl' || !isGolangImage(image)) return false;
  const version = /^(\d+)\.(\d+)/.exec(imageNameParts(image).tag);
  if (version && Number(version[1]) === 1 && Number(version[2]) < 20) return false;
  return !setups.afterRun.get(run)!.compilerInstalled;
}
