import type { Arg as AstArg, Comment as AstComment, Copy as AstCopy, Dockerfile as AstDockerfile, Env as AstEnv, Flag as AstFlag, From as AstFrom, Instruction as AstInstruction, Run as AstRun } from 'dockerfile-ast';
import { createRequire } from 'node:module';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { pushAll } from '../../append.js';
import { isBlank, OPENING_BRACKET } from '../../character-codes.js';
import { comparePositions, lastAtOrBefore, lineIndexOf, type LineIndex } from '../../positions.js';
import { argumentsDialect, commandStringOf, dialectOf, isShell, readsScriptFromStdin } from '../../shell/commands.js';
import { imageShDialect, isWindowsImage } from '../../shell/images.js';
import type { ShellDialect } from '../../shell/types.js';
import type { Comment, Range, SourceFile } from '../../types.js';
import { joinedText, keptPieces, singleLineEnd } from './continued-lines.js';
import type {
  CopiedText,
  CopyInstruction,
  DockerfileDocument,
  EnvInstruction,
  Flag,
  FromInstruction,
  ImageReference,
  Instruction,
  KeyValue,
  Mount,
  Redirect,
  RunInstruction,
  ShellCommand,
  Stage,
  StartInstruction,
  UserInstruction,
  Word,
} from './model.js';
import { EMPTY_ENVIRONMENT, environmentAfter, globalArgDefaults, programWords, refusedRepositoryName, replaceVariables, splitImage, wordsBeforeProgram, type Environment } from './model.js';
import { directivesEnd, escapeAfterLoneCarriageReturn, execFormStrings, findPlainInstructions, firstLineEnd, flagsOf, isWordKeyword, mayHoldHeredoc, propertiesOf, propertyValue, readDirectives, withoutInstructions, wordsOf, type PlainInstruction, type PlainNameValue, type PlainReading } from './plain-instructions.js';
import { firstNonString, isStringArray, jsonArgumentsStart, jsonArrayOf, jsonStringsIn, mayHoldJsonArguments } from './json-arguments.js';
import { RunScript, withScript } from './run-script.js';
import { copiedText } from './copied-text.js';
import { heredocOfWord, heredocOpenedAt } from './buildkit-heredocs.js';
import { programDialect, ScriptRuns, scriptRunBy, WrittenFiles, type CopiedFiles } from './copied-scripts.js';
import { lexShell, ShellWord, UNKNOWN_IMAGE_SHELLS, type HeredocBody, type MappedText, type ShellRedirect, type StageShells } from './shell.js';
import type { ParseResult } from '../../language.js';

export { splitImage };
export { buildDockerfileModel } from './settings.js';

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** `readPlain`: which instructions are read without dockerfile-ast (a test gives it none, to compare the two readings). */
export function parseDockerfile(file: SourceFile, readPlain = findPlainInstructions): ParseResult<DockerfileDocument> {
  const directives = readDirectives(file.text);
  const headerEnd = directives?.end ?? directivesEnd(file.text);
  // Directives in another form are left to dockerfile-ast, with the comments among them.
  const header = directives === undefined && headerEnd > 0 ? parseWithDockerfileAst(file.text.slice(0, headerEnd)) : undefined;
  const escapeCharacter = escapeAfterLoneCarriageReturn(file.text) ?? directives?.escape ?? header?.getEscapeCharacter() ?? '\\';
  const plain = readPlain(file.text, escapeCharacter, headerEnd);
  const ast = plain.complete ? header : parseWithDockerfileAst(withoutInstructions(file.text, plain));
  const nodes = ast?.getInstructions() ?? [];
  const reader = new Reader(file, escapeCharacter, headerEnd);
  const entries = inFileOrder(nodes, plain, reader);
  const document = new ParsedDockerfile(file, commentsOf(ast?.getComments() ?? [], plain, reader), escapeCharacter, entries, reader);
  const stages = new StageBuilder(document, reader);
  // Counted loops over instructions and words here: in cold code a for-of, or a list taken apart into
  // names, makes an iterator and an object for each step.
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (!('node' in entry)) stages.addPlain(entry);
    else if (KEYWORDS.has(entry.node.getKeyword())) stages.add(entry);
  }
  const errors = structuralErrors(entries, nodes, plain.instructions, file.text, reader);
  return { document, errors: errors.length > 0 ? errors : refusedBaseImage(document.stages) };
}

/** BuildKit parses each stage's base image name once it has read every instruction, and refuses the build at the first it cannot. */
function refusedBaseImage(stages: readonly Stage[]): { message: string; range: Range }[] {
  for (const { from } of stages) {
    const repository = refusedRepositoryName(from.image);
    if (repository === undefined) continue;
    const message = `${from.image.written} is no image name docker build accepts, so it refuses the Dockerfile ("invalid reference format: repository name (${repository}) must be lowercase"); name the image in lower case, or, for a placeholder replaced before the build, declare it an ARG (\`ARG BASE_IMAGE\` before FROM, \`FROM \${BASE_IMAGE}\`)`;
    return [{ message, range: from.image.range }];
  }
  return [];
}

/** dockerfile-ast (dockerfile-ast.cts), loaded when a file first needs it: most are read without it (plain-instructions.ts). */
let dockerfileAst: typeof import('./dockerfile-ast.cjs') | undefined;

function parseWithDockerfileAst(text: string): AstDockerfile {
  dockerfileAst ??= requireBeside('./dockerfile-ast.cjs') as typeof import('./dockerfile-ast.cjs');
  return dockerfileAst.parse(text);
}

/** `true` in the bundle, where scripts/bundle.mjs defines it; not declared in code compiled alone. */
declare const BUNDLED: true | undefined;

/**
 * Requires a module beside this one, synchronously: in the bundle by the chunk's own `require`, which loads a file of the
 * bundle through the code cache (scripts/bundle.mjs builds dockerfile-ast.cjs); compiled alone, as an ES module, by Node's
 * (whatever `require` another module may have set on the global object).
 */
function requireBeside(path: string): unknown {
  return (typeof BUNDLED === 'boolean' ? require : createRequire(import.meta.url))(path);
}

/**
 * A class rather than an object literal with a getter, which V8 keeps in a dictionary: every read of a
 * document's properties (each rule reads its stages) would then be a search.
 */
class ParsedDockerfile implements DockerfileDocument {
  readonly kind = 'dockerfile';
  readonly globalArgs: EnvInstruction[] = [];
  readonly stages: Stage[] = [];
  readonly stagesByName = new Map<string, Stage>();
  #statements: Range[] | undefined;

  constructor(
    readonly file: SourceFile,
    readonly comments: Comment[],
    readonly escapeCharacter: string,
    private readonly entries: readonly Entry[],
    private readonly reader: Reader,
  ) {}

  /** Worked out when read: only a suppression comment needs them. */
  get statements(): Range[] {
    return (this.#statements ??= this.entries.map((entry) => this.reader.rangeOfOffsets(entry.start, entry.end)));
  }
}

/** An instruction dockerfile-ast read, and where it is. */
interface AstEntry extends InstructionSpan {
  node: AstInstruction;
  /** Its here-documents as BuildKit reads them, where dockerfile-ast read it alone (PlainReading.readAlone). */
  heredocs?: readonly Heredoc[];
}

type Entry = AstEntry | PlainInstruction;

function astEntry(node: AstInstruction, reader: Reader): AstEntry {
  return { node, start: reader.offset(node.getRange().start), keywordEnd: reader.offset(node.getInstructionRange().end), end: reader.offset(node.getRange().end) };
}

/**
 * The instructions dockerfile-ast read, those it read alone (from their first lines at their places, with their ends and
 * here-documents as BuildKit reads them) and the plain ones it did not read, in file order.
 */
function inFileOrder(nodes: AstInstruction[], { instructions: plain, readAlone }: PlainReading, reader: Reader): readonly Entry[] {
  if (nodes.length === 0 && readAlone.length === 0) return plain;
  const entries: Entry[] = nodes.map((node) => astEntry(node, reader));
  for (const { start, firstLineEnd, end, heredocs } of readAlone) entries.push({ ...astEntry(reader.readAlone(start, firstLineEnd), reader), end, heredocs });
  if (plain.length === 0 && readAlone.length === 0) return entries;
  pushAll(entries, plain);
  return entries.sort((a, b) => a.start - b.start);
}

function commentsOf(astComments: AstComment[], plain: PlainReading, reader: Reader): DockerfileDocument['comments'] {
  return commentSpans(astComments, plain, reader).map((span) => reader.comment(span[0], span[1]));
}

/** The [start, end) offsets of the comment lines in file order; most files have only those between plain instructions, in order already. */
function commentSpans(astComments: AstComment[], plain: PlainReading, reader: Reader): readonly [number, number][] {
  if (astComments.length === 0 && !plain.instructions.some((instruction) => instruction.comments.length > 0)) return plain.comments;
  const spans = astComments.map((comment): [number, number] => [reader.offset(comment.getRange().start), reader.offset(comment.getRange().end)]);
  pushAll(spans, plain.comments);
  for (const instruction of plain.instructions) pushAll(spans, instruction.comments);
  if (spans.length > astComments.length) spans.sort((a, b) => a[0] - b[0]);
  return spans;
}

/** Adds instructions to the document's stages in file order, each with the environment it runs in. */
class StageBuilder {
  /** The environment at the end of each stage so far, which a stage built FROM it starts with. */
  private readonly environments: Environment[] = [];
  /** The files each stage's here-documents have written so far, which a stage built FROM it has too. */
  private readonly files: WrittenFiles[] = [];
  /** The shells of each stage so far, which a stage built FROM it starts with, as it does with its SHELL. */
  private readonly shells: StageShells[] = [];
  private globalDefaults: ReadonlyMap<string, string | null> = NO_DEFAULTS;

  constructor(private readonly document: DockerfileDocument, private readonly reader: Reader) {}

  add(entry: AstEntry): void {
    if (entry.node.getKeyword() === 'FROM') this.startStage(this.reader.fromParts(entry));
    else this.addToStage(this.reader.instruction(entry, this.stageIndex, this.environment, this.copiedFiles), entry);
  }

  addPlain(instruction: PlainInstruction): void {
    if (instruction.keyword === 'FROM') this.startStage(this.reader.plainFromParts(instruction));
    else this.addToStage(this.reader.plainInstruction(instruction, this.stageIndex, this.environment, this.copiedFiles), instruction);
  }

  /** The files the next instruction may run. */
  private get copiedFiles(): WrittenFiles {
    return this.stageIndex === -1 ? WrittenFiles.NONE : this.files[this.stageIndex]!;
  }

  /** The index of the stage being built, -1 before the first FROM. */
  private get stageIndex(): number {
    return this.document.stages.length - 1;
  }

  /** The environment the next instruction runs in. */
  private get environment(): Environment {
    return this.stageIndex === -1 ? EMPTY_ENVIRONMENT : this.environments[this.stageIndex]!;
  }

  private startStage(parts: FromParts): void {
    const { stages, stagesByName } = this.document;
    // Only ARGs before the first FROM are global, so their defaults are complete here.
    if (stages.length === 0 && this.document.globalArgs.length > 0) this.globalDefaults = globalArgDefaults(this.document.globalArgs);
    const image = this.reader.image(parts, this.globalDefaults, stagesByName);
    const environment = image.stage === undefined ? EMPTY_ENVIRONMENT : this.environments[image.stage]!;
    this.files.push(image.stage === undefined ? WrittenFiles.NONE : this.files[image.stage]!);
    this.shells.push((this.reader.shells = image.stage === undefined ? new ImageShells(image) : this.shells[image.stage]!));
    const from = this.reader.from(parts, image, stages.length, environment);
    const stage: Stage = { index: stages.length, name: from.stageName?.value.toLowerCase(), from, instructions: [] };
    stages.push(stage);
    if (stage.name !== undefined && !stagesByName.has(stage.name)) stagesByName.set(stage.name, stage);
    this.environments.push(environment);
  }

  private addToStage(instruction: Instruction, entry: Entry): void {
    const stage = this.document.stages[this.stageIndex];
    if (!stage) {
      if (instruction.keyword === 'ARG') this.document.globalArgs.push(instruction);
      return;
    }
    stage.instructions.push(instruction);
    this.environments[stage.index] = environmentAfter(instruction, this.globalDefaults);
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.texts.length > 0) {
      this.files[stage.index] = this.files[stage.index]!.with(this.document, instruction, (copied) => (copied as CopiedFile).source);
    }
    if (instruction.keyword === 'SHELL') this.shells[stage.index] = this.reader.shells = this.reader.shellsAfter(entry, this.shells[stage.index]!);
  }
}

/**
 * The shells of an image known by its name (src/shell/images.ts): its /bin/sh runs its scripts, and on Windows `cmd /S /C`,
 * which merlint does not read. Read when a script is first lexed, as most are never.
 */
class ImageShells implements StageShells {
  #sh: ShellDialect | undefined;
  #windows: boolean | undefined;

  constructor(private readonly image: ImageReference) {}

  get sh(): ShellDialect {
    return (this.#sh ??= imageShDialect(this.name));
  }

  get windows(): boolean {
    return (this.#windows ??= isWindowsImage(this.name));
  }

  get run(): ShellDialect | undefined {
    return this.windows ? undefined : this.sh;
  }

  private get name(): string {
    return this.image.resolved ?? this.image.written;
  }
}

const NOT_LINE_BREAKS = /[^\r\n]+/g;

/** The defaults of global ARGs in a file that declares none. */
const NO_DEFAULTS: ReadonlyMap<string, string | null> = new Map();

/**
 * The first error docker build stops at: those of its parser first (a JSON array it refuses, a here-document left open),
 * then those of the instructions. Plain instructions are known ones from a FROM on, and ARGs before it, so the first
 * non-ARG is dockerfile-ast's only when it comes before them.
 */
function structuralErrors(entries: readonly Entry[], instructions: AstInstruction[], plain: PlainInstruction[], text: string, reader: Reader): { message: string; range: Range }[] {
  if (instructions.length === 0 && plain.length === 0) {
    return [{ message: 'Dockerfile has no instructions; docker build rejects an empty Dockerfile', range: reader.firstCharacter() }];
  }
  const parserError = notStringArray(entries, reader) ?? unterminatedHeredoc(instructions, text, reader);
  if (parserError) return [parserError];
  const unknown = instructions.find((node) => !KEYWORDS.has(node.getKeyword()));
  const unknownError = unknown && { message: `unknown instruction ${unknown.getInstruction()}; docker build stops here`, range: reader.range(unknown.getInstructionRange()) };
  const copyError = reader.refusedCopy;
  // BuildKit parses the instructions in file order and stops at the first it refuses.
  if (unknownError || copyError) return [!copyError || (unknownError && comparePositions(unknownError.range.start, copyError.range.start) < 0) ? unknownError! : copyError];
  const first = instructions.find((node) => node.getKeyword() !== 'ARG');
  const firstPlain = plain[0];
  if (firstPlain && (!first || reader.offset(first.getRange().start) > firstPlain.start)) return [];
  if (!first) return [{ message: 'Dockerfile has no FROM instruction', range: reader.range(instructions[0]!.getInstructionRange()) }];
  const at = reader.range(first.getInstructionRange());
  if (first.getKeyword() !== 'FROM') return [{ message: `${first.getKeyword()} before the first FROM; only ARG may come before FROM`, range: at }];
  if (!(first as AstFrom).getImage()) return [{ message: 'FROM names no image', range: at }];
  return [];
}

/**
 * What BuildKit's `parseSourcesAndDest` (instructions/parse.go) says of a COPY's or ADD's arguments, if it refuses them:
 * fewer than two (`COPY <<EOF` alone has no destination), or a here-document as the destination (`COPY /src <<EOF`).
 */
function refusedArguments(keyword: 'COPY' | 'ADD', destination: Word | undefined, sourceCount: number, instruction: InstructionBase): { message: string; range: Range } | undefined {
  if (!destination || sourceCount === 0) {
    const message = `${keyword} needs a source and a destination, so docker build refuses the Dockerfile ("Destination could not be determined"); name the destination path last`;
    return { message, range: destination?.range ?? instruction.keywordRange };
  }
  if (destination.value.includes('<<') && typeof heredocOfWord(destination.value) === 'object') {
    return { message: `a here-document cannot be ${keyword}'s destination, so docker build refuses the Dockerfile ("${keyword} cannot accept a heredoc as a destination"); name the destination path last, after the here-documents`, range: destination.range };
  }
  return undefined;
}

/** The first instruction whose JSON array holds an element that is not a string, which BuildKit refuses (json-arguments.ts). */
function notStringArray(entries: readonly Entry[], reader: Reader): { message: string; range: Range } | undefined {
  for (const entry of entries) {
    const range = reader.notStringElement(entry);
    if (range) return { message: `this element of ${keywordOf(entry)}'s JSON array is not a string, so docker build refuses the Dockerfile ("arrays must be comprised of strings only"); write it in quotes, as a string`, range };
  }
  return undefined;
}

function keywordOf(entry: Entry): string {
  return 'node' in entry ? entry.node.getKeyword() : entry.keyword;
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** A here-document of a RUN, COPY or ADD that no line closes: BuildKit's parser refuses the whole Dockerfile ("unterminated heredoc"). */
function unterminatedHeredoc(instructions: AstInstruction[], text: string, reader: Reader): { message: string; range: Range } | undefined {
  let lines: LastLineStarts | undefined;
  for (const node of instructions) {
    const keyword = node.getKeyword();
    if (!HEREDOC_KEYWORDS.has(keyword)) continue;
    // dockerfile-ast reads ADD's here-documents too; only its typings keep the accessor to RUN and COPY.
    // dockerfile-ast may also close one at a line that is its own name for it, not BuildKit's (`E"OF"` for `<<E"OF"`).
    const open = heredocsOf(node as AstRun | AstCopy).find((heredoc) => {
      const start = reader.offset(heredoc.getStartRange().start);
      const name = buildKitName(text, start, heredoc);
      return (heredoc.getDelimiterRange() === null || name !== heredoc.getName()) && startsBuildKitHeredoc(text, start) && !closedAsBuildKitReads(text, start, name, (lines ??= lastLineStarts(text)));
    });
    if (open) {
      const name = buildKitName(text, reader.offset(open.getStartRange().start), open);
      return { message: `no line ${name} ends the here-document this ${keyword} opens, so docker build refuses the Dockerfile (unterminated heredoc); end its text with a line ${name}`, range: reader.range(open.getStartRange()) };
    }
  }
  return undefined;
}

/** The name BuildKit reads for a here-document dockerfile-ast reads at `start`, which it may name otherwise (`<<E"OF"` is EOF). */
function buildKitName(text: string, start: number, heredoc: AstHeredoc): string {
  const lineEnd = text.indexOf('\n', start);
  return heredocOpenedAt(text.slice(start, lineEnd === -1 ? text.length : lineEnd))?.name ?? heredoc.getName();
}

/**
 * Whether a line after the one with the heredoc opened at `start` ends it as BuildKit reads body lines: the name, once the
 * line's `\r` and, after `<<-`, its leading tabs are trimmed. dockerfile-ast misses such a line after a body line that ends
 * in the escape character, which BuildKit leaves as it is (a shell script's own line continuation).
 */
function closedAsBuildKitReads(text: string, start: number, name: string, lines: LastLineStarts): boolean {
  const chomp = text.charCodeAt(start + 2) === 0x2d;
  const lineEnd = text.indexOf('\n', start);
  return lineEnd !== -1 && ((chomp ? lines.withoutTabs : lines.asWritten).get(name) ?? -1) > lineEnd;
}

/** Where each line of a text last starts, by its text without a final `\r`, and by that without leading tabs. */
interface LastLineStarts {
  asWritten: Map<string, number>;
  withoutTabs: Map<string, number>;
}

function lastLineStarts(text: string): LastLineStarts {
  const lines: LastLineStarts = { asWritten: new Map(), withoutTabs: new Map() };
  for (let lineStart = 0; lineStart <= text.length; ) {
    const lineBreak = text.indexOf('\n', lineStart);
    const lineEnd = lineBreak === -1 ? text.length : lineBreak;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    lines.asWritten.set(line, lineStart);
    lines.withoutTabs.set(line.replace(/^\t+/, ''), lineStart);
    lineStart = lineEnd + 1;
  }
  return lines;
}

/**
 * Whether BuildKit reads a heredoc at `<<`, which dockerfile-ast reads more widely: only where the `<<` starts a
 * word (after a descriptor number at most) and the rest of the word holds no other `<`.
 */
function startsBuildKitHeredoc(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /(?:^|[ \t])\d*$/.test(text.slice(lineStart, start)) && /^<<-?[^\s<]+(?:\s|$)/.test(text.slice(start, text.indexOf('\n', start) + 1 || text.length));
}

/** A here-document's name and its content as [start, end) offsets, as dockerfile-ast gives them (none when it gives none). */
interface Heredoc {
  name: string;
  content: readonly [number, number] | undefined;
}

/** Where an instruction starts, where its keyword ends and where it ends, as offsets. */
interface InstructionSpan {
  start: number;
  keywordEnd: number;
  end: number;
}

/**
 * What every instruction has. Its ranges are worked out when first read, and its words split unless
 * the reader has them already: rules report few instructions, and few read the words (USER, COPY), and team policies.
 */
class InstructionBase {
  // Declared, not defined as class fields, whose initializer would run before the constructor for each instruction.
  declare readonly flags: Flag[];
  declare readonly stageIndex: number;
  declare readonly environment: Environment;
  declare private readonly entry: Entry;
  declare private readonly reader: Reader;
  declare private rangeRead: Range | undefined;
  declare private keywordRangeRead: Range | undefined;
  declare private words: Word[] | undefined;

  constructor(entry: Entry, reader: Reader, flags: Flag[], stageIndex: number, environment: Environment, words: Word[] | undefined) {
    this.entry = entry;
    this.reader = reader;
    this.flags = flags;
    this.stageIndex = stageIndex;
    this.environment = environment;
    this.words = words;
    this.rangeRead = undefined;
    this.keywordRangeRead = undefined;
  }

  get range(): Range {
    return (this.rangeRead ??= this.reader.rangeOfOffsets(this.entry.start, this.entry.end));
  }

  get keywordRange(): Range {
    return (this.keywordRangeRead ??= this.reader.rangeOfOffsets(this.entry.start, this.entry.keywordEnd));
  }

  get args(): Word[] {
    return (this.words ??= this.reader.argumentsOf(this.entry));
  }
}

/** A file a COPY or ADD writes from a here-document; its lines and commands worked out when read. */
class CopiedFile implements CopiedText {
  readonly text: string;
  #lines: Word[] | undefined;
  #commands: ShellCommand[] | undefined;

  constructor(readonly name: Word, readonly source: MappedText, private readonly runs: ScriptRuns) {
    this.text = source.text;
  }

  get lines(): Word[] {
    return (this.#lines ??= linesOf(this.source));
  }

  get commands(): ShellCommand[] {
    return (this.#commands ??= this.runs.commandsOfUnrun(this.source));
  }
}

/** A comment line, its range worked out when read: only a suppression comment's is. */
class CommentLine {
  // Declared, not defined as class fields, whose initializer would run before the constructor for each comment.
  declare readonly text: string;
  declare private readonly start: number;
  declare private readonly end: number;
  declare private readonly lines: LineIndex;

  constructor(text: string, start: number, end: number, lines: LineIndex) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.lines = lines;
  }

  get range(): Range {
    return this.lines.range(this.start, this.end);
  }
}

/** A `NAME=value` word of a plain instruction (an ENV or ARG property, a COPY or ADD flag), its ranges worked out when read. */
class NameValueWord implements KeyValue, Flag {
  // Declared, not defined as class fields, as a comment line's are.
  declare readonly name: string;
  declare readonly value: string | null;
  declare private readonly span: PlainNameValue;
  declare private readonly lines: LineIndex;

  constructor(name: string, value: string | null, span: PlainNameValue, lines: LineIndex) {
    this.name = name;
    this.value = value;
    this.span = span;
    this.lines = lines;
  }

  get range(): Range {
    return this.lines.range(this.span.start, this.span.end);
  }

  get nameRange(): Range {
    return this.lines.range(this.span.start, this.span.nameEnd);
  }

  get valueRange(): Range | null {
    return this.span.valueStart === null ? null : this.lines.range(this.span.valueStart, this.span.end);
  }
}

/** Turns dockerfile-ast nodes (0-based LSP ranges) into merlint's model (1-based ranges). */
class Reader {
  private readonly text: string;
  private readonly index: LineIndex;
  /** The document as the text its plain words are read from, offset for offset. */
  private readonly asWritten: MappedText;
  /** dockerfile-ast's reading of the whole text, plain instructions included, made only when their words are asked for. */
  private fullAst: AstDockerfile | undefined;
  /**
   * The JSON arrays of logical lines by the offset they start at: the check for elements that are not strings reads an exec
   * form's array before its instruction is built, whose script reads it again.
   */
  private readonly jsonArrays = new Map<number, unknown[] | undefined>();
  /** The first COPY or ADD, in file order, whose arguments BuildKit refuses (`refusedArguments`). */
  refusedCopy: { message: string; range: Range } | undefined;
  /** Which files copied from here-documents the instructions run; made for the first such file (few Dockerfiles copy any). */
  private scriptRunsMade: ScriptRuns | undefined;
  /** The shells of the stage whose instructions are being read, set as it starts and at its SHELL: its scripts are lexed as they read them. */
  shells: StageShells = UNKNOWN_IMAGE_SHELLS;

  private readonly escapeCode: number;

  /** `directivesEnd`: where the parser directives that open the file end. */
  constructor(file: SourceFile, escape: string, private readonly directivesEnd: number) {
    this.text = file.text;
    this.index = lineIndexOf(file);
    this.asWritten = this.writtenText(0, this.text.length);
    this.escapeCode = escape.charCodeAt(0);
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

  /** A comment line, with what dockerfile-ast gives as its content: the text after `#` without the blanks around it. */
  comment(start: number, end: number): CommentLine {
    let from = start + 1;
    let to = end;
    while (from < to && isBlank(this.text.charCodeAt(from))) from++;
    while (to > from && isBlank(this.text.charCodeAt(to - 1))) to--;
    return new CommentLine(this.text.slice(from, to), start, end, this.index);
  }

  /** An instruction dockerfile-ast did not read: flags and heredocs as plain-instructions.ts reads them, an exec form's strings and COPY paths as written. */
  plainInstruction(plain: Exclude<PlainInstruction, { keyword: 'FROM' }>, stageIndex: number, environment: Environment, files: WrittenFiles): Instruction {
    const { keyword } = plain;
    if (keyword === 'RUN') return this.plainRun(plain, stageIndex, environment, files);
    if (keyword === 'COPY' || keyword === 'ADD') return this.plainCopy(plain, keyword, stageIndex, environment);
    if (keyword === 'USER') {
      const words = this.plainWords(plain);
      return Object.assign(this.base(plain, NO_FLAGS, words, stageIndex, environment), { keyword, user: unquoted(words[0]!) });
    }
    const base = this.base(plain, NO_FLAGS, undefined, stageIndex, environment);
    if (isWordKeyword(keyword)) return Object.assign(base, { keyword });
    if (keyword === 'ENV' || keyword === 'ARG') return Object.assign(base, { keyword, pairs: this.plainPairs(plain) });
    return withScript(Object.assign(base, { keyword }), this.plainScript(plain, plain.argumentsStart, files));
  }

  private plainRun(plain: PlainInstruction, stageIndex: number, environment: Environment, files: WrittenFiles): RunInstruction {
    const { flags: flagSpans, wordsStart } = flagsOf(this.text, plain);
    const flags = this.plainFlags(flagSpans);
    const base = this.base(plain, flags, undefined, stageIndex, environment);
    return withScript(Object.assign(base, { keyword: 'RUN' as const, mounts: flags.length === 0 ? NO_MOUNTS : this.mounts(flags) }), this.plainScript(plain, wordsStart, files));
  }

  /** The script of a plain RUN, CMD or ENTRYPOINT from `start`, after its flags: an exec form's strings, or a shell form with its here-documents. */
  private plainScript(plain: PlainInstruction, start: number, files: WrittenFiles): RunScript {
    return this.text.charCodeAt(start) === OPENING_BRACKET ? this.execScript(this.wordsAt(execFormStrings(this.text, plain)), files) : this.shellForm(start, plain.end, plain.heredocs, files);
  }

  /** A plain COPY or ADD: its words are those of its first line, the here-documents' bodies following it. */
  private plainCopy(plain: PlainInstruction, keyword: 'COPY' | 'ADD', stageIndex: number, environment: Environment): CopyInstruction {
    const { flags, wordsStart } = flagsOf(this.text, plain);
    const paths = this.wordsAt(wordsOf(this.text, plain, wordsStart, firstLineEnd(plain)));
    return this.copyOf(keyword, this.base(plain, this.plainFlags(flags), paths, stageIndex, environment), paths, plain.heredocs);
  }

  /** The flags of a plain instruction (`flagsOf`) as the model's. */
  private plainFlags(spans: readonly PlainNameValue[]): Flag[] {
    if (spans.length === 0) return NO_FLAGS;
    return spans.map((span) => new NameValueWord(this.text.slice(span.start + 2, span.nameEnd), span.valueStart === null ? null : this.text.slice(span.valueStart, span.end), span, this.index));
  }

  /** The words of a plain instruction as written (`wordsOf`), from `from` on. */
  private plainWords(plain: PlainInstruction, from?: number): ShellWord[] {
    return this.wordsAt(wordsOf(this.text, plain, from));
  }

  /** Words written as they are, from their offsets. */
  private wordsAt(spans: readonly [number, number][]): ShellWord[] {
    return spans.map((span) => new ShellWord(this.text.slice(span[0], span[1]), span[0], span[1], this.asWritten));
  }

  /** The pairs of a plain ENV or ARG, as `pairs` reads them from dockerfile-ast's properties. */
  private plainPairs(plain: PlainInstruction): KeyValue[] {
    return propertiesOf(this.text, plain).map((property) => new NameValueWord(this.text.slice(property.start, property.nameEnd), propertyValue(this.text, property), property, this.index));
  }

  private base(entry: Entry, flags: Flag[], words: Word[] | undefined, stageIndex: number, environment: Environment): InstructionBase {
    return new InstructionBase(entry, this, flags, stageIndex, environment, words);
  }

  /** The words of an instruction's arguments after its flags, as dockerfile-ast splits them. */
  argumentsOf(entry: Entry): Word[] {
    return 'node' in entry ? this.words(entry.node) : this.plainArguments(entry);
  }

  private plainArguments(plain: PlainInstruction): Word[] {
    this.fullAst ??= parseWithDockerfileAst(this.text);
    const node = this.fullAst.getInstructions().find((candidate) => this.offset(candidate.getRange().start) === plain.start);
    if (node && this.offset(node.getRange().end) === plain.end) return this.words(node);
    // dockerfile-ast ends it elsewhere in the whole text, after a here-document it names otherwise than BuildKit: read it alone, at its place.
    return this.words(this.readAlone(plain.start, plain.end));
  }

  /**
   * dockerfile-ast's reading of the instruction from `start` to `end` alone at its place: under the file's directives, after
   * only the line breaks of the lines before it and blanks up to its column, so that it reads no more than it must.
   */
  readAlone(start: number, end: number): AstInstruction {
    const lineStart = Math.max(this.directivesEnd, this.text.lastIndexOf('\n', start - 1) + 1, this.text.lastIndexOf('\r', start - 1) + 1);
    const lineBreaks = this.text.slice(this.directivesEnd, lineStart).replace(NOT_LINE_BREAKS, '');
    return parseWithDockerfileAst(this.text.slice(0, this.directivesEnd) + lineBreaks + ' '.repeat(start - lineStart) + this.text.slice(start, end)).getInstructions()[0]!;
  }

  private words(node: AstInstruction): Word[] {
    return node.getArguments().map((argument) => ({ value: argument.getValue(), range: this.range(argument.getRange()) }));
  }

  instruction(entry: AstEntry, stageIndex: number, environment: Environment, files: WrittenFiles): Instruction {
    const { node } = entry;
    const keyword = node.getKeyword();
    if (keyword === 'COPY' || keyword === 'ADD') return this.copy(entry, keyword, stageIndex, environment);
    const base = this.base(entry, this.flags(node), undefined, stageIndex, environment);
    switch (keyword) {
      case 'RUN':
        return withScript(Object.assign(base, { keyword, mounts: this.mounts(base.flags) }), this.script(node as AstRun, files, entry.heredocs)) satisfies RunInstruction;
      case 'ENV':
      case 'ARG':
        return Object.assign(base, { keyword, pairs: this.pairs(node as AstEnv | AstArg) }) satisfies EnvInstruction;
      case 'USER':
        return Object.assign(base, { keyword, user: base.args[0] && unquoted(base.args[0]) }) satisfies UserInstruction;
      case 'CMD':
      case 'ENTRYPOINT':
        return withScript(Object.assign(base, { keyword }), this.script(node as AstRun, files)) satisfies StartInstruction;
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

  /**
   * A COPY or ADD dockerfile-ast read. With here-documents (which BuildKit reads in the shell form only), its words are
   * those before the first body: dockerfile-ast's arguments run on over the bodies and delimiter lines.
   */
  private copy(entry: AstEntry, keyword: 'COPY' | 'ADD', stageIndex: number, environment: Environment): CopyInstruction {
    const node = entry.node as AstCopy;
    const flags = this.flags(node);
    if (node.getOpeningBracket()) return this.copyOf(keyword, this.base(entry, flags, undefined, stageIndex, environment), this.jsonWords(node), NO_HEREDOCS);
    if (entry.heredocs) {
      const words = this.words(node);
      return this.copyOf(keyword, this.base(entry, flags, words, stageIndex, environment), words, entry.heredocs);
    }
    const opened = mayHoldHeredoc(this.text.slice(entry.keywordEnd, entry.end), String.fromCharCode(this.escapeCode)) ? heredocsOf(node) : [];
    if (opened.length === 0) {
      const words = this.words(node);
      return this.copyOf(keyword, this.base(entry, flags, words, stageIndex, environment), words, NO_HEREDOCS);
    }
    const bodiesStart = Math.min(...opened.map((heredoc) => this.bodyStart(heredoc) ?? entry.end));
    const words = this.words(node).filter((word) => this.index.offset(word.range.start) < bodiesStart);
    return this.copyOf(keyword, this.base(entry, flags, words, stageIndex, environment), words, this.heredocs(opened));
  }

  /** Where dockerfile-ast starts a here-document's body: at its content, or at its delimiter line when it gives none. */
  private bodyStart(heredoc: AstHeredoc): number | undefined {
    const start = (heredoc.getContentRange() ?? heredoc.getDelimiterRange())?.start;
    return start && this.offset(start);
  }

  /** The model of a COPY or ADD from its paths as written, as BuildKit's parseSourcesAndDest reads them with its here-documents. */
  private copyOf(keyword: 'COPY' | 'ADD', base: InstructionBase, written: Word[], heredocs: readonly Heredoc[]): CopyInstruction {
    const fromFlag = base.flags.find((flag) => flag.name === 'from');
    const from = fromFlag?.value != null && fromFlag.valueRange ? unquoted({ value: fromFlag.value, range: fromFlag.valueRange }) : undefined;
    const sources: Word[] = [];
    const texts: CopiedText[] = [];
    // The last here-document of each name, looked up once per source: a COPY may write thousands.
    const named = new Map(heredocs.map((heredoc) => [heredoc.name, heredoc]));
    for (let i = 0; i < written.length - 1; i++) {
      // BuildKit reads each source as written (instructions/parse.go, parseSourcesAndDest), and expands the body of a here-document as heredocFromMatch says.
      const heredoc = heredocs.length === 0 ? 'none' : heredocOfWord(written[i]!.value);
      if (typeof heredoc === 'object') texts.push(this.copiedText(heredoc.name, heredoc.chomp, written[i]!.range, named.get(heredoc.name), heredoc.expand ? base.environment : undefined));
      else sources.push(unquoted(written[i]!));
    }
    const writtenDestination = written[written.length - 1];
    const destination = writtenDestination && unquoted(writtenDestination);
    this.refusedCopy ??= refusedArguments(keyword, writtenDestination, sources.length + texts.length, base);
    return Object.assign(base, { keyword, from, sources, texts, destination });
  }

  /**
   * The file a `<<NAME` source writes: the body of `heredoc`, the line's last here-document of that name (BuildKit looks them up
   * by name), expanded with `environment` unless the name was quoted (copied-text.ts).
   */
  private copiedText(name: string, chomp: boolean, range: Range, heredoc: Heredoc | undefined, environment: Environment | undefined): CopiedText {
    const body = heredoc ? this.bodyText(heredoc) : '';
    const start = heredoc?.content?.[0] ?? 0;
    return new CopiedFile({ value: name, range }, copiedText(body, start, chomp, environment, this.index), this.scriptRuns);
  }

  private get scriptRuns(): ScriptRuns {
    return (this.scriptRunsMade ??= new ScriptRuns());
  }

  /** A here-document's body as BuildKit reads it, every line with its line break. */
  private bodyText({ content }: Heredoc): string {
    if (!content || content[1] < content[0]) return '';
    const text = this.text.slice(content[0], content[1]);
    // dockerfile-ast's content ends before the line break of its last line (unless no delimiter closes it).
    return text.endsWith('\n') ? text : `${text}\n`;
  }

  /** The here-documents dockerfile-ast reads in a RUN, COPY or ADD, as offsets. */
  private heredocs(opened: AstHeredoc[]): Heredoc[] {
    return opened.map((heredoc): Heredoc => {
      const content = heredoc.getContentRange();
      return { name: heredoc.getName(), content: content ? [this.offset(content.start), this.offset(content.end)] : undefined };
    });
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

  /** The script of a RUN, CMD or ENTRYPOINT; `heredocs`, a RUN's as BuildKit reads them where dockerfile-ast read it alone. */
  private script(node: AstRun, files: WrittenFiles, heredocs?: readonly Heredoc[]): RunScript {
    const argumentsRange = node.getArgumentsRange();
    if (!argumentsRange) return this.execScript([], files);
    const start = this.offset(argumentsRange.start);
    if (node.getOpeningBracket()) {
      const line = this.logicalLine(start, this.offset(node.getRange().end));
      const array = this.jsonArrayIn(line, 0);
      // An array not all of strings is refused (a MER000), so it runs nothing.
      if (array) return this.execScript(isStringArray(array) ? this.jsonWordsOf(line) : [], files);
    }
    return this.shellForm(start, this.offset(node.getRange().end), heredocs ?? this.heredocs(heredocsOf(node)), files);
  }

  /** The script of a shell form from `start` to `end` with its here-documents. */
  private shellForm(start: number, end: number, heredocs: readonly Heredoc[], files: WrittenFiles): RunScript {
    const firstBody = heredocs.find((heredoc) => heredoc.content !== undefined)?.content;
    const bodies = heredocs.map((heredoc): HeredocBody => ({ delimiter: heredoc.name, text: this.bodyText(heredoc), start: heredoc.content?.[0] }));
    return this.shellScript(this.logicalLine(start, firstBody ? firstBody[0] : end), bodies, files);
  }

  /**
   * The strings of an exec form, read from its logical line as BuildKit reads them: dockerfile-ast's strings stop at a
   * comment line inside a continued exec form (`RUN ["go", \` / `# note` / `"build"]`), which Docker leaves out.
   */
  private jsonWordsOf(line: MappedText): Word[] {
    return Array.from(jsonStringsIn(line.text), (match) => {
      const start = match.index + 1;
      const end = match.index + match[0].length - 1;
      const from = line.offsetOf(start);
      return { value: JSON.parse(match[0]) as string, range: this.index.range(from, end > start ? line.offsetOf(end - 1) + 1 : from) };
    });
  }

  /** The commands of an exec form, followed by those of a `sh -c` script or a copied script (copied-scripts.ts) among them. */
  private execScript(words: Word[], files: WrittenFiles): RunScript {
    const text = words.map((word) => word.value).join('\n');
    const named = files.namedIn(text);
    const { shells } = this;
    return this.namingFiles(named, new RunScript(text, () => this.withScripts(execCommand(words), shells, named, false), named));
  }

  /**
   * The commands of a shell form's line with its heredocs, followed by those of the scripts among them: the first
   * heredoc's body when the line runs nothing else (`RUN <<EOF`), a body a shell reads as its script (`RUN bash <<EOF`,
   * `RUN set -e; sh <<EOF`), `sh -c` scripts, and copied scripts (copied-scripts.ts).
   */
  private shellScript(line: MappedText, bodies: readonly HeredocBody[], files: WrittenFiles): RunScript {
    const texts = bodies.length === 0 ? line.text : [line.text, ...bodies.map((body) => body.text)].join('\n');
    const named = files.namedIn(texts);
    const { shells } = this;
    return this.namingFiles(named, new RunScript(texts, () => {
      const commands: ShellCommand[] = shells.run === undefined ? [] : lexShell(line, bodies, shells.run);
      if (bodies.length === 0) return this.withScripts(commands, shells, named, true);
      // `RUN <<EOF`: the SHELL runs the body, or, outside Windows, one that starts with `#!`, the program it names (BuildKit's dispatchRun); `RUN bash <<EOF`: that shell does.
      if (shells.run === undefined ? typeof heredocOfWord(line.text.trim()) === 'object' : commands.length === 0) {
        const first = bodies.find((body) => body.start !== undefined);
        const dialect = first && (shells.windows ? shells.run : programDialect(first.text, true, shells));
        if (dialect) pushAll(commands, this.bodyCommands(first!, dialect));
      }
      for (let i = 0, written = commands.length; i < written; i++) {
        const shell = stdinScript(commands[i]!);
        if (shell) pushAll(commands, this.bodyCommands(shell.body, dialectOf(shell.program, shells.sh)));
      }
      return this.withScripts(commands, shells, named, true);
    }, named));
  }

  /** The script, once the files its text names are noted for it (ScriptRuns). */
  private namingFiles(files: CopiedFiles, script: RunScript): RunScript {
    if (files.size > 0) this.scriptRuns.named(files, script);
    return script;
  }

  /** The commands of a heredoc body read as a script, at their places in the document. */
  private bodyCommands(body: HeredocBody, dialect: ShellDialect): ShellCommand[] {
    return body.start === undefined ? [] : lexShell(this.writtenText(body.start, body.start + body.text.length), undefined, dialect);
  }

  /** Adds to the commands, fresh from the lexer, those of the `sh -c` scripts and of the copied scripts they run (shared by the instructions that run one). */
  private withScripts(commands: ShellCommand[], shells: StageShells, files: CopiedFiles, inShell: boolean): ShellCommand[] {
    const written = commands.length;
    for (let i = 0; i < written; i++) {
      // Checked before copying the words: a command may have millions.
      if (isShell(commands[i]!.words[0]?.value)) pushAll(commands, this.scriptCommands(commands[i]!, shells));
    }
    if (files.size === 0) return commands;
    for (let i = 0, read = commands.length; i < read; i++) {
      const script = scriptRunBy(commands[i]!, files, inShell, shells);
      if (script) pushAll(commands, this.scriptRuns.commandsRun(script));
    }
    return commands;
  }

  /** The shells of a stage after its SHELL instruction `entry`: the program its JSON array names (`["/bin/bash", "-c"]`) runs its scripts. */
  shellsAfter(entry: Entry, shells: StageShells): StageShells {
    const line = this.logicalLine(entry.keywordEnd, entry.end);
    const start = jsonArgumentsStart('SHELL', line.text, String.fromCharCode(this.escapeCode));
    const words = start === undefined ? undefined : this.jsonArrayIn(line, start);
    return words && isStringArray(words) && words.length > 0 ? { sh: shells.sh, run: argumentsDialect(words, shells.sh), windows: shells.windows } : shells;
  }

  /** `sh -c 'script'` (shell or exec form): the script's commands, with positions where the script is written verbatim; `sh` is the image's /bin/sh. */
  private scriptCommands(command: ShellCommand, shells: StageShells): ShellCommand[] {
    const script = commandStringOf(command.words.map((word) => ({ text: word.value, word })))?.word;
    if (!script) return [];
    const start = this.offset({ line: script.range.start.line - 1, character: script.range.start.column - 1 });
    const end = this.offset({ line: script.range.end.line - 1, character: script.range.end.column - 1 });
    const written = this.text.slice(start, end);
    const quoted = written.length === script.value.length + 2 && written.slice(1, -1) === script.value;
    const from = quoted ? start + 1 : written === script.value ? start : undefined;
    return lexShell({ text: script.value, offsetOf: (index) => (from === undefined ? start : from + index), lines: this.index }, undefined, dialectOf(command.words[0]!.value, shells.sh));
  }

  /**
   * Joins continuation lines as Docker does (continued-lines.ts). Most instructions are one line, which is taken as it is.
   */
  private logicalLine(start: number, end: number): MappedText {
    const oneLineEnd = singleLineEnd(this.text, this.escapeCode, start, end);
    if (oneLineEnd !== undefined) return this.writtenText(start, oneLineEnd);
    return new JoinedLines(joinedText(this.text, this.escapeCode, start, end), this.index, this, start, end);
  }

  /** The JSON array `line` holds from `index` on (`jsonArrayOf`), read once for its place in the document. */
  private jsonArrayIn(line: MappedText, index: number): unknown[] | undefined {
    const at = line.offsetOf(index);
    if (!this.jsonArrays.has(at)) this.jsonArrays.set(at, jsonArrayOf(line.text.slice(index)));
    return this.jsonArrays.get(at);
  }

  /** The range of the first element that is not a string in the instruction's JSON array, if it has one (json-arguments.ts). */
  notStringElement(entry: Entry): Range | undefined {
    const keyword = keywordOf(entry);
    // Most instructions can hold no JSON arguments, and need not be joined.
    if (!mayHoldJsonArguments(keyword, this.text, entry.keywordEnd, entry.end, this.escapeCode)) return undefined;
    const line = this.logicalLine(entry.keywordEnd, entry.end);
    const start = jsonArgumentsStart(keyword, line.text, String.fromCharCode(this.escapeCode));
    if (start === undefined || line.text.charCodeAt(start) !== OPENING_BRACKET) return undefined;
    const array = this.jsonArrayIn(line, start);
    if (!array || isStringArray(array)) return undefined;
    const [from, to] = firstNonString(line.text.slice(start));
    return this.index.range(line.offsetOf(start + from), line.offsetOf(start + to - 1) + 1);
  }

  /** The [start, end) offsets of the pieces of lines Docker joins into the instruction from `start` to `end` (`keptPieces`). */
  keptPieces(start: number, end: number, into: number[]): number {
    return keptPieces(this.text, this.escapeCode, start, end, into);
  }

  /** The document's text from `start` to `end` as it is written, offset for offset. */
  private writtenText(start: number, end: number): MappedText {
    return new WrittenText(this.text.slice(start, end), this.index, start);
  }

  /** What a FROM read by dockerfile-ast says. */
  fromParts(entry: AstEntry): FromParts {
    const node = entry.node as AstFrom;
    const imageRange = node.getImageRange();
    const nameRange = node.getBuildStageRange();
    const stageName = node.getBuildStage();
    return {
      image: unquoted({ value: node.getImage() ?? '', range: this.range(imageRange ?? node.getInstructionRange()) }),
      stageName: stageName && nameRange ? { value: stageName, range: this.range(nameRange) } : undefined,
      entry,
      flags: this.flags(node),
      words: undefined,
    };
  }

  /** What a plain FROM says: its flags, and after them its words as written, `image [AS name]`. */
  plainFromParts(plain: PlainInstruction): FromParts {
    const { flags, wordsStart } = flagsOf(this.text, plain);
    const words = this.plainWords(plain, wordsStart);
    return {
      image: unquoted(words[0]!),
      stageName: words.length > 2 && words[1]!.value.toUpperCase() === 'AS' ? words[2] : undefined,
      entry: plain,
      flags: this.plainFlags(flags),
      words,
    };
  }

  image(parts: FromParts, globalDefaults: ReadonlyMap<string, string | null>, earlierStages: ReadonlyMap<string, Stage>): ImageReference {
    const written = parts.image.value;
    const resolved = determinedImage(substitute(written, globalDefaults));
    const known = knownParts(resolved, written);
    return {
      written,
      resolved,
      ...known,
      untagged: resolved === undefined ? namesNoTag(written) : known.tag === undefined && known.digest === undefined,
      range: parts.image.range,
      stage: resolved === undefined ? undefined : earlierStages.get(resolved.toLowerCase())?.index,
    };
  }

  from(parts: FromParts, image: ImageReference, stageIndex: number, environment: Environment): FromInstruction {
    return Object.assign(this.base(parts.entry, parts.flags, parts.words, stageIndex, environment), { keyword: 'FROM' as const, image, stageName: parts.stageName });
  }
}

/** Text as it is written in the document from `start` on: an object with a method, not a closure each. */
class WrittenText implements MappedText {
  // Declared, not defined as class fields, as a word's are.
  declare readonly text: string;
  declare readonly lines: LineIndex;
  declare private readonly start: number;

  constructor(text: string, lines: LineIndex, start: number) {
    this.text = text;
    this.lines = lines;
    this.start = start;
  }

  offsetOf(index: number): number {
    return this.start + index;
  }
}

/**
 * Continued lines joined as Docker joins them. Where each index of the joined text is in the document is
 * worked out when first asked: the lexer reads the text alone, and rules read the ranges of few words.
 */
class JoinedLines implements MappedText {
  // Declared, not defined as class fields, as a word's are.
  declare readonly text: string;
  declare readonly lines: LineIndex;
  declare private readonly reader: Reader;
  declare private readonly start: number;
  declare private readonly end: number;
  declare private offsets: ((index: number) => number) | undefined;

  constructor(text: string, lines: LineIndex, reader: Reader, start: number, end: number) {
    this.text = text;
    this.lines = lines;
    this.reader = reader;
    this.start = start;
    this.end = end;
    this.offsets = undefined;
  }

  offsetOf(index: number): number {
    if (!this.offsets) {
      const pieces: number[] = [];
      this.reader.keptPieces(this.start, this.end, pieces);
      this.offsets = joinedOffsets(pieces);
    }
    return this.offsets(index);
  }
}

/**
 * Maps an index in pieces of text joined (their [start, end) document offsets in turn) to its document offset: by
 * the piece of the index asked for before when it holds this one too (words are read in order), else by binary search.
 */
function joinedOffsets(pieces: readonly number[]): (index: number) => number {
  // Where each piece starts in the joined text, and in the document.
  const pieceStarts: number[] = [];
  const pieceOffsets: number[] = [];
  for (let i = 0, length = 0; i < pieces.length; length += pieces[i + 1]! - pieces[i]!, i += 2) {
    pieceStarts.push(length);
    pieceOffsets.push(pieces[i]!);
  }
  let piece = 0;
  return (index) => {
    if (index < pieceStarts[piece]! || (piece + 1 < pieceStarts.length && index >= pieceStarts[piece + 1]!)) piece = lastAtOrBefore(pieceStarts, index);
    return pieceOffsets[piece]! + index - pieceStarts[piece]!;
  };
}

/** A FROM's image and stage name, and what its instruction is made of: from dockerfile-ast's node or from a plain FROM. */
interface FromParts {
  image: Word;
  stageName: Word | undefined;
  entry: Entry;
  flags: Flag[];
  /** Its words when the reader has them already. */
  words: Word[] | undefined;
}

/** The shell and the heredoc body it reads its script from (`bash <<EOF`, `sudo sh -e <<'EOF'`), if the command runs one so. */
function stdinScript(command: ShellCommand): { program: string; body: HeredocBody } | undefined {
  const words = programWords(command);
  const program = words[0]?.value;
  if (program === undefined || !isShell(program) || !readsScriptFromStdin(words.slice(1).map((word) => word.value))) return undefined;
  for (let i = command.redirects.length - 1; i >= 0; i--) {
    const redirect = command.redirects[i] as ShellRedirect;
    if ((redirect.descriptor ?? 0) === 0 && redirect.operator.startsWith('<')) return redirect.body && { program, body: redirect.body };
  }
  return undefined;
}

/** The lines of a text without their line breaks, each at its place in the document (an empty one where it starts). */
function linesOf(source: MappedText): Word[] {
  const lines: Word[] = [];
  const { text } = source;
  for (let start = 0; start < text.length; ) {
    const lineBreak = text.indexOf('\n', start);
    const end = lineBreak === -1 ? text.length : lineBreak;
    const from = source.offsetOf(start);
    lines.push({ value: text.slice(start, end), range: source.lines.range(from, end > start ? source.offsetOf(end - 1) + 1 : from) });
    start = end + 1;
  }
  return lines;
}

/** The one command of an exec form, if it has words. */
function execCommand(words: Word[]): ShellCommand[] {
  return words.length ? [new ExecCommand(words)] : [];
}

/** The command of an exec form: no assignments, no redirections; its range worked out when read, as its words' are. */
class ExecCommand implements ShellCommand {
  readonly assignments: Word[] = [];
  readonly redirects: Redirect[] = [];
  readonly programIndex: number;

  constructor(readonly words: Word[]) {
    this.programIndex = wordsBeforeProgram(words);
  }

  get range(): Range {
    return { start: this.words[0]!.range.start, end: this.words[this.words.length - 1]!.range.end };
  }
}

/** The word without the quotes Docker removes from flag values, FROM images, USER and COPY/ADD paths (`--from="build"` is `build`): the word itself when it has none. */
function unquoted(word: Word): Word {
  const value = unquote(word.value);
  return value === word.value ? word : { value, range: word.range };
}

function unquote(text: string): string {
  return text.includes('"') || text.includes("'") ? text.replace(/["']/g, '') : text;
}

/**
 * The resolved image, if it names one: a blank default (`ARG BASE_IMAGE=`) is a placeholder the build must fill,
 * which BuildKit refuses when it is not, and an expansion merlint does not read (`${BASE_IMAGE:?}`) is left as written.
 */
function determinedImage(resolved: string | undefined): string | undefined {
  if (resolved === undefined || resolved.includes('$') || splitImage(resolved).repository === '') return undefined;
  return resolved;
}

/** The parts of the resolved image or, when an ARG has no default, the parts written without a variable. */
function knownParts(resolved: string | undefined, written: string): ReturnType<typeof splitImage> {
  if (resolved !== undefined) return splitImage(resolved);
  const literal = (part: string | undefined) => (part?.includes('$') ? undefined : part);
  const parts = splitImage(written);
  return { registry: literal(parts.registry), repository: literal(parts.repository), tag: literal(parts.tag), digest: literal(parts.digest) };
}

/**
 * Whether an image written with ARGs merlint cannot resolve names no tag or digest whatever they hold: its last path
 * component is written out (no `$`, nor the `}` of an expression that holds the last `/`) and has no `:` or `@`.
 */
function namesNoTag(written: string): boolean {
  return !/[$}:@]/.test(written.slice(written.lastIndexOf('/') + 1));
}

/** The flags of an instruction that has none. */
const NO_FLAGS: Flag[] = [];

/** The here-documents of an instruction that opens none. */
const NO_HEREDOCS: Heredoc[] = [];

type AstHeredoc = ReturnType<AstRun['getHeredocs']>[number];

/** The mounts of a RUN without flags. */
const NO_MOUNTS: Mount[] = [];

/**
 * Substitutes the defaults of global ARGs into a FROM line. Unlike ENV, an ARG without a default is
 * taken as unset here, so `${NAME:-default}` gives the default; `$NAME` alone leaves the image unknown,
 * as does a default that could not be expanded (`${PLATFORM/arm\/v7/arm-7}`).
 */
function substitute(text: string, defaults: ReadonlyMap<string, string | null>): string | undefined {
  return replaceVariables(text, (name) => defaults.get(name), undefined);
}

/**
 * The heredocs of a RUN or COPY. dockerfile-ast 0.7 throws on some RUNs continued onto a comment line
 * (`RUN \` then `#\01`, found by fuzzing); such a RUN is read as having none.
 */
function heredocsOf(node: AstRun | AstCopy): AstHeredoc[] {
  try {
    return node.getHeredocs();
  } catch (error) {
    if (error instanceof TypeError) return [];
    throw error;
  }
}
