import { posix } from 'node:path';
import type { DocumentBase, Range } from '../../types.js';
import { globToRegExp } from '../../glob.js';
import { PersistentMap } from '../../persistent-map.js';
import { baseName, fromProgram } from '../../shell/commands.js';
import { SLASH } from '../../character-codes.js';
import { CommandWords } from '../../shell/command-words.js';
import { isWindowsImage, windowsDefaultUser } from '../../shell/images.js';
import type { RunScript } from './run-script.js';
import { isPattern, referenceAt, type VariableReference } from '../../variable-references.js';

/** A token of the Dockerfile with its value as Docker would see it (quotes removed). */
export interface Word {
  value: string;
  range: Range;
}

export interface Flag {
  name: string;
  value: string | null;
  range: Range;
  valueRange: Range | null;
}

export interface ShellCommand {
  /** Leading `NAME=value` words, which set the environment of this command only. */
  assignments: Word[];
  words: Word[];
  /** How many reserved words, wrappers and wrapper options come before the program word (all the words when there is none). */
  programIndex: number;
  /** Redirections: `>` / `>>` and the file written, `<` and the file read … */
  redirects: Redirect[];
  range: Range;
  /** The command before this one in its pipeline, whose output this one reads. */
  pipedFrom?: ShellCommand | undefined;
}

export interface Redirect {
  operator: string;
  /** The descriptor number written before the operator (`2>`), when there is one. */
  descriptor: number | undefined;
  target: Word;
  /** What a heredoc or here-string gives the command to read. */
  text?: string;
}

export interface Mount {
  type: string;
  target: string | undefined;
  /** The `from=` option: a stage name or an image to mount from. */
  from: Word | undefined;
  range: Range;
}

interface InstructionBase {
  keyword: string;
  range: Range;
  keywordRange: Range;
  flags: Flag[];
  /** Arguments after the flags, as written. */
  args: Word[];
  stageIndex: number;
  /** Variables in effect when the instruction runs. */
  environment: Environment;
}

export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  /** The simple commands the shell would run, including those of a heredoc script; lexed when first read. */
  readonly commands: ShellCommand[];
  /** Asked whether the commands may hold a word a reader looks for, before they are lexed. */
  readonly script: RunScript;
  mounts: Mount[];
}

export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  from: Word | undefined;
  /** The paths (or ADD's URLs) copied from the build context, or from the stage or image `from` names; not the here-documents. */
  sources: Word[];
  /** The files written from here-documents (`COPY <<EOF /etc/app.conf`), one for each `<<NAME` source, as BuildKit makes them. */
  texts: CopiedText[];
  destination: Word | undefined;
}

/** A file a COPY or ADD writes from a here-document. */
export interface CopiedText {
  /** The file's name, the here-document's (no `<<`, `-` or quotes), at its `<<NAME` word. */
  name: Word;
  /**
   * The text BuildKit writes: the body's lines up to the delimiter line, each with its line break, leading tabs removed
   * after `<<-`, expanded unless the name is quoted (copied-text.ts).
   */
  text: string;
  /** The text's lines without their line breaks, each at the body line it is written on. */
  lines: Word[];
  /**
   * The commands of a shell script (its `#!` line names a shell) that no RUN, CMD or ENTRYPOINT of the Dockerfile runs,
   * at their places in the Dockerfile, lexed when first read; none for another file, or for a script an instruction runs,
   * whose commands are that instruction's (copied-scripts.ts). A container runs them only if the image holds the script
   * (`containerScriptCommands`).
   */
  readonly commands: ShellCommand[];
}

/**
 * The commands of a shell script a COPY or ADD writes from a here-document that a container may run: `copied.commands` where
 * the image the Dockerfile builds may hold the script (imageFiles), none in a build stage the image leaves behind, nor in a
 * Windows image, which has no POSIX shell to run it.
 */
export function containerScriptCommands(document: DockerfileDocument, copy: CopyInstruction, copied: CopiedText): ShellCommand[] {
  const shipped = imageFiles(document).get(copy.stageIndex);
  if (shipped === undefined || buildsWindowsImage(document)) return [];
  const path = copiedTextPath(document, copy, copied);
  // A relative path lies under a WORKDIR merlint does not know, so any source may hold it.
  const held = shipped === 'all' || path === undefined || !path.startsWith('/') || shipped.some((source) => holds(source, path));
  return held ? copied.commands : [];
}

function buildsWindowsImage(document: DockerfileDocument): boolean {
  const final = document.stages[document.stages.length - 1];
  const base = final && stageLineage(document, final).at(-1)!.from.image;
  return base?.resolved !== undefined && isWindowsImage(base.resolved);
}

/** The files of a stage the image may hold: all of them, or those under the sources COPY --from copies from it. */
type StageFiles = 'all' | string[];

const imageFileMaps = new WeakMap<DockerfileDocument, ReadonlyMap<number, StageFiles>>();

/**
 * Which files of each stage the image the Dockerfile builds (its last stage) may hold: all of those of that stage and of the stages
 * it is built FROM; of a stage (and those it is built FROM) that a COPY --from of such a stage, or of one so copied from, copies
 * from, those under its sources. A stage missing from the map is left behind.
 */
function imageFiles(document: DockerfileDocument): ReadonlyMap<number, StageFiles> {
  let files = imageFileMaps.get(document);
  if (files) return files;
  const found = new Map<number, StageFiles>();
  const final = document.stages[document.stages.length - 1];
  const pending = final ? stageLineage(document, final) : [];
  for (const stage of pending) found.set(stage.index, 'all');
  for (let stage = pending.pop(); stage; stage = pending.pop()) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' || !instruction.from) continue;
      const source = stageNamed(document, instruction.from.value);
      for (const copied of source ? stageLineage(document, source) : []) {
        const known = found.get(copied.index);
        if (known === undefined) pending.push(copied);
        if (known !== 'all') found.set(copied.index, [...(known ?? []), ...instruction.sources.map((word) => word.value)]);
      }
    }
  }
  imageFileMaps.set(document, (files = found));
  return files;
}

/** Whether a COPY --from source (relative to the stage's root) may copy the file at an absolute path: itself or a directory above it, or any where it holds a variable or a wildcard. */
function holds(source: string, path: string): boolean {
  if (/[$*?[]/.test(source)) return true;
  return isAtOrUnder(posix.normalize(`/${source}`).replace(/(?<=.)\/+$/, ''), path);
}

/** Whether the absolute path `path` is `directory` (absolute, no trailing slash but the root's) or under it. */
export function isAtOrUnder(directory: string, path: string): boolean {
  return path === directory || path.startsWith(directory === '/' ? '/' : `${directory}/`);
}

/**
 * Where a COPY or ADD puts a file written from a here-document: in the destination directory under its own name when the
 * destination ends with `/`, is `.` (BuildKit's working directory), or the instruction copies more than one source (which
 * BuildKit needs a directory for), else at the destination; a relative one under the working directory, where that is known (absolutePath).
 */
export function copiedTextPath(document: DockerfileDocument, copy: CopyInstruction, copied: CopiedText): string | undefined {
  const written = copy.destination?.value;
  if (written === undefined) return undefined;
  const destination = written === '.' ? './' : written;
  const path = destination.endsWith('/') ? destination + copied.name.value : copy.sources.length + copy.texts.length > 1 ? `${destination}/${copied.name.value}` : destination;
  return absolutePath(document, copy, path);
}

/** A path an instruction names, under the working directory it runs in where it is relative and that is known (workingDirectoryOf); as written otherwise. */
export function absolutePath(document: DockerfileDocument, instruction: Instruction, path: string): string {
  if (path.startsWith('/')) return path;
  const directory = workingDirectoryOf(document, instruction);
  return directory === undefined ? path : posix.resolve(directory, path);
}

/**
 * The working directory an instruction runs in: `/` in scratch; unknown (undefined) in an image built elsewhere, whose own
 * configuration may set one (golang's is /go), until a WORKDIR sets an absolute one; a stage built FROM another starts in the
 * one that stage leaves.
 */
export function workingDirectoryOf(document: DockerfileDocument, instruction: Instruction): string | undefined {
  const lineage = stageLineage(document, document.stages[instruction.stageIndex]!).reverse();
  let directory = startingDirectory(lineage[0]!);
  for (const stage of lineage) {
    for (const earlier of stage.instructions) {
      if (earlier === instruction) return directory;
      directory = workingDirectoryAfter(earlier, directory);
    }
  }
  return directory;
}

/** The working directory a stage built FROM an image starts in: `/` in scratch; unknown in an image built elsewhere, whose configuration may set one. */
export function startingDirectory(stage: Stage): string | undefined {
  return isScratch(stage.from.image) ? '/' : undefined;
}

export interface KeyValue {
  name: string;
  /** null when no value is given (`ARG NAME`). */
  value: string | null;
  nameRange: Range;
  valueRange: Range | null;
  range: Range;
}

export interface EnvInstruction extends InstructionBase {
  keyword: 'ENV' | 'ARG';
  pairs: KeyValue[];
}

export interface UserInstruction extends InstructionBase {
  keyword: 'USER';
  user: Word | undefined;
}

/** CMD and ENTRYPOINT: what the container runs when it starts. */
export interface StartInstruction extends InstructionBase {
  keyword: 'CMD' | 'ENTRYPOINT';
  /** The commands of the shell form, or the one command of the exec form, with those of a `sh -c` script in either; lexed when first read. */
  readonly commands: ShellCommand[];
  /** Asked whether the commands may hold a word a reader looks for, before they are lexed. */
  readonly script: RunScript;
}

export interface OtherInstruction extends InstructionBase {
  keyword: 'EXPOSE' | 'HEALTHCHECK' | 'LABEL' | 'MAINTAINER' | 'ONBUILD' | 'SHELL' | 'STOPSIGNAL' | 'VOLUME' | 'WORKDIR';
}

export interface ImageReference {
  /** The image as written, before build-argument substitution. */
  written: string;
  /** After substituting the defaults of ARGs declared before the first FROM; undefined if an ARG has no default. */
  resolved: string | undefined;
  /**
   * Repository path without registry host, e.g. `library/golang` is given as `golang`.
   * This and the other parts are undefined when absent, and also when they use an ARG without a
   * default (then `resolved` is undefined too): `golang:${GO_VERSION}` has repository `golang`, tag undefined.
   */
  repository: string | undefined;
  registry: string | undefined;
  tag: string | undefined;
  digest: string | undefined;
  /**
   * Whether the reference names neither a tag nor a digest, whatever its ARGs without a default hold: `${REGISTRY}/alpine`
   * names none, `alpine${VARIANT}` may.
   */
  untagged: boolean;
  range: Range;
  /** Index of the earlier stage this name refers to, when it names a stage rather than an image. */
  stage: number | undefined;
}

export interface FromInstruction extends InstructionBase {
  keyword: 'FROM';
  image: ImageReference;
  stageName: Word | undefined;
}

export type Instruction = RunInstruction | CopyInstruction | EnvInstruction | UserInstruction | FromInstruction | StartInstruction | OtherInstruction;

export interface Stage {
  index: number;
  /** Lower-cased, as Docker matches stage names case-insensitively. */
  name: string | undefined;
  from: FromInstruction;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface DockerfileDocument extends DocumentBase {
  kind: 'dockerfile';
  escapeCharacter: string;
  /** ARGs declared before the first FROM. */
  globalArgs: EnvInstruction[];
  stages: Stage[];
  /** Named stages by lower-cased name; of two stages with one name, the first. */
  stagesByName: Map<string, Stage>;
}

/**
 * Variables from ENV and ARG, those set in the stages a stage is built FROM included. A value is null
 * when it is a build argument without a default, known only at build time, or one whose default could
 * not be expanded.
 */
export type Environment = PersistentMap<string | null>;

export const EMPTY_ENVIRONMENT: Environment = PersistentMap.empty();

/**
 * The defaults of the ARGs declared before the first FROM, which FROM and an ARG in a stage may take over,
 * expanded; null for a default that could not be expanded. An ARG without a default is not in the map.
 */
export function globalArgDefaults(globalArgs: readonly EnvInstruction[]): Map<string, string | null> {
  const defaults = new Map<string, string | null>();
  let earlier = EMPTY_ENVIRONMENT;
  for (const { name, value } of globalArgs.flatMap((arg) => arg.pairs)) {
    // A default may use the global ARGs declared before it (`ARG BASE_IMAGE=$REGISTRY/app`); one that uses others is unknown.
    const expanded = value === null ? null : expand(value, earlier, null);
    if (value === null) defaults.delete(name);
    else defaults.set(name, expanded);
    earlier = earlier.set(name, expanded);
  }
  return defaults;
}

/** The environment after the instruction has run: an ENV or ARG sets its variables, expanding what they refer to. */
export function environmentAfter(instruction: Instruction, globalDefaults: ReadonlyMap<string, string | null>): Environment {
  if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return instruction.environment;
  let environment = instruction.environment;
  for (const pair of instruction.pairs) {
    const inherited = instruction.keyword === 'ARG' ? (globalDefaults.get(pair.name) ?? null) : null;
    environment = environment.set(pair.name, pair.value === null ? inherited : expand(pair.value, environment));
  }
  return environment;
}

export function finalStage(document: DockerfileDocument): Stage | undefined {
  return document.stages[document.stages.length - 1];
}

/** The stage itself followed by the stages it is built FROM, nearest first. */
export function stageLineage(document: DockerfileDocument, stage: Stage): Stage[] {
  const lineage: Stage[] = [stage];
  let parent = stage.from.image.stage;
  while (parent !== undefined && parent < lineage[lineage.length - 1]!.index) {
    const next = document.stages[parent]!;
    lineage.push(next);
    parent = next.from.image.stage;
  }
  return lineage;
}

const baseImages = new WeakMap<Stage, ImageReference>();

/** The external image a stage ultimately builds on (following `FROM <stage>`); remembered for every stage on the way. */
export function baseImage(document: DockerfileDocument, stage: Stage): ImageReference {
  const walked: Stage[] = [];
  let current = stage;
  let base = baseImages.get(current);
  while (!base) {
    walked.push(current);
    const parent = current.from.image.stage;
    if (parent === undefined || parent >= current.index) base = current.from.image;
    else base = baseImages.get((current = document.stages[parent]!));
  }
  for (const each of walked) baseImages.set(each, base);
  return base;
}

export function isScratch(image: ImageReference): boolean {
  return image.resolved?.toLowerCase() === 'scratch';
}

export function instructionsOf<K extends Instruction['keyword']>(stage: Stage, keyword: K): Extract<Instruction, { keyword: K }>[] {
  return stage.instructions.filter((instruction): instruction is Extract<Instruction, { keyword: K }> => instruction.keyword === keyword);
}

/** The command's words from the program on, after reserved words and wrappers (`then sudo -u app …`), so `words[0]` is the program. */
export function programWords(command: ShellCommand): readonly Word[] {
  return command.programIndex === 0 ? command.words : command.words.slice(command.programIndex);
}

/** How many reserved words, wrappers and wrapper options come before the program word (all of them when there is none). */
export function wordsBeforeProgram(words: readonly Word[]): number {
  return words.length - fromProgram(words).length;
}

/** The program name without its directory (`/sbin/apk` is `apk`). */
export function programName(command: ShellCommand): string | undefined {
  return baseName(command.words[command.programIndex]?.value);
}

/** Words of a command that are not options (do not start with `-`), after the program. */
export function operands(command: ShellCommand): Word[] {
  return programWords(command).slice(1).filter((word) => !word.value.startsWith('-'));
}

export function hasOption(command: ShellCommand, ...names: string[]): boolean {
  return programWords(command).some((word) => names.some((name) => word.value === name || word.value.startsWith(`${name}=`)));
}

/** Range from the program word to the given word, e.g. `apk add`. */
export function spanTo(command: ShellCommand, last: Word): Range {
  return { start: command.words[command.programIndex]!.range.start, end: last.range.end };
}

/**
 * The repository name BuildKit refuses in a base image written without build arguments, as distribution/reference's
 * ParseNormalizedNamed names it (`library/BASEIMAGE`): one with an upper-case letter ("repository name must be lowercase"),
 * such as a placeholder a script replaces before the build. The first part before a `/` is a registry host when it holds
 * `.` or `:`, is `localhost`, or holds an upper-case letter; a name without a host is Docker Hub's, under `library/` when it has one part.
 */
export function refusedRepositoryName(image: ImageReference): string | undefined {
  if (image.stage !== undefined || image.written.includes('$')) return undefined;
  const slash = image.written.indexOf('/');
  const first = image.written.slice(0, Math.max(0, slash));
  const hasHost = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  const path = hasHost ? image.written.slice(slash + 1) : image.written;
  const repository = (path.includes('/') || (hasHost && !isDockerHub(first)) ? path : `library/${path}`).split(':')[0]!;
  return repository.toLowerCase() === repository ? undefined : repository;
}

function isDockerHub(host: string): boolean {
  return host === 'docker.io' || host === 'index.docker.io';
}

/** Splits `registry/repo/name:tag@sha256:…` into its parts; Docker Hub's `docker.io/library/` prefix is dropped. */
export function splitImage(reference: string | undefined): Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'> {
  if (reference === undefined) return { registry: undefined, repository: undefined, tag: undefined, digest: undefined };
  const [withoutDigest, digest] = reference.split('@', 2) as [string, string | undefined];
  const slash = withoutDigest.indexOf('/');
  const first = slash === -1 ? '' : withoutDigest.slice(0, slash);
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let rest = hasRegistry ? withoutDigest.slice(slash + 1) : withoutDigest;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  if (tag !== undefined) rest = rest.slice(0, colon);
  const registry = hasRegistry ? first : undefined;
  const dockerHub = registry === undefined || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
  const repository = dockerHub && rest.startsWith('library/') ? rest.slice('library/'.length) : rest;
  return { registry: dockerHub ? undefined : registry, repository: repository.toLowerCase(), tag, digest };
}

/** Go build toolchain images: Docker Hub's `golang` (and mirrors of it), Chainguard's `go`, Red Hat's `go-toolset`. */
export function isGoToolchain(image: ImageReference): boolean {
  const name = image.repository?.slice(image.repository.lastIndexOf('/') + 1);
  return name === 'golang' || name === 'go-toolset' || (name === 'go' && image.registry === 'cgr.dev');
}

/**
 * Whether the image matches one of the configured globs (see `globToRegExp`), as written or as
 * Docker names it (`golang` for `docker.io/library/golang`), with or without its tag and digest.
 */
export function matchesImagePattern(image: ImageReference, patterns: readonly string[]): boolean {
  if (patterns.length === 0 || image.resolved === undefined || image.repository === undefined) return false;
  const tag = image.tag === undefined ? '' : `:${image.tag}`;
  const digest = image.digest === undefined ? '' : `@${image.digest}`;
  const written = image.resolved.slice(0, image.resolved.length - tag.length - digest.length);
  const canonical = image.registry === undefined ? image.repository : `${image.registry}/${image.repository}`;
  const forms = [written, canonical].flatMap((name) => [name, name + tag, name + tag + digest]);
  return patterns.some((pattern) => {
    const glob = globToRegExp(pattern);
    return forms.some((form) => glob.test(form));
  });
}

/** The user a Windows image runs as without a USER (ContainerUser on Nano Server, else ContainerAdministrator); undefined for another image. */
export function windowsUserOf(image: ImageReference): 'ContainerUser' | 'ContainerAdministrator' | undefined {
  return image.resolved === undefined ? undefined : windowsDefaultUser(image.resolved);
}

/** The image as a message names it: resolved where possible, without its digest. */
export function imageLabel(image: ImageReference): string {
  return (image.resolved ?? image.written).split('@')[0]!;
}

/** The earlier stage a `COPY --from` or `FROM` reference names, by stage name (case-insensitive) or index; undefined for an external image. */
export function stageNamed(document: DockerfileDocument, reference: string): Stage | undefined {
  if (/^\d+$/.test(reference)) return document.stages[Number(reference)];
  return document.stagesByName.get(reference.toLowerCase());
}

/** Instructions in build order: those of the parent stages first, then the stage's own. */
export function buildHistory(document: DockerfileDocument, stage: Stage): Instruction[] {
  return stageLineage(document, stage).reverse().flatMap((ancestor) => ancestor.instructions);
}

/**
 * The working directory after the instruction, from the one before it: a WORKDIR sets it, relative to the one before unless
 * absolute, with its variables expanded; undefined once it is unknown (a build argument without a default), or longer than
 * Linux's PATH_MAX, where the build fails (and a chain of relative WORKDIRs would otherwise grow it without end).
 */
export function workingDirectoryAfter(instruction: Instruction, before: string | undefined): string | undefined {
  if (instruction.keyword !== 'WORKDIR') return before;
  const path = expand(instruction.args.map((word) => word.value).join(' '), instruction.environment);
  return path === null || path === '' ? undefined : directoryAt(before, path);
}

/** The directory a path names from `before`, absolute or relative to it; undefined where `before` is unknown, or past PATH_MAX. */
export function directoryAt(before: string | undefined, path: string): string | undefined {
  const directory = path.startsWith('/') ? posix.resolve(path) : before === undefined ? undefined : posix.resolve(before, path);
  return directory !== undefined && directory.length < PATH_MAX ? directory : undefined;
}

/** Linux's longest path, its terminating NUL included. */
const PATH_MAX = 4096;

/** `ENV A=$A$A` doubles A each time: values that would take in more substituted text than this are left unknown. */
const LONGEST_SUBSTITUTION = 65536;

/** A variable's value for an expansion: its text when set, undefined when unset, null when only the build knows it. */
export type VariableValue = string | null | undefined;

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alternative}` as Docker does in ENV and ARG
 * (an unset variable is empty, or `undeclared`); null when a value it uses is unknown (a pattern substitution
 * included), or when the substitutions grow too long to follow.
 */
export function expand(text: string, environment: Environment, undeclared: VariableValue = undefined): string | null {
  let substituted = 0;
  const valueOf = (name: string): VariableValue => {
    const found = environment.get(name);
    const value = found === undefined ? undeclared : found;
    if (typeof value === 'string' && (substituted += value.length) > LONGEST_SUBSTITUTION) return null;
    return value;
  };
  return replaceVariables(text, valueOf, '') ?? null;
}

/** Modifier words nested deeper than this (`${A:+${B:+…}}`) are not expanded: their value is unknown, as each level is read again. */
const DEEPEST_WORD = 64;

/** What BuildKit's lexer reads after a name in `${…}`: a `${NAME:=word}` or `${NAME:?word}` is left as written. */
const BUILDKIT_OPERATORS: ReadonlySet<VariableReference['operator']> = new Set(['', '-', '+', '#', '%', '/']);

/**
 * Replaces each `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` (with or without the colon) by its
 * value as `valueOf` gives it; an unset variable without a modifier gives `unset` (the empty text in ENV and
 * ARG; undefined, unknown, on a FROM line). A modifier's word is expanded in turn when it is taken
 * (`${REGISTRY:+${REGISTRY}/}alpine`), as BuildKit's shell lexer does. Undefined when a value used is unknown
 * (null), or for a pattern substitution, which merlint does not evaluate.
 */
export function replaceVariables(text: string, valueOf: (name: string) => VariableValue, unset: '' | undefined, depth = 0): string | undefined {
  if (!text.includes('$')) return text;
  if (depth > DEEPEST_WORD) return undefined;
  let result = '';
  let from = 0;
  for (let dollar = text.indexOf('$'); dollar !== -1; dollar = text.indexOf('$', dollar + 1)) {
    const reference = referenceAt(text, dollar);
    if (!reference || !BUILDKIT_OPERATORS.has(reference.operator)) continue;
    const replaced = isPattern(reference) ? undefined : valueWithModifier(reference, valueOf, unset, depth);
    if (replaced === undefined) return undefined;
    result += text.slice(from, dollar) + replaced;
    from = reference.end;
    dollar = reference.end - 1;
  }
  return result + text.slice(from);
}

/**
 * What `${NAME:-word}` (`word` when NAME is unset or empty) or `${NAME:+word}` (`word` when it is set and not
 * empty) gives, and without the colon `${NAME-word}` (when unset) or `${NAME+word}` (when set), as BuildKit's
 * shell lexer reads them; without a modifier, the value.
 */
function valueWithModifier(reference: VariableReference, valueOf: (name: string) => VariableValue, unset: '' | undefined, depth: number): string | undefined {
  const value = valueOf(reference.name);
  if (value === null) return undefined;
  const isSet = value !== undefined && !(reference.colon && value === '');
  const word = () => replaceVariables(reference.word, valueOf, unset, depth + 1);
  if (reference.operator === '-') return isSet ? value : word();
  if (reference.operator === '+') return isSet ? word() : '';
  return value ?? unset;
}

/**
 * The value the RUN's own shell gives `name` for `command`: a `NAME=value` prefix, `env NAME=value`,
 * or an earlier `export NAME=value` in the same RUN. A plain `NAME=value;` is not exported, so it does
 * not reach the program unless a later `export NAME` exports it. Undefined when the RUN does not set it.
 */
export function shellVariable(run: RunInstruction, command: ShellCommand, name: string): string | undefined {
  const wrappers = command.words.slice(0, command.programIndex);
  const prefix = [...command.assignments, ...wrappers].reverse().find((word) => word.value.startsWith(`${name}=`));
  if (prefix) return prefix.value.slice(name.length + 1);
  return exportsOf(run, name).get(command);
}

const exportsByRun = new WeakMap<RunInstruction, Map<string, Map<ShellCommand, string | undefined>>>();

/** For each command of the RUN, the value of `name` that earlier commands exported; worked out once per RUN and name. */
function exportsOf(run: RunInstruction, name: string): Map<ShellCommand, string | undefined> {
  let byName = exportsByRun.get(run);
  if (!byName) exportsByRun.set(run, (byName = new Map()));
  let exports = byName.get(name);
  if (!exports) byName.set(name, (exports = followExports(run, name)));
  return exports;
}

function followExports(run: RunInstruction, name: string): Map<ShellCommand, string | undefined> {
  const exports = new Map<ShellCommand, string | undefined>();
  let exported: string | undefined;
  let assigned: string | undefined;
  for (const command of run.commands) {
    exports.set(command, exported);
    if (command.words.length === 0) assigned = command.assignments.find((word) => word.value.startsWith(`${name}=`))?.value.slice(name.length + 1) ?? assigned;
    if (command.words[0]?.value === 'unset' && command.words.some((word) => word.value === name)) exported = assigned = undefined;
    if (command.words[0]?.value !== 'export') continue;
    for (const word of command.words.slice(1)) {
      if (word.value === name) exported = assigned;
      else if (word.value.startsWith(`${name}=`)) exported = word.value.slice(name.length + 1);
    }
  }
  return exports;
}

/** The program of a command that runs the go command. */
export const GO_COMMAND = CommandWords.programs('go');

const goRunning = new WeakMap<DockerfileDocument, boolean>();

/** Whether a RUN of the document runs the go command, which go builds and module downloads need; worked out once per document. */
export function runsGo(document: DockerfileDocument): boolean {
  let runs = goRunning.get(document);
  if (runs === undefined) {
    runs = document.stages.some((stage) => stage.instructions.some((instruction) => instruction.keyword === 'RUN' && instruction.script.mayHold(GO_COMMAND) && instruction.commands.some((command) => programName(command) === 'go')));
    goRunning.set(document, runs);
  }
  return runs;
}

/** `go <verbs…>`: the last verb word (`download` of `go mod download`), or undefined when the command is something else. */
export function goVerb(command: ShellCommand, ...verbs: string[]): Word | undefined {
  if (programName(command) !== 'go') return undefined;
  let rest = programWords(command).slice(1);
  if (rest[0]?.value === '-C') rest = rest.slice(2);
  return verbs.every((verb, i) => rest[i]?.value === verb) ? rest[verbs.length - 1] : undefined;
}

/** The programs that change the shell's working directory. */
export const CHANGES_DIRECTORY: ReadonlySet<string> = new Set(['cd', 'pushd', 'popd']);

/** A path without trailing `/` or `/*`, so `/var/lib/apt/lists/*` and `/var/lib/apt/lists/` name the same directory. */
export function directoryOf(path: string): string {
  return withoutTrailingSlashes(path.endsWith('/*') ? path.slice(0, -1) : path) || '/';
}

/** `path` without the slashes it ends with. */
export function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  return path.slice(0, end);
}

/** Whether `outer` is `inner` or one of its parent directories; `/` is not counted, as it says nothing about where a file lives. */
export function pathCovers(outer: string, inner: string): boolean {
  const parent = directoryOf(outer);
  const child = directoryOf(inner);
  return parent !== '/' && (child === parent || child.startsWith(`${parent}/`));
}

/**
 * Whether `outer` may be the absolute path `inner` or a parent directory of it: as pathCovers says for an absolute one; for a relative
 * one, under a working directory merlint does not know, where some directory joined to it is (`pkg/mod` may be /go/pkg/mod, `app` no
 * parent of it), and always with `..` in it. The working directory itself (`.`) is not counted, as pathCovers does not count `/`.
 */
export function pathMayCover(outer: string, inner: string): boolean {
  if (outer.startsWith('/')) return pathCovers(outer, inner);
  const steps = directoryOf(outer).split('/').filter((step) => step !== '' && step !== '.');
  if (steps.includes('..')) return true;
  if (steps.length === 0) return false;
  const components = directoryOf(inner).split('/').filter(Boolean);
  for (let start = 0; start + steps.length <= components.length; start++) {
    if (steps.every((step, i) => components[start + i] === step)) return true;
  }
  return false;
}

/** The RUN's mount whose target is `path` or a parent of it; targets such as `$GOMODCACHE` are expanded with `environment`. */
export function mountOver(run: RunInstruction, path: string, environment: Environment = EMPTY_ENVIRONMENT): Mount | undefined {
  return run.mounts.find((mount) => mount.target !== undefined && mount.type !== 'secret' && mount.type !== 'ssh' && pathCovers(expand(mount.target, environment) ?? mount.target, path));
}

export type Libc = 'glibc' | 'musl' | 'none';

const GLIBC_REPOSITORY = /(?:^|\/)(?:debian|ubuntu|buildpack-deps|distroless\/(?:base|cc)(?:-[a-z0-9]+)?|chainguard\/(?:glibc-dynamic|go|wolfi-base)|ubi\d*(?:-minimal|-micro)?)$/;

/**
 * Repository and tag of an image; when a build argument without a default leaves the reference
 * unresolved, they are read from the text as written (`golang:${GO_VERSION}-alpine` still says alpine).
 */
export function imageNameParts(image: ImageReference): { repository: string; tag: string } {
  const parts = image.resolved !== undefined ? image : splitImage(image.written);
  return { repository: parts.repository ?? '', tag: parts.tag ?? '' };
}

/** Docker's official `golang` image (also through a registry mirror), whose tags name its Debian or Alpine variant. */
export function isGolangImage(image: ImageReference): boolean {
  return /(?:^|\/)golang$/.test(imageNameParts(image).repository);
}

/**
 * The C library an image provides for dynamically linked programs: `none` for scratch, distroless
 * static, Chainguard static and the configured `staticImages`; undefined when the image is not known.
 */
export function libcOf(image: ImageReference, staticImages: readonly string[]): Libc | undefined {
  const { repository, tag } = imageNameParts(image);
  if (isScratch(image) || /(?:^|\/)(?:distroless\/static(?:-[a-z0-9]+)?|chainguard\/static)$/.test(repository) || matchesImagePattern(image, staticImages)) return 'none';
  if (/(?:^|\/)alpine$/.test(repository)) return 'musl';
  if (isGolangImage(image)) return /alpine/.test(tag) ? 'musl' : /windows|nanoserver/.test(tag) ? undefined : 'glibc';
  return GLIBC_REPOSITORY.test(repository) ? 'glibc' : undefined;
}

/** Shell commands of the RUN instructions in build history (parent stages included) that may hold one of `words`. */
export function historyCommands(document: DockerfileDocument, stage: Stage, words: CommandWords): ShellCommand[] {
  return buildHistory(document, stage).flatMap((instruction) => (instruction.keyword === 'RUN' && instruction.script.mayHold(words) ? instruction.commands : []));
}

/** The words from the program to `last` as one string, e.g. `apt-get install`: the text `spanTo` selects, for messages. */
export function spanText(command: ShellCommand, last: Word): string {
  const words = programWords(command);
  return words.slice(0, words.indexOf(last) + 1).map((word) => word.value).join(' ');
}
