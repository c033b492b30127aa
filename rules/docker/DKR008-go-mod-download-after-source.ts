import {
  absolutePath,
  GO_COMMAND,
  goVerb,
  mountOver,
  pathCovers,
  pathMayCover,
  runsGo,
  shellVariable,
  spanText,
  spanTo,
  type CopyInstruction,
  type DockerfileDocument,
  type Environment,
  type Instruction,
  type RunInstruction,
  type ShellCommand,
  type Word,
  withoutTrailingSlashes,
} from '../../src/languages/dockerfile/model.js';
import type { DockerfileModel } from '../../src/languages/dockerfile/go-modules.js';
import { defineRule } from '../../src/rule.js';

/** go commands that download every missing module of the main module before they start. */
const MODULE_LOADERS = [['build'], ['install'], ['test'], ['vet'], ['run'], ['mod', 'tidy']];

export default defineRule({
  id: 'DKR008',
  slug: 'go-mod-download-after-source',
  level: 'note',
  title: 'Go modules downloaded after the source is copied',
  rationale:
    'Docker reuses a layer only while everything copied before it is unchanged. When the modules are downloaded after `COPY . .`, every source change — every commit — downloads every module again: slower builds, more load on the module proxy, and a build that depends on the proxy being reachable for changes that did not touch a dependency. Downloading in a layer that only depends on go.mod and go.sum makes dependency changes the only trigger, and keeps the module set a reviewed, reproducible input.',
  remediation:
    'Copy the module files first and download in their own layer: `COPY go.mod go.sum ./`, `RUN go mod download`, then `COPY . .` and `RUN go build …`. With BuildKit, a cache mount keeps the modules across builds whatever the order: `RUN --mount=type=cache,target=/go/pkg/mod go build …`. A repository that vendors its modules (vendor/modules.txt beside go.mod, `go` 1.14 or later) downloads nothing when it builds, and is not reported when that go.mod is in the Dockerfile\'s directory or above it, within the scan root (merlint reads it even when only the Dockerfile is named); `-mod=vendor` (or `ENV GOFLAGS=-mod=vendor`) says so in the Dockerfile itself. A module whose go.mod requires no other module has nothing to download and is not reported either, except for `go mod tidy`.',
  kinds: ['dockerfile'],
  tags: ['go', 'build-performance', 'reproducibility'],
  check({ document, workspace, report }) {
    for (const { command, verb, sourceCopy, cache } of moduleLoadsAfterSource(document, moduleAround(workspace.dockerfile, document.file.path))) {
      const words = `\`${spanText(command, verb)}\``;
      const copied = `\`${copyText(sourceCopy)}\` (line ${sourceCopy.range.start.line})`;
      const message =
        verb.value === 'download'
          ? `${words} runs after ${copied} copies the source, so every source change invalidates this layer and downloads all modules again; copy only go.mod and go.sum before it, or mount a cache on ${cache} for this RUN`
          : `${words} downloads all modules after ${copied} copies the source, so every source change downloads them again; run \`go mod download\` after copying only go.mod and go.sum, or mount a cache on ${cache} for this RUN`;
      report(spanTo(command, verb), message, { related: [{ path: document.file.path, range: sourceCopy.range, message: 'the source is copied here' }] });
    }
  },
});

interface ModuleLoad {
  command: ShellCommand;
  verb: Word;
  sourceCopy: CopyInstruction;
  /** The module cache directory, for the message. */
  cache: string;
}

/** What the go.mod around the Dockerfile says, asked only of a command that would download, as the answers read files. */
interface ModuleAround {
  vendors(): boolean;
  requiresModules(): boolean;
}

function moduleAround(model: DockerfileModel, dockerfilePath: string): ModuleAround {
  return { vendors: () => model.vendorsModules(dockerfilePath), requiresModules: () => model.requiresModules(dockerfilePath) };
}

/** What the build history so far has done with the source and the modules. */
interface ModuleHistory {
  /** The copies so far that bring in more than module files. */
  sourceCopies: readonly CopyInstruction[];
  modulesPresent: boolean;
  // Copying only .go files brings no go.mod: such a build uses the standard library alone and downloads nothing.
  goModCopied: boolean;
  /** Build-context directories whose go.mod was copied by name (`''` for `COPY go.mod .`). */
  goModDirectories: readonly string[];
}

/**
 * The go commands that download the modules into a layer after the source was copied. A stage
 * continues the history of the stage it is built FROM. Modules downloaded into a cache mount are not
 * in the layer, so a later command without the mount downloads again.
 */
function moduleLoadsAfterSource(document: DockerfileDocument, module: ModuleAround): ModuleLoad[] {
  if (!runsGo(document)) return [];
  const loads: ModuleLoad[] = [];
  const stageEnds: ModuleHistory[] = [];
  for (const stage of document.stages) {
    const parent = stage.from.image.stage;
    const history = parent === undefined ? { sourceCopies: [], modulesPresent: false, goModCopied: false, goModDirectories: [] } : { ...stageEnds[parent]! };
    for (const instruction of stage.instructions) {
      const load = follow(document, history, instruction, module);
      if (load) loads.push(load);
    }
    stageEnds.push(history);
  }
  return loads;
}

/** Moves the history past the instruction; returns the module download it makes after the source copy, if any. */
function follow(document: DockerfileDocument, history: ModuleHistory, instruction: Instruction, module: ModuleAround): ModuleLoad | undefined {
  const caches = moduleCaches(instruction.environment);
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    if (instruction.from) {
      const destination = instruction.destination?.value;
      history.modulesPresent ||= destination !== undefined && caches.some((directory) => mayHoldModules(document, instruction, destination, directory));
      return undefined;
    }
    if (copiesSource(instruction)) history.sourceCopies = [...history.sourceCopies, instruction];
    history.goModCopied ||= instruction.sources.some(({ value }) => !value.endsWith('.go'));
    history.goModDirectories = [...history.goModDirectories, ...goModDirectories(instruction)];
    return undefined;
  }
  if (instruction.keyword !== 'RUN' || history.modulesPresent || !history.goModCopied) return undefined;
  if (!instruction.script.mayHold(GO_COMMAND) || caches.some((directory) => mountOver(instruction, directory, instruction.environment))) return undefined;
  for (const command of instruction.commands) {
    const download = goVerb(command, 'mod', 'download');
    const verb = download ?? moduleLoader(instruction, command, module.vendors);
    // A module that requires none has nothing to download; `go mod tidy` still adds what the source imports.
    if (!verb || (verb.value !== 'tidy' && !module.requiresModules())) continue;
    history.modulesPresent = true;
    const sourceCopy = history.sourceCopies.find((copy) => !(download && copiesLocalModules(copy, history.goModDirectories)));
    return sourceCopy && { command, verb, sourceCopy, cache: caches[0]! };
  }
  return undefined;
}

/**
 * The verb of a go command that loads the main module's dependencies: not `go install tool@version`, not a
 * vendored build (`-mod=vendor`, or a module that vendors, where that is the default; `go mod tidy` still downloads).
 */
function moduleLoader(run: RunInstruction, command: ShellCommand, vendored: () => boolean): Word | undefined {
  const verb = MODULE_LOADERS.map((verbs) => goVerb(command, ...verbs)).find((word) => word !== undefined);
  if (!verb) return undefined;
  const words = command.words.map((word) => word.value);
  const goflags = shellVariable(run, command, 'GOFLAGS') ?? run.environment.get('GOFLAGS') ?? '';
  if (words.includes('-mod=vendor') || goflags.includes('-mod=vendor')) return undefined;
  if (verb.value !== 'tidy' && !words.includes('-mod=mod') && !goflags.includes('-mod=mod') && vendored()) return undefined;
  if (verb.value === 'install' && words.some((word) => /^[^-].*@/.test(word))) return undefined;
  return verb;
}

/** Where the go command keeps downloaded modules: GOMODCACHE, else GOPATH/pkg/mod (`/go` in the golang images, `~/go` elsewhere). */
function moduleCaches(environment: Environment): string[] {
  const gomodcache = environment.get('GOMODCACHE');
  if (gomodcache) return [gomodcache];
  const gopath = environment.get('GOPATH');
  return gopath ? gopath.split(':').map((path) => `${path}/pkg/mod`) : ['/go/pkg/mod', '/root/go/pkg/mod'];
}

/**
 * Whether a COPY --from to `destination` may write the module cache at `directory`: a relative destination is under the WORKDIR, and
 * where that is the image's own, unknown, may be the cache where some directory joined to it is (pathMayCover), looked up only then.
 */
function mayHoldModules(document: DockerfileDocument, copy: Instruction, destination: string, directory: string): boolean {
  if (!pathMayCover(destination, directory)) return false;
  const path = absolutePath(document, copy, destination);
  return !path.startsWith('/') || pathCovers(path, directory);
}

/**
 * Whether a COPY brings in more than the module files: go.mod, go.sum, go.work (and globs of them),
 * dotfiles such as .gitconfig, certificates, Makefiles, remote files, and system configuration under
 * /etc or /usr do not count, as they change about as rarely as the module files; nor do patches, which
 * are applied to source fetched in a RUN (tianon/dockerfiles clones buildkit), not the module's source,
 * nor archives COPY brings in packed (ADD unpacks a local tarball), such as a release of some other
 * project unpacked and built in a RUN (koordinator's libpfm).
 */
function copiesSource(copy: CopyInstruction): boolean {
  if (copy.destination && /^\/(?:etc|usr)(?:\/|$)/.test(copy.destination.value)) return false;
  return copy.sources.some(({ value }) => {
    const name = withoutTrailingSlashes(value).split('/').pop() ?? '';
    const moduleFile = name.startsWith('go.') && /^go\.(?:mod\*?|sum|work(?:\.sum)?|\*|\[[^\]]*\]\*?)$/.test(name);
    const configuration = (name.startsWith('.') && name !== '.' && name !== '..') || /\.(?:pem|crt|cer|mk|patch|diff)$|^(?:GNU)?[Mm]akefile$/.test(name);
    return !moduleFile && !configuration && !(copy.keyword === 'COPY' && ARCHIVE.test(name)) && !(value.includes('://') && /^[a-z]+:\/\//.test(value));
  });
}

/** A packed release: a tarball, a zip, a Java or Python package, a Linux package. */
const ARCHIVE = /\.(?:tar(?:\.(?:gz|bz2|xz|zst))?|tgz|tbz2?|txz|zip|jar|whl|deb|rpm|apk)$/;

/** The context directories a COPY takes a go.mod from by name: `COPY go.mod go.sum ./` gives `''`, `COPY src/go.mod src/` gives `src`. */
function goModDirectories(copy: CopyInstruction): string[] {
  return copy.sources.map(({ value }) => contextPath(value)).flatMap((path) => (path === 'go.mod' || path.endsWith('/go.mod') ? [path.slice(0, -'go.mod'.length).replace(/\/$/, '')] : []));
}

/**
 * Whether a COPY before `go mod download` only brings in directories beside the main module's go.mod, when that
 * go.mod was copied by name: such an author is keeping the download in its own layer, and copies those
 * directories first because the download needs them, as the local modules of `replace example.com/api => ./api`.
 */
function copiesLocalModules(copy: CopyInstruction, goModDirectories: readonly string[]): boolean {
  if (goModDirectories.length === 0) return false;
  return copy.sources.every(({ value }) => {
    const path = contextPath(value);
    const directory = path !== '' && !/[*?[]/.test(path) && !/\.[^/]*$/.test(path);
    return directory && !goModDirectories.some((module) => module === path || module.startsWith(`${path}/`));
  });
}

/** A source path relative to the build context, without `./` and trailing slashes: `./api/` is `api`, `.` is `''`. */
function contextPath(value: string): string {
  let path = value;
  while (path.startsWith('./')) path = path.slice(2);
  path = withoutTrailingSlashes(path);
  return path === '.' ? '' : path;
}

function copyText(copy: CopyInstruction): string {
  return [copy.keyword, ...copy.sources.map((word) => word.value), copy.destination?.value].filter(Boolean).join(' ');
}
