import {
  DockerfileParser,
  Instruction as AstInstructionClass,
  type Arg as AstArg,
  type Argument as AstArgument,
  type Copy as AstCopy,
  type Dockerfile as AstDockerfile,
  type Env as AstEnv,
  type Flag as AstFlag,
  type From as AstFrom,
  type Instruction as AstInstruction,
  type Run as AstRun,
} from 'dockerfile-ast';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { LineIndex } from '../../positions.js';
import type { Range, SourceFile } from '../../types.js';
import type {
  CopyInstruction,
  DockerfileDocument,
  EnvInstruction,
  Flag,
  FromInstruction,
  ImageReference,
  Instruction,
  Mount,
  RunInstruction,
  ShellCommand,
  Stage,
  StartInstruction,
  Word,
} from './model.js';
import { EMPTY_ENVIRONMENT, environmentAfter, globalArgDefaults, splitImage, type Environment } from './model.js';
import { lexShell, type MappedText } from './shell.js';
import type { ParseResult } from '../../language.js';

export { splitImage };
export { buildDockerfileModel } from './settings.js';

splitArgumentsOnce();

/** Programs that run a `-c` script. */
const SHELLS = /^(?:\/usr\/bin\/|\/bin\/)?(?:sh|bash|ash|dash|zsh)$/;

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export function parseDockerfile(file: SourceFile): ParseResult<DockerfileDocument> {
  const ast = DockerfileParser.parse(file.text);
  const reader = new Reader(file.text, ast.getEscapeCharacter());
  const document: DockerfileDocument = {
    kind: 'dockerfile',
    file,
    comments: ast.getComments().map((comment) => ({ range: reader.range(comment.getRange()), text: comment.getContent() })),
    statements: ast.getInstructions().map((instruction) => reader.range(instruction.getRange())),
    escapeCharacter: ast.getEscapeCharacter(),
    globalArgs: [],
    stages: [],
    stagesByName: new Map(),
  };
  const errors = structuralErrors(ast, reader);
  const stages = new StageBuilder(document, reader);
  for (const node of ast.getInstructions()) {
    if (KEYWORDS.has(node.getKeyword())) stages.add(node);
  }
  return { document, errors };
}

/** Adds instructions to the document's stages in file order, each with the environment it runs in. */
class StageBuilder {
  /** The environment at the end of each stage so far, which a stage built FROM it starts with. */
  private readonly environments: Environment[] = [];
  private globalDefaults: ReadonlyMap<string, string | null> = new Map();

  constructor(private readonly document: DockerfileDocument, private readonly reader: Reader) {}

  add(node: AstInstruction): void {
    if (node.getKeyword() === 'FROM') this.startStage(node as AstFrom);
    else this.addToStage(node);
  }

  private startStage(node: AstFrom): void {
    const { stages, stagesByName } = this.document;
    // Only ARGs before the first FROM are global, so their defaults are complete here.
    if (stages.length === 0) this.globalDefaults = globalArgDefaults(this.document.globalArgs);
    const image = this.reader.image(node, this.globalDefaults, stagesByName);
    const environment = image.stage === undefined ? EMPTY_ENVIRONMENT : this.environments[image.stage]!;
    const from = this.reader.from(node, image, stages.length, environment);
    const stage: Stage = { index: stages.length, name: from.stageName?.value.toLowerCase(), from, instructions: [] };
    stages.push(stage);
    if (stage.name !== undefined && !stagesByName.has(stage.name)) stagesByName.set(stage.name, stage);
    this.environments.push(environment);
  }

  private addToStage(node: AstInstruction): void {
    const stage = this.document.stages[this.document.stages.length - 1];
    if (!stage) {
      const instruction = this.reader.instruction(node, -1, EMPTY_ENVIRONMENT);
      if (instruction.keyword === 'ARG') this.document.globalArgs.push(instruction);
      return;
    }
    const instruction = this.reader.instruction(node, stage.index, this.environments[stage.index]!);
    stage.instructions.push(instruction);
    this.environments[stage.index] = environmentAfter(instruction, this.globalDefaults);
  }
}

/**
 * dockerfile-ast splits an instruction's arguments from the text anew in every accessor, and its own
 * parser asks for them about seven times per RUN: on a 5 MB RUN line each split takes a second and
 * hundreds of megabytes. They depend only on the instruction's text, so each instruction splits them once.
 */
function splitArgumentsOnce(): void {
  const split = AstInstructionClass.prototype.getArguments;
  const splits = new WeakMap<AstInstruction, AstArgument[]>();
  AstInstructionClass.prototype.getArguments = function (this: AstInstruction): AstArgument[] {
    let args = splits.get(this);
    if (!args) splits.set(this, (args = split.call(this)));
    // Callers own the list they get: ModifiableInstruction removes the flags from it.
    return args.slice();
  };
}

function structuralErrors(ast: AstDockerfile, reader: Reader): { message: string; range: Range }[] {
  const instructions = ast.getInstructions();
  if (instructions.length === 0) {
    return [{ message: 'Dockerfile has no instructions; docker build rejects an empty Dockerfile', range: reader.firstCharacter() }];
  }
  const unknown = instructions.find((node) => !KEYWORDS.has(node.getKeyword()));
  if (unknown) return [{ message: `unknown instruction ${unknown.getInstruction()}; docker build stops here`, range: reader.range(unknown.getInstructionRange()) }];
  const first = instructions.find((node) => node.getKeyword() !== 'ARG');
  if (!first) return [{ message: 'Dockerfile has no FROM instruction', range: reader.range(instructions[0]!.getInstructionRange()) }];
  const at = reader.range(first.getInstructionRange());
  if (first.getKeyword() !== 'FROM') return [{ message: `${first.getKeyword()} before the first FROM; only ARG may come before FROM`, range: at }];
  if (!(first as AstFrom).getImage()) return [{ message: 'FROM names no image', range: at }];
  return [];
}

/** Turns dockerfile-ast nodes (0-based LSP ranges) into merlint's model (1-based ranges). */
class Reader {
  private readonly index: LineIndex;

  constructor(private readonly text: string, private readonly escape: string) {
    this.index = new LineIndex(text);
  }

  range(range: LspRange): Range {
    return {
      start: { line: range.start.line + 1, column: range.start.character + 1 },
      end: { line: range.end.line + 1, column: range.end.character + 1 },
    };
  }

  firstCharacter(): Range {
    return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  }

  private offset(position: LspRange['start']): number {
    return this.index.offset({ line: position.line + 1, column: position.character + 1 });
  }

  private rangeOfOffsets(start: number, end: number): Range {
    return this.index.range(start, end);
  }

  instruction(node: AstInstruction, stageIndex: number, environment: Environment): Instruction {
    const keyword = node.getKeyword();
    const base = {
      range: this.range(node.getRange()),
      keywordRange: this.range(node.getInstructionRange()),
      flags: this.flags(node),
      args: node.getArguments().map((argument) => ({ value: argument.getValue(), range: this.range(argument.getRange()) })),
      stageIndex,
      environment,
    };
    switch (keyword) {
      case 'RUN':
        return { ...base, keyword, commands: this.commands(node as AstRun), mounts: this.mounts(base.flags) } satisfies RunInstruction;
      case 'COPY':
      case 'ADD':
        return this.copy(node as AstCopy, keyword, base);
      case 'ENV':
      case 'ARG':
        return { ...base, keyword, pairs: this.pairs(node as AstEnv | AstArg) } satisfies EnvInstruction;
      case 'USER':
        return { ...base, keyword, user: base.args[0] && unquoted(base.args[0]) };
      case 'CMD':
      case 'ENTRYPOINT':
        return { ...base, keyword, commands: this.commands(node as AstRun) } satisfies StartInstruction;
      default:
        return { ...base, keyword: keyword as 'EXPOSE' };
    }
  }

  private flags(node: AstInstruction): Flag[] {
    const withFlags = node as Partial<{ getFlags(): AstFlag[] }>;
    return (withFlags.getFlags?.() ?? []).map((flag) => ({
      name: flag.getName(),
      value: flag.getValue(),
      range: this.range(flag.getRange()),
      valueRange: flag.getValueRange() ? this.range(flag.getValueRange()!) : null,
    }));
  }

  private mounts(flags: Flag[]): Mount[] {
    return flags
      .filter((flag) => flag.name === 'mount' && flag.value !== null)
      .map((flag) => {
        const options = this.mountOptions(flag);
        const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
        return { type: options.get('type')?.value ?? 'bind', target: target?.value, from: options.get('from'), range: flag.range };
      });
  }

  /** The `key=value` options of a `--mount` flag, each value with its own range; boolean options (`ro`) are left out. */
  private mountOptions(flag: Flag): Map<string, Word> {
    const options = new Map<string, Word>();
    let offset = this.index.offset((flag.valueRange ?? flag.range).start);
    for (const option of flag.value!.split(',')) {
      const equals = option.indexOf('=');
      if (equals !== -1) {
        const key = unquote(option.slice(0, equals)).trim().toLowerCase();
        options.set(key, unquoted({ value: option.slice(equals + 1), range: this.rangeOfOffsets(offset + equals + 1, offset + option.length) }));
      }
      offset += option.length + 1;
    }
    return options;
  }

  private pairs(node: AstEnv | AstArg) {
    return node.getProperties().map((property) => {
      const valueRange = property.getValueRange();
      return {
        name: property.getName(),
        value: property.getValue(),
        nameRange: this.range(property.getNameRange()),
        valueRange: valueRange ? this.range(valueRange) : null,
        range: this.range(property.getRange()),
      };
    });
  }

  private copy(node: AstCopy, keyword: 'COPY' | 'ADD', base: Omit<CopyInstruction, 'keyword' | 'from' | 'sources' | 'destination'>): CopyInstruction {
    const fromFlag = base.flags.find((flag) => flag.name === 'from');
    const from = fromFlag?.value != null && fromFlag.valueRange ? unquoted({ value: fromFlag.value, range: fromFlag.valueRange }) : undefined;
    const paths = node.getOpeningBracket() ? this.jsonWords(node) : base.args;
    return { ...base, keyword, from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  }

  private jsonWords(node: AstCopy | AstRun): Word[] {
    return node.getJSONStrings().map((argument) => {
      const range = argument.getJSONRange();
      // The JSON range is inside the quotes; dockerfile-ast's own value drops the spaces of the string.
      const raw = this.text.slice(this.offset(range.start), this.offset(range.end));
      let value: string;
      try {
        value = JSON.parse(raw.startsWith('"') ? raw : `"${raw}"`) as string;
      } catch {
        value = argument.getJSONValue();
      }
      return { value, range: this.range(range) };
    });
  }

  /** The commands of a RUN, CMD or ENTRYPOINT, followed by those of any `sh -c` script among them. */
  private commands(node: AstRun): ShellCommand[] {
    const commands = this.writtenCommands(node);
    return [...commands, ...commands.flatMap((command) => this.scriptCommands(command))];
  }

  /** `sh -c 'script'` (shell or exec form): the script's commands, with positions where the script is written verbatim. */
  private scriptCommands(command: ShellCommand): ShellCommand[] {
    const [shell, flag, script] = command.words;
    if (!shell || !script || flag?.value !== '-c' || !SHELLS.test(shell.value)) return [];
    const start = this.offset({ line: script.range.start.line - 1, character: script.range.start.column - 1 });
    const end = this.offset({ line: script.range.end.line - 1, character: script.range.end.column - 1 });
    const written = this.text.slice(start, end);
    const quoted = written.length === script.value.length + 2 && written.slice(1, -1) === script.value;
    const from = quoted ? start + 1 : written === script.value ? start : undefined;
    const offsets = Array.from(script.value, (_, index) => (from === undefined ? start : from + index));
    return this.shell({ text: script.value, offsets });
  }

  private writtenCommands(node: AstRun): ShellCommand[] {
    if (node.getOpeningBracket()) {
      const words = this.jsonWords(node);
      return words.length ? [{ assignments: [], words, redirects: [], range: { start: words[0]!.range.start, end: words[words.length - 1]!.range.end } }] : [];
    }
    const argumentsRange = node.getArgumentsRange();
    if (!argumentsRange) return [];
    const start = this.offset(argumentsRange.start);
    const heredocs = heredocsOf(node);
    const firstBody = heredocs.map((heredoc) => heredoc.getContentRange()).find((range) => range !== null);
    const end = firstBody ? this.offset(firstBody.start) : this.offset(node.getRange().end);
    const commands = this.shell(this.logicalLine(start, end));
    const runsScript = commands.length === 0 || (commands.length === 1 && SHELLS.test(commands[0]!.words[0]?.value ?? ''));
    if (runsScript && firstBody) {
      const bodyStart = this.offset(firstBody.start);
      const bodyEnd = this.offset(firstBody.end);
      commands.push(...this.shell({ text: this.text.slice(bodyStart, bodyEnd), offsets: offsetsFrom(bodyStart, bodyEnd) }));
    }
    return commands;
  }

  private shell(source: MappedText): ShellCommand[] {
    return lexShell(source).map((command) => {
      const word = (token: { value: string; start: number; end: number }): Word => ({ value: token.value, range: this.rangeOfOffsets(token.start, token.end) });
      const all = [...command.assignments, ...command.words];
      return {
        assignments: command.assignments.map(word),
        words: command.words.map(word),
        redirects: command.redirects.map((redirect) => ({ operator: redirect.operator, target: word(redirect.target) })),
        range: this.rangeOfOffsets(all[0]!.start, all[all.length - 1]!.end),
      };
    });
  }

  /** Joins continuation lines as Docker does: escape + newline removed, blank and comment lines inside dropped. */
  private logicalLine(start: number, end: number): MappedText {
    let text = '';
    const offsets: number[] = [];
    let lineStart = start;
    let continued = false;
    while (lineStart < end) {
      const newline = this.text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      const line = this.text.slice(lineStart, lineEnd).replace(/\r$/, '');
      const skipped = continued && (/^\s*$/.test(line) || /^\s*#/.test(line));
      if (!skipped) {
        const continuation = new RegExp(`${escapeRegExp(this.escape)}[ \\t]*$`).exec(line);
        const kept = continuation ? line.slice(0, continuation.index) : line;
        text += kept;
        for (let k = 0; k < kept.length; k++) offsets.push(lineStart + k);
        continued = continuation !== null;
        if (!continued) break;
      }
      lineStart = lineEnd + 1;
    }
    return { text, offsets };
  }

  image(node: AstFrom, globalDefaults: ReadonlyMap<string, string | null>, earlierStages: ReadonlyMap<string, Stage>): ImageReference {
    const imageRange = node.getImageRange();
    const written = node.getImage() ?? '';
    const resolved = substitute(written, globalDefaults);
    return {
      written,
      resolved,
      ...knownParts(resolved, written),
      range: this.range(imageRange ?? node.getInstructionRange()),
      stage: resolved === undefined ? undefined : earlierStages.get(resolved.toLowerCase())?.index,
    };
  }

  from(node: AstFrom, image: ImageReference, stageIndex: number, environment: Environment): FromInstruction {
    const base = this.instruction(node as unknown as AstInstruction, stageIndex, environment);
    const nameRange = node.getBuildStageRange();
    const stageName = node.getBuildStage();
    return {
      ...base,
      keyword: 'FROM',
      image,
      stageName: stageName && nameRange ? { value: stageName, range: this.range(nameRange) } : undefined,
    };
  }
}

/** The word without the quotes Docker removes from flag values and USER (`--from="build"` is `build`). */
function unquoted(word: Word): Word {
  return { ...word, value: unquote(word.value) };
}

function unquote(text: string): string {
  return text.replace(/["']/g, '');
}

/** The parts of the resolved image or, when an ARG has no default, the parts written without a variable. */
function knownParts(resolved: string | undefined, written: string): ReturnType<typeof splitImage> {
  if (resolved !== undefined) return splitImage(resolved);
  const literal = (part: string | undefined) => (part?.includes('$') ? undefined : part);
  const parts = splitImage(written);
  return { registry: literal(parts.registry), repository: literal(parts.repository), tag: literal(parts.tag), digest: literal(parts.digest) };
}

function offsetsFrom(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Substitutes `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` with the defaults of global ARGs. */
function substitute(text: string, defaults: ReadonlyMap<string, string | null>): string | undefined {
  let unresolved = false;
  const result = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced: string | undefined, modifier: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = defaults.get((braced ?? bare)!) ?? undefined;
    if (modifier?.endsWith('-')) return value || (word ?? '');
    if (modifier?.endsWith('+')) return value ? (word ?? '') : '';
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  return unresolved ? undefined : result;
}

/**
 * The heredocs of a RUN. dockerfile-ast 0.7 throws on some RUNs continued onto a comment line
 * (`RUN \` then `#\01`, found by fuzzing); such a RUN is read as having none.
 */
function heredocsOf(node: AstRun): ReturnType<AstRun['getHeredocs']> {
  try {
    return node.getHeredocs();
  } catch (error) {
    if (error instanceof TypeError) return [];
    throw error;
  }
}
