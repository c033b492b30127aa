import type { DocumentBase, Range } from '../types.js';
import { globToRegExp } from '../glob.js';

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
  range: Range;
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
}

export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  /** The simple commands the shell would run, including those of a heredoc script. */
  commands: ShellCommand[];
  mounts: Mount[];
}

export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  from: Word | undefined;
  sources: Word[];
  destination: Word | undefined;
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

export interface OtherInstruction extends InstructionBase {
  keyword: 'CMD' | 'ENTRYPOINT' | 'EXPOSE' | 'HEALTHCHECK' | 'LABEL' | 'MAINTAINER' | 'ONBUILD' | 'SHELL' | 'STOPSIGNAL' | 'VOLUME' | 'WORKDIR';
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
  range: Range;
  /** Index of the earlier stage this name refers to, when it names a stage rather than an image. */
  stage: number | undefined;
}

export interface FromInstruction extends InstructionBase {
  keyword: 'FROM';
  image: ImageReference;
  stageName: Word | undefined;
}

export type Instruction = RunInstruction | CopyInstruction | EnvInstruction | UserInstruction | FromInstruction | OtherInstruction;

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

/** The external image a stage ultimately builds on (following `FROM <stage>`). */
export function baseImage(document: DockerfileDocument, stage: Stage): ImageReference {
  const lineage = stageLineage(document, stage);
  return lineage[lineage.length - 1]!.from.image;
}

export function isScratch(image: ImageReference): boolean {
  return image.resolved?.toLowerCase() === 'scratch';
}

export function instructionsOf<K extends Instruction['keyword']>(stage: Stage, keyword: K): Extract<Instruction, { keyword: K }>[] {
  return stage.instructions.filter((instruction): instruction is Extract<Instruction, { keyword: K }> => instruction.keyword === keyword);
}

const WRAPPERS = new Set(['sudo', 'env', 'nice', 'nohup', 'time', 'command', 'exec', 'xargs']);

/** The command's words after wrappers such as `sudo` or `env VAR=x`, so `words[0]` is the program. */
export function programWords(command: ShellCommand): Word[] {
  let i = 0;
  while (i < command.words.length) {
    const value = command.words[i]!.value;
    if (WRAPPERS.has(value) || (i > 0 && WRAPPERS.has(command.words[i - 1]!.value) && (value.startsWith('-') || value.includes('=')))) i++;
    else break;
  }
  return command.words.slice(i);
}

/** The program name without its directory (`/sbin/apk` is `apk`). */
export function programName(command: ShellCommand): string | undefined {
  const word = programWords(command)[0];
  return word?.value.slice(word.value.lastIndexOf('/') + 1);
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
  return { start: programWords(command)[0]!.range.start, end: last.range.end };
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
  const repository = dockerHub ? rest.replace(/^library\//, '') : rest;
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
  if (image.resolved === undefined || image.repository === undefined) return false;
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

/** The image as a message names it: resolved where possible, without its digest. */
export function imageLabel(image: ImageReference): string {
  return (image.resolved ?? image.written).split('@')[0]!;
}
