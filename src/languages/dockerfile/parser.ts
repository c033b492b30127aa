import {
  DockerfileParser,
  Instruction as AstInstructionClass,
  type Arg as AstArg,
  type Argument as AstArgument,
  type Comment as AstComment,
  type Copy as AstCopy,
  type Dockerfile as AstDockerfile,
  type Env as AstEnv,
  type Flag as AstFlag,
  type From as AstFrom,
  type Instruction as AstInstruction,
  type Run as AstRun,
} from 'dockerfile-ast';
import { Parser as AstParser } from 'dockerfile-ast/lib/parser.js';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { lastAtOrBefore, lineIndexOf, type LineIndex } from '../../positions.js';
import { commandStringOf, isShell } from '../../shell/commands.js';
import type { Range, SourceFile } from '../../types.js';
import type {
  CopyInstruction,
  DockerfileDocument,
  EnvInstruction,
  Flag,
  FromInstruction,
  ImageReference,
  Instruction,
  KeyValue,
  Mount,
  RunInstruction,
  ShellCommand,
  Stage,
  StartInstruction,
  UserInstruction,
  Word,
} from './model.js';
import { EMPTY_ENVIRONMENT, environmentAfter, globalArgDefaults, replaceVariables, splitImage, withModifier, wordsBeforeProgram, type Environment } from './model.js';
import { copyPartsOf, directivesEnd, execFormStrings, findPlainInstructions, isWordKeyword, propertiesOf, propertyValue, withoutInstructions, wordsOf, type PlainInstruction, type PlainReading } from './plain-instructions.js';
import { lexShell, type MappedText } from './shell.js';
import type { ParseResult } from '../../language.js';

export { splitImage };
export { buildDockerfileModel } from './settings.js';

splitArgumentsOnce();
buildInstructionsOnce();

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export function parseDockerfile(file: SourceFile): ParseResult<DockerfileDocument> {
  const headerEnd = directivesEnd(file.text);
  // dockerfile-ast reads the parser directives, and the comments among them.
  const directives = headerEnd > 0 ? DockerfileParser.parse(file.text.slice(0, headerEnd)) : undefined;
  const escapeCharacter = directives?.getEscapeCharacter() ?? '\\';
  const plain = findPlainInstructions(file.text, escapeCharacter, headerEnd);
  const ast = plain.complete ? directives : DockerfileParser.parse(withoutInstructions(file.text, plain));
  const nodes = ast?.getInstructions() ?? [];
  const reader = new Reader(file, escapeCharacter);
  const entries = inFileOrder(nodes, plain.instructions, reader);
  const document: DockerfileDocument = {
    kind: 'dockerfile',
    file,
    comments: commentsOf(ast?.getComments() ?? [], plain, reader),
    statements: entries.map((entry) => ('node' in entry ? reader.range(entry.node.getRange()) : reader.rangeOfOffsets(entry.plain.start, entry.plain.end))),
    escapeCharacter,
    globalArgs: [],
    stages: [],
    stagesByName: new Map(),
  };
  const errors = structuralErrors(nodes, plain.instructions, reader);
  const stages = new StageBuilder(document, reader);
  for (const entry of entries) {
    if (!('node' in entry)) stages.addPlain(entry.plain);
    else if (KEYWORDS.has(entry.node.getKeyword())) stages.add(entry.node);
  }
  return { document, errors };
}

type Entry = { node: AstInstruction; start: number } | { plain: PlainInstruction; start: number };

/** The instructions dockerfile-ast read and the plain ones it did not, in file order. */
function inFileOrder(nodes: AstInstruction[], plain: PlainInstruction[], reader: Reader): Entry[] {
  const entries: Entry[] = [...nodes.map((node) => ({ node, start: reader.offset(node.getRange().start) })), ...plain.map((instruction) => ({ plain: instruction, start: instruction.start }))];
  return nodes.length > 0 && plain.length > 0 ? entries.sort((a, b) => a.start - b.start) : entries;
}

function commentsOf(astComments: AstComment[], plain: PlainReading, reader: Reader): DockerfileDocument['comments'] {
  const spans = astComments.map((comment): [number, number] => [reader.offset(comment.getRange().start), reader.offset(comment.getRange().end)]);
  spans.push(...plain.comments);
  for (const instruction of plain.instructions) spans.push(...instruction.comments);
  if (spans.length > astComments.length) spans.sort((a, b) => a[0] - b[0]);
  return spans.map(([start, end]) => ({ range: reader.rangeOfOffsets(start, end), text: reader.commentContent(start, end) }));
}

/** Adds instructions to the document's stages in file order, each with the environment it runs in. */
class StageBuilder {
  /** The environment at the end of each stage so far, which a stage built FROM it starts with. */
  private readonly environments: Environment[] = [];
  private globalDefaults: ReadonlyMap<string, string | null> = new Map();

  constructor(private readonly document: DockerfileDocument, private readonly reader: Reader) {}

  add(node: AstInstruction): void {
    if (node.getKeyword() === 'FROM') this.startStage(this.reader.fromParts(node as AstFrom));
    else this.addToStage((stageIndex, environment) => this.reader.instruction(node, stageIndex, environment));
  }

  addPlain(instruction: PlainInstruction): void {
    if (instruction.keyword === 'FROM') this.startStage(this.reader.plainFromParts(instruction));
    else this.addToStage((stageIndex, environment) => this.reader.plainInstruction(instruction, stageIndex, environment));
  }

  private startStage(parts: FromParts): void {
    const { stages, stagesByName } = this.document;
    // Only ARGs before the first FROM are global, so their defaults are complete here.
    if (stages.length === 0) this.globalDefaults = globalArgDefaults(this.document.globalArgs);
    const image = this.reader.image(parts, this.globalDefaults, stagesByName);
    const environment = image.stage === undefined ? EMPTY_ENVIRONMENT : this.environments[image.stage]!;
    const from = this.reader.from(parts, image, stages.length, environment);
    const stage: Stage = { index: stages.length, name: from.stageName?.value.toLowerCase(), from, instructions: [] };
    stages.push(stage);
    if (stage.name !== undefined && !stagesByName.has(stage.name)) stagesByName.set(stage.name, stage);
    this.environments.push(environment);
  }

  private addToStage(read: (stageIndex: number, environment: Environment) => Instruction): void {
    const stage = this.document.stages[this.document.stages.length - 1];
    if (!stage) {
      const instruction = read(-1, EMPTY_ENVIRONMENT);
      if (instruction.keyword === 'ARG') this.document.globalArgs.push(instruction);
      return;
    }
    const instruction = read(stage.index, this.environments[stage.index]!);
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

/**
 * dockerfile-ast's parser builds each instruction twice: once to look for heredocs in it, then the one it
 * keeps. Building one splits its arguments (CMD, COPY, RUN … also read them as JSON), so the second
 * build of the same text takes the first.
 */
function buildInstructionsOnce(): void {
  type Build = (dockerfile: AstDockerfile, keyword: string, start: number, keywordEnd: number, end: number) => AstInstruction;
  const parser = AstParser.prototype as unknown as { createInstruction: Build };
  const build = parser.createInstruction;
  const lastBuilt = new WeakMap<AstDockerfile, { key: string; instruction: AstInstruction }>();
  parser.createInstruction = function (this: unknown, dockerfile, keyword, start, keywordEnd, end) {
    const key = `${keyword} ${start} ${keywordEnd} ${end}`;
    const last = lastBuilt.get(dockerfile);
    if (last?.key === key) return last.instruction;
    const instruction = build.call(this, dockerfile, keyword, start, keywordEnd, end);
    lastBuilt.set(dockerfile, { key, instruction });
    return instruction;
  };
}

/** Plain instructions are known ones from a FROM on, and ARGs before it, so the first non-ARG is dockerfile-ast's only when it comes before them. */
function structuralErrors(instructions: AstInstruction[], plain: PlainInstruction[], reader: Reader): { message: string; range: Range }[] {
  if (instructions.length === 0 && plain.length === 0) {
    return [{ message: 'Dockerfile has no instructions; docker build rejects an empty Dockerfile', range: reader.firstCharacter() }];
  }
  const unknown = instructions.find((node) => !KEYWORDS.has(node.getKeyword()));
  if (unknown) return [{ message: `unknown instruction ${unknown.getInstruction()}; docker build stops here`, range: reader.range(unknown.getInstructionRange()) }];
  const first = instructions.find((node) => node.getKeyword() !== 'ARG');
  const firstPlain = plain[0];
  if (firstPlain && (!first || reader.offset(first.getRange().start) > firstPlain.start)) return [];
  if (!first) return [{ message: 'Dockerfile has no FROM instruction', range: reader.range(instructions[0]!.getInstructionRange()) }];
  const at = reader.range(first.getInstructionRange());
  if (first.getKeyword() !== 'FROM') return [{ message: `${first.getKeyword()} before the first FROM; only ARG may come before FROM`, range: at }];
  if (!(first as AstFrom).getImage()) return [{ message: 'FROM names no image', range: at }];
  return [];
}

/** What every instruction has. Its words are split when first read: few rules read them (USER, COPY), and team policies. */
class InstructionBase {
  #args: Word[] | undefined;

  constructor(
    readonly range: Range,
    readonly keywordRange: Range,
    readonly flags: Flag[],
    readonly stageIndex: number,
    readonly environment: Environment,
    private readonly splitWords: () => Word[],
  ) {}

  get args(): Word[] {
    return (this.#args ??= this.splitWords());
  }
}

/** Turns dockerfile-ast nodes (0-based LSP ranges) into merlint's model (1-based ranges). */
class Reader {
  private readonly text: string;
  private readonly index: LineIndex;
  /** dockerfile-ast's reading of the whole text, plain instructions included, made only when their words are asked for. */
  private fullAst: AstDockerfile | undefined;

  constructor(file: SourceFile, private readonly escape: string) {
    this.text = file.text;
    this.index = lineIndexOf(file);
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

  offset(position: LspRange['start']): number {
    return this.index.offset({ line: position.line + 1, column: position.character + 1 });
  }

  rangeOfOffsets(start: number, end: number): Range {
    return this.index.range(start, end);
  }

  /** What dockerfile-ast gives as a comment's content: the text after `#` without the blanks around it. */
  commentContent(start: number, end: number): string {
    let from = start + 1;
    let to = end;
    while (from < to && isBlank(this.text[from]!)) from++;
    while (to > from && isBlank(this.text[to - 1]!)) to--;
    return this.text.slice(from, to);
  }

  /** An instruction dockerfile-ast did not read: no heredoc, no flags but COPY's and ADD's, an exec form's strings and COPY paths as written. */
  plainInstruction(plain: Exclude<PlainInstruction, { keyword: 'FROM' }>, stageIndex: number, environment: Environment): Instruction {
    const parts = this.plainParts(plain);
    const { keyword } = plain;
    if (keyword === 'COPY' || keyword === 'ADD') return this.plainCopy(plain, keyword, parts, stageIndex, environment);
    if (keyword === 'USER') {
      const words = this.plainWords(plain);
      return Object.assign(this.base(parts, () => words, stageIndex, environment), { keyword, user: unquoted(words[0]!) });
    }
    const base = this.base(parts, () => this.argumentsOf(plain), stageIndex, environment);
    if (isWordKeyword(keyword)) return Object.assign(base, { keyword });
    if (keyword === 'ENV' || keyword === 'ARG') return Object.assign(base, { keyword, pairs: this.plainPairs(plain) });
    const written = this.text[plain.argumentsStart] === '[' ? execCommand(this.wordsAt(execFormStrings(this.text, plain))) : lexShell(this.logicalLine(plain.argumentsStart, plain.end));
    const commands = this.withScripts(written);
    return keyword === 'RUN' ? Object.assign(base, { keyword, commands, mounts: [] }) : Object.assign(base, { keyword, commands });
  }

  private plainCopy(plain: PlainInstruction, keyword: 'COPY' | 'ADD', parts: Pick<Instruction, 'range' | 'keywordRange'>, stageIndex: number, environment: Environment): CopyInstruction {
    const { flags: flagSpans, paths: pathSpans } = copyPartsOf(this.text, plain);
    const flags = flagSpans.map(({ start, nameEnd, valueStart, end }) => ({
      name: this.text.slice(start + 2, nameEnd),
      value: valueStart === null ? null : this.text.slice(valueStart, end),
      range: this.rangeOfOffsets(start, end),
      valueRange: valueStart === null ? null : this.rangeOfOffsets(valueStart, end),
    }));
    const paths = this.wordsAt(pathSpans);
    return this.copyOf(keyword, this.base({ ...parts, flags }, () => paths, stageIndex, environment), paths);
  }

  /** The range, keyword range and (no) flags of a plain instruction. */
  private plainParts(plain: PlainInstruction): Pick<Instruction, 'range' | 'keywordRange' | 'flags'> {
    return { range: this.rangeOfOffsets(plain.start, plain.end), keywordRange: this.rangeOfOffsets(plain.start, plain.keywordEnd), flags: [] };
  }

  /** The words of a plain instruction as written (`wordsOf`). */
  private plainWords(plain: PlainInstruction): Word[] {
    return this.wordsAt(wordsOf(this.text, plain));
  }

  /** Words written as they are, from their offsets. */
  private wordsAt(spans: readonly [number, number][]): Word[] {
    return spans.map(([start, end]) => ({ value: this.text.slice(start, end), range: this.rangeOfOffsets(start, end) }));
  }

  /** The pairs of a plain ENV or ARG, as `pairs` reads them from dockerfile-ast's properties. */
  private plainPairs(plain: PlainInstruction): KeyValue[] {
    return propertiesOf(this.text, plain).map((property) => ({
      name: this.text.slice(property.start, property.nameEnd),
      value: propertyValue(this.text, property),
      nameRange: this.rangeOfOffsets(property.start, property.nameEnd),
      valueRange: property.valueStart === null ? null : this.rangeOfOffsets(property.valueStart, property.end),
      range: this.rangeOfOffsets(property.start, property.end),
    }));
  }

  private base(parts: Pick<Instruction, 'range' | 'keywordRange' | 'flags'>, words: () => Word[], stageIndex: number, environment: Environment): InstructionBase {
    return new InstructionBase(parts.range, parts.keywordRange, parts.flags, stageIndex, environment, words);
  }

  private nodeBase(node: AstInstruction, stageIndex: number, environment: Environment) {
    const parts = { range: this.range(node.getRange()), keywordRange: this.range(node.getInstructionRange()), flags: this.flags(node) };
    return this.base(parts, () => this.words(node), stageIndex, environment);
  }

  private argumentsOf(plain: PlainInstruction): Word[] {
    this.fullAst ??= DockerfileParser.parse(this.text);
    const node = this.fullAst.getInstructions().find((candidate) => this.offset(candidate.getRange().start) === plain.start)!;
    return this.words(node);
  }

  private words(node: AstInstruction): Word[] {
    return node.getArguments().map((argument) => ({ value: argument.getValue(), range: this.range(argument.getRange()) }));
  }

  instruction(node: AstInstruction, stageIndex: number, environment: Environment): Instruction {
    const keyword = node.getKeyword();
    const base = this.nodeBase(node, stageIndex, environment);
    switch (keyword) {
      case 'RUN':
        return Object.assign(base, { keyword, commands: this.commands(node as AstRun), mounts: this.mounts(base.flags) }) satisfies RunInstruction;
      case 'COPY':
      case 'ADD':
        return this.copy(node as AstCopy, keyword, base);
      case 'ENV':
      case 'ARG':
        return Object.assign(base, { keyword, pairs: this.pairs(node as AstEnv | AstArg) }) satisfies EnvInstruction;
      case 'USER':
        return Object.assign(base, { keyword, user: base.args[0] && unquoted(base.args[0]) }) satisfies UserInstruction;
      case 'CMD':
      case 'ENTRYPOINT':
        return Object.assign(base, { keyword, commands: this.commands(node as AstRun) }) satisfies StartInstruction;
      default:
        return Object.assign(base, { keyword: keyword as 'EXPOSE' });
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

  private copy(node: AstCopy, keyword: 'COPY' | 'ADD', base: InstructionBase): CopyInstruction {
    return this.copyOf(keyword, base, node.getOpeningBracket() ? this.jsonWords(node) : base.args);
  }

  private copyOf(keyword: 'COPY' | 'ADD', base: InstructionBase, paths: Word[]): CopyInstruction {
    const fromFlag = base.flags.find((flag) => flag.name === 'from');
    const from = fromFlag?.value != null && fromFlag.valueRange ? unquoted({ value: fromFlag.value, range: fromFlag.valueRange }) : undefined;
    return Object.assign(base, { keyword, from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] });
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
    return this.withScripts(this.writtenCommands(node));
  }

  /** Adds to the commands, fresh from the lexer, those of the `sh -c` scripts among them. */
  private withScripts(commands: ShellCommand[]): ShellCommand[] {
    const written = commands.length;
    for (let i = 0; i < written; i++) commands.push(...this.scriptCommands(commands[i]!));
    return commands;
  }

  /** `sh -c 'script'` (shell or exec form): the script's commands, with positions where the script is written verbatim. */
  private scriptCommands(command: ShellCommand): ShellCommand[] {
    // Checked before copying the words: a command may have millions.
    if (!isShell(command.words[0]?.value)) return [];
    const script = commandStringOf(command.words.map((word) => ({ text: word.value, word })))?.word;
    if (!script) return [];
    const start = this.offset({ line: script.range.start.line - 1, character: script.range.start.column - 1 });
    const end = this.offset({ line: script.range.end.line - 1, character: script.range.end.column - 1 });
    const written = this.text.slice(start, end);
    const quoted = written.length === script.value.length + 2 && written.slice(1, -1) === script.value;
    const from = quoted ? start + 1 : written === script.value ? start : undefined;
    return lexShell({ text: script.value, offsetOf: (index) => (from === undefined ? start : from + index), lines: this.index });
  }

  private writtenCommands(node: AstRun): ShellCommand[] {
    if (node.getOpeningBracket()) return execCommand(this.jsonWords(node));
    const argumentsRange = node.getArgumentsRange();
    if (!argumentsRange) return [];
    const start = this.offset(argumentsRange.start);
    const heredocs = heredocsOf(node);
    const firstBody = heredocs.map((heredoc) => heredoc.getContentRange()).find((range) => range !== null);
    const end = firstBody ? this.offset(firstBody.start) : this.offset(node.getRange().end);
    const bodies = heredocs.map((heredoc) => {
      const content = heredoc.getContentRange();
      const text = content ? this.text.slice(this.offset(content.start), this.offset(content.end)) : undefined;
      // dockerfile-ast's content ends before the line break of its last line (unless no delimiter closes it); the command reads that too.
      return { delimiter: heredoc.getName(), text: text === undefined ? '' : text.endsWith('\n') ? text : `${text}\n` };
    });
    const commands = lexShell(this.logicalLine(start, end), bodies);
    const runsScript = commands.length === 0 || (commands.length === 1 && isShell(commands[0]!.words[0]?.value));
    if (runsScript && firstBody) {
      const bodyStart = this.offset(firstBody.start);
      const bodyEnd = this.offset(firstBody.end);
      commands.push(...lexShell({ text: this.text.slice(bodyStart, bodyEnd), offsetOf: (index) => bodyStart + index, lines: this.index }));
    }
    return commands;
  }

  /** Joins continuation lines as Docker does: escape + newline removed, blank and comment lines inside dropped. */
  private logicalLine(start: number, end: number): MappedText {
    const kept: string[] = [];
    // Where each kept piece of a line starts in the joined text, and in the document.
    const pieceStarts: number[] = [];
    const pieceOffsets: number[] = [];
    let length = 0;
    let lineStart = start;
    let continued = false;
    while (lineStart < end) {
      const newline = this.text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      const line = this.text.slice(lineStart, this.text[lineEnd - 1] === '\r' && lineEnd > lineStart ? lineEnd - 1 : lineEnd);
      const skipped = continued && BLANK_OR_COMMENT.test(line);
      if (!skipped) {
        const continuation = this.continuationAt(line);
        const piece = continuation === -1 ? line : line.slice(0, continuation);
        kept.push(piece);
        pieceStarts.push(length);
        pieceOffsets.push(lineStart);
        length += piece.length;
        continued = continuation !== -1;
        if (!continued) break;
      }
      lineStart = lineEnd + 1;
    }
    return { text: kept.join(''), offsetOf: joinedOffsets(pieceStarts, pieceOffsets), lines: this.index };
  }

  /** Where the escape character that continues a line stands (only blanks after it), or -1. */
  private continuationAt(line: string): number {
    let end = line.length;
    while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
    return end > 0 && line[end - 1] === this.escape ? end - 1 : -1;
  }

  /** What a FROM read by dockerfile-ast says. */
  fromParts(node: AstFrom): FromParts {
    const imageRange = node.getImageRange();
    const nameRange = node.getBuildStageRange();
    const stageName = node.getBuildStage();
    return {
      image: { value: node.getImage() ?? '', range: this.range(imageRange ?? node.getInstructionRange()) },
      stageName: stageName && nameRange ? { value: stageName, range: this.range(nameRange) } : undefined,
      base: (stageIndex, environment) => this.nodeBase(node as unknown as AstInstruction, stageIndex, environment),
    };
  }

  /** What a plain FROM says: its words as written, `image [AS name]`. */
  plainFromParts(plain: PlainInstruction): FromParts {
    const words = this.plainWords(plain);
    const parts = this.plainParts(plain);
    return {
      image: words[0]!,
      stageName: words.length > 2 && words[1]!.value.toUpperCase() === 'AS' ? words[2] : undefined,
      base: (stageIndex, environment) => this.base(parts, () => words, stageIndex, environment),
    };
  }

  image(parts: FromParts, globalDefaults: ReadonlyMap<string, string | null>, earlierStages: ReadonlyMap<string, Stage>): ImageReference {
    const written = parts.image.value;
    const resolved = substitute(written, globalDefaults);
    return {
      written,
      resolved,
      ...knownParts(resolved, written),
      range: parts.image.range,
      stage: resolved === undefined ? undefined : earlierStages.get(resolved.toLowerCase())?.index,
    };
  }

  from(parts: FromParts, image: ImageReference, stageIndex: number, environment: Environment): FromInstruction {
    return Object.assign(parts.base(stageIndex, environment), { keyword: 'FROM' as const, image, stageName: parts.stageName });
  }
}

/** A line of blanks, or a comment line, which Docker drops from continued lines. */
const BLANK_OR_COMMENT = /^\s*(?:#|$)/;

/**
 * Maps an index in pieces of text joined to their document offsets: by the piece of the index asked for
 * before when it holds this one too (the lexer asks in order), else by binary search.
 */
function joinedOffsets(pieceStarts: readonly number[], pieceOffsets: readonly number[]): (index: number) => number {
  let piece = 0;
  return (index) => {
    if (index < pieceStarts[piece]! || (piece + 1 < pieceStarts.length && index >= pieceStarts[piece + 1]!)) piece = lastAtOrBefore(pieceStarts, index);
    return pieceOffsets[piece]! + index - pieceStarts[piece]!;
  };
}

/** A FROM's image and stage name, and its instruction without them: from dockerfile-ast's node or from a plain FROM. */
interface FromParts {
  image: Word;
  stageName: Word | undefined;
  base(stageIndex: number, environment: Environment): InstructionBase;
}

/** The one command of an exec form, if it has words: no assignments, no redirections. */
function execCommand(words: Word[]): ShellCommand[] {
  return words.length ? [{ assignments: [], words, programIndex: wordsBeforeProgram(words), redirects: [], range: { start: words[0]!.range.start, end: words[words.length - 1]!.range.end } }] : [];
}

/** The word without the quotes Docker removes from flag values and USER (`--from="build"` is `build`). */
function unquoted(word: Word): Word {
  return { value: unquote(word.value), range: word.range };
}

function unquote(text: string): string {
  return text.includes('"') || text.includes("'") ? text.replace(/["']/g, '') : text;
}

/** The parts of the resolved image or, when an ARG has no default, the parts written without a variable. */
function knownParts(resolved: string | undefined, written: string): ReturnType<typeof splitImage> {
  if (resolved !== undefined) return splitImage(resolved);
  const literal = (part: string | undefined) => (part?.includes('$') ? undefined : part);
  const parts = splitImage(written);
  return { registry: literal(parts.registry), repository: literal(parts.repository), tag: literal(parts.tag), digest: literal(parts.digest) };
}

function isBlank(character: string): boolean {
  return character === ' ' || character === '\t';
}

/**
 * Substitutes the defaults of global ARGs into a FROM line. Unlike ENV, an ARG without a default is
 * taken as unset here, so `${NAME:-default}` gives the default; `$NAME` alone leaves the image unknown,
 * as does a default that could not be expanded (`${PLATFORM/arm\/v7/arm-7}`).
 */
function substitute(text: string, defaults: ReadonlyMap<string, string | null>): string | undefined {
  return replaceVariables(text, (name, modifier, word) => {
    const value = defaults.get(name);
    return value === null ? undefined : withModifier(value, modifier, word);
  });
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
