import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { ParseError } from '../language.js';
import { inSeconds, parseAllowance, parseBefore, ParserFailure, problems, readTree, release, through } from '../tree-sitter.js';
import type { Comment, Range } from '../types.js';
import { comparePositions, lineEnd } from '../positions.js';
import { offsetPositions, rangeIn, type ScriptPositions } from './positions.js';
import type { AssignmentKeyword, ShellAssignment, ShellCommand, ShellContext, ShellDialect, ShellFileWrite, ShellHeredoc, ShellRedirect, ShellScript, ShellWord } from './types.js';
import { decodeHeredocBody, decodeWord, isVerbatim, type DecodedWord } from './words.js';
import { embeddedScript, skipWrappers, writtenFiles } from './commands.js';

/**
 * Scripts longer than this (UTF-16 code units) are not read: tree-sitter-bash parses about half a
 * megabyte a second, so a generated multi-megabyte installer would stall the scan. Hand-written
 * scripts are far smaller (nvm.sh, among the largest, is 160 kB).
 */
const LONGEST_SCRIPT = 1024 * 1024;

/**
 * A line (lines continued by a backslash are one) with more `|` than this is not read: tree-sitter-bash nests a
 * pipeline one level per `|`, and where a run of 1,640 broken ones (`|a|a…`, in a place no pipeline may start) meets an
 * unclosed `$(` or `${`, its error recovery recurses through them past its 64 KiB stack and overwrites its own data,
 * which can leave it looping (found by fuzzing; 12,000 of them before an unclosed quote take all its memory). Nesting
 * is no such risk: 300,000 `$(`, `(`, `{`, backquotes or `${` parse. The most in a line of 10,161 public shell scripts,
 * Makefiles and YAML files is 86.
 */
const LONGEST_PIPELINE = 1000;

/** Parses again with misread places made plain at most this many times (each round fixes every one it finds). */
const REPARSES = 4;

/** tree-sitter-bash node types of whole statements, which an ERROR node may hold complete before its problem. */
const STATEMENTS = new Set([
  'command', 'variable_assignment', 'variable_assignments', 'declaration_command', 'unset_command', 'function_definition', 'if_statement', 'while_statement',
  'for_statement', 'c_style_for_statement', 'case_statement', 'compound_statement', 'subshell', 'pipeline', 'list', 'redirected_statement', 'negated_command', 'test_command', 'comment',
]);

/** Scripts in strings in scripts (`sh -c "bash -c '…'"`) are read this deep. */
const DEEPEST_EMBEDDING = 8;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
export type CommandDraft = Mutable<ShellCommand>;

interface Frame {
  node: Node;
  /** The frame of the node's parent, which tree-sitter finds by a walk down from the root: a read of a node's parent costs its depth. */
  parent: Frame | undefined;
  function: string | undefined;
  substitution: boolean;
}

const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const ASSIGNMENTS = new Set(['variable_assignment', 'variable_assignments']);
const DECLARATIONS = new Set<string>(['export', 'declare', 'typeset', 'readonly', 'local']);

/** Reads one script (a file, or a string or heredoc of another script) into the model. */
export class ScriptReader {
  readonly commands: CommandDraft[] = [];
  readonly assignments: Mutable<ShellAssignment>[] = [];
  readonly writes: ShellFileWrite[] = [];
  readonly heredocs: ShellHeredoc[] = [];
  readonly comments: Comment[] = [];
  readonly statements: Range[] = [];
  readonly errors: ParseError[] = [];
  private readonly prefixes = new Set<number>();
  private readonly redirectsById = new Map<number, ShellRedirect>();
  private readonly commandsById = new Map<number, CommandDraft>();
  private readonly redirectedBlocks: { node: Node; redirects: ShellRedirect[] }[] = [];
  private readonly pipelines: Frame[] = [];
  private readonly inputs = new Map<ShellRedirect, DecodedWord>();

  constructor(
    private readonly parser: Parser,
    readonly source: string,
    private readonly positions: ScriptPositions,
    private readonly embeddedIn: ShellCommand | undefined = undefined,
    private readonly depth = 0,
    /** What the parser reads: the source, or text of its length with a host's own syntax made plain. */
    private readonly parsedAs = source,
    /** When parsing must stop (Date.now()), shared with the parses again and the scripts this one holds (a GitLab job's script was parsed for a minute). */
    private readonly deadline = Date.now() + parseAllowance(parsedAs.length),
    readonly dialect: ShellDialect = 'bash',
  ) {}

  /** The script; a ScriptFailure where tree-sitter failed on it or on a script it holds. */
  read(): ShellScript {
    if (this.source.length > LONGEST_SCRIPT) return this.tooLong();
    const longPipeline = pipeBeyond(this.parsedAs, LONGEST_PIPELINE);
    if (longPipeline !== undefined) return this.refusedPipeline(longPipeline);
    try {
      return this.readParsed();
    } catch (error) {
      // At the script's start: where in it tree-sitter failed is not searched for (WHERE_FAILED in tree-sitter.ts says why).
      throw error instanceof ParserFailure ? new ScriptFailure(error, this.range(0, 1)) : error;
    }
  }

  private readParsed(): ShellScript {
    const { tree, text } = this.parse();
    if (tree === 'stopped') return this.stopped();
    if (!tree) return this.script();
    readTree(tree, (root) => {
      this.reportProblems(root, text);
      for (const child of root.namedChildren) {
        if (child && child.type !== 'comment') this.statements.push(this.range(child.startIndex, child.endIndex));
      }
      this.walk(root);
      this.linkPipelines();
      this.collectWrites();
      this.markLaterExports();
    });
    return this.script();
  }

  /**
   * tree-sitter-bash rejects some scripts that bash reads without complaint: a `[` that starts a command is
   * always the test command to it, so `[! -f x]` (bash runs the command `[!`) or `[ a b ]` in a function body
   * breaks the parse of the whole script; so do a here-string after another redirection, `` `# comment` ``
   * inside a command, `${X:+(a ${Y})}`, `${s:$i:1}` and `V=1 ns::command` (see misreadings). Such places are
   * parsed again as text of the same length that it reads as bash does, so every offset holds; words keep their
   * text, as the reader takes it from the source, not from the parsed copy. A line continuation at the very end
   * is read the same way (see withoutFinalContinuation).
   */
  private parse(): { tree: Tree | null | 'stopped'; text: string } {
    let text = withoutFinalContinuation(this.parsedAs);
    for (let round = 0; round < REPARSES; round++) {
      const tree = parseBefore(this.parser, text, this.deadline);
      const misread = tree !== 'stopped' && tree ? through(tree, () => (tree.rootNode.hasError ? misreadings(tree.rootNode, text) : [])) : [];
      if (tree === 'stopped' || !tree || misread.length === 0) return { tree, text };
      release(tree);
      text = readAs(text, misread);
    }
    return { tree: parseBefore(this.parser, text, this.deadline), text };
  }

  private stopped(): ShellScript {
    this.errors.push({
      message: `The shell parser was stopped after ${inSeconds(parseAllowance(this.parsedAs.length))} on this script (a long broken stretch, such as a run of \`|\`, takes it time that grows with the square of its length), so none of its commands is checked; fix the syntax error in it.`,
      range: this.range(0, 1),
    });
    return this.script();
  }

  private refusedPipeline(pipe: number): ShellScript {
    this.errors.push({
      message: `This line holds more than ${LONGEST_PIPELINE.toLocaleString('en')} \`|\`, more than merlint reads as shell (the shell parser, tree-sitter-bash, can run out of stack on such a line), so none of the script's commands is checked; split the line.`,
      range: this.range(pipe, pipe + 1),
    });
    return this.script();
  }

  private tooLong(): ShellScript {
    const size = `${(this.source.length / 1048576).toFixed(1)} MiB`;
    this.errors.push({
      message: `This shell script is ${size}, over the ${LONGEST_SCRIPT / 1048576} MiB merlint reads as shell, so none of its commands is checked; split it, or list it under \`ignore\` in .merlint.yaml if it is generated (a self-extracting installer).`,
      range: this.range(0, 1),
    });
    return this.script();
  }

  private script(): ShellScript {
    return { commands: this.commands, assignments: this.assignments, writes: this.writes, heredocs: this.heredocs, comments: this.comments, statements: this.statements, errors: this.errors };
  }

  /** A node's text, sliced from the script (tree-sitter's own reads it back through WebAssembly). */
  textOf(node: Node | null | undefined): string | undefined {
    return node ? this.source.slice(node.startIndex, node.endIndex) : undefined;
  }

  range(start: number, end: number): Range {
    return rangeIn(this.positions, start, end);
  }

  private walk(root: Node): void {
    const stack: Frame[] = [{ node: root, parent: undefined, function: undefined, substitution: false }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      const inner = this.visit(frame);
      if (frame.node.childCount === 0) continue;
      const children = frame.node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ node: child, parent: frame, ...inner });
      }
    }
  }

  /** Reads what the node is, and returns the context of its children. */
  private visit(frame: Frame): Omit<Frame, 'node' | 'parent'> {
    const { node, function: name, substitution } = frame;
    const context: ShellContext = { function: name, substitution, embeddedIn: this.embeddedIn };
    switch (node.type) {
      case 'function_definition':
        return { function: this.textOf(node.childForFieldName('name')) ?? name, substitution };
      case 'command_substitution':
      case 'process_substitution':
        return { function: name, substitution: true };
      case 'comment':
        if (this.depth === 0) this.comments.push({ range: this.range(node.startIndex, node.endIndex), text: this.textOf(node)!.replace(/^#/, '') });
        break;
      case 'command':
        this.readCommand(frame, context);
        break;
      case 'declaration_command':
        this.readDeclaration(node);
        break;
      case 'variable_assignment':
        if (!this.prefixes.has(node.id)) this.assignments.push(this.assignment(node, undefined, false, undefined));
        break;
      case 'heredoc_redirect':
        this.redirect(node);
        break;
      case 'redirected_statement':
        this.readRedirectedBlock(node);
        break;
      case 'pipeline':
        this.pipelines.push(frame);
        break;
    }
    return { function: name, substitution };
  }

  word(node: Node): ShellWord {
    return this.wordOf(node, this.decode(node));
  }

  /** A word's value; not static where it holds what `parsedAs` made plain: the host puts a value there that is not known here. */
  private decode(node: Node): DecodedWord {
    const decoded = decodeWord(node, this.source, this.dialect);
    if (!decoded.static || this.parsedAs === this.source) return decoded;
    for (let i = 0; i < decoded.text.length; i++) {
      const offset = decoded.offsets[i]!;
      if (this.parsedAs[offset] !== this.source[offset]) return { ...decoded, static: false };
    }
    return decoded;
  }

  wordOf(node: Node, decoded: DecodedWord): ShellWord {
    const valueStart = decoded.offsets[0]!;
    const valueEnd = decoded.static && decoded.text.length > 0 ? decoded.offsets[decoded.text.length - 1]! + 1 : decoded.offsets[decoded.text.length]!;
    const range = this.range(node.startIndex, node.endIndex);
    return {
      text: this.textOf(node)!,
      value: decoded.static ? decoded.text : undefined,
      range,
      valueRange: decoded.static ? this.range(Math.min(valueStart, valueEnd), valueEnd) : range,
      verbatim: isVerbatim(decoded, this.source),
    };
  }

  /** A part of a static word: the characters `from`..`to` of its value (the value after `=` in `GOPROXY=off`). */
  partOf(decoded: DecodedWord, from: number, to: number, text: string): ShellWord {
    const part: DecodedWord = { text: decoded.text.slice(from, to), offsets: [...decoded.offsets.slice(from, to), to < decoded.text.length ? decoded.offsets[to]! : decoded.offsets[decoded.text.length]!], static: decoded.static };
    const start = part.offsets[0]!;
    const end = part.text.length > 0 ? part.offsets[part.text.length - 1]! + 1 : start;
    return { text, value: part.static ? part.text : undefined, range: this.range(start, end), valueRange: this.range(start, end), verbatim: isVerbatim(part, this.source) };
  }

  private readCommand(frame: Frame, context: ShellContext): void {
    const { node } = frame;
    const command: CommandDraft = {
      name: undefined,
      arguments: [],
      program: undefined,
      programArguments: [],
      assignments: [],
      redirects: [],
      range: this.range(node.startIndex, node.endIndex),
      context,
      pipedFrom: undefined,
      script: undefined,
    };
    const nameNode = node.childForFieldName('name');
    const argumentNodes: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') {
        this.prefixes.add(child.id);
        command.assignments.push(this.assignment(child, undefined, true, command));
      } else if (REDIRECTS.has(child.type)) command.redirects.push(this.redirect(child));
      else if (child.type !== 'command_name' && child.type !== 'comment') argumentNodes.push(child);
    }
    command.name = nameNode ? this.word(nameNode) : undefined;
    const decoded = argumentNodes.map((argument) => this.decode(argument));
    command.arguments = argumentNodes.map((argument, i) => this.wordOf(argument, decoded[i]!));
    const statement = redirectingStatement(frame);
    if (statement) for (const redirect of statement.childrenForFieldName('redirect')) if (redirect) command.redirects.push(...this.redirects(redirect));
    skipWrappers(this, command, argumentNodes, decoded);
    this.commands.push(command);
    this.commandsById.set(node.id, command);
    this.assignments.push(...(command.assignments as Mutable<ShellAssignment>[]));
    if (this.depth < DEEPEST_EMBEDDING) embeddedScript(this, command, decoded);
  }

  /**
   * A script held by a command's word or heredoc, read with its positions mapped through this
   * script's. Its syntax errors count only when its text is known (`sh -c '…'`): text built at run
   * time (`eval "[[ \${$1} ]]"`, a string with `$X` in it) is not what the shell will parse.
   */
  nested(script: DecodedWord, embeddedIn: ShellCommand, errorsCount: boolean, dialect = this.dialect): ShellScript {
    const { text, offsets } = script;
    const reader = new ScriptReader(this.parser, text, offsetPositions(this.positions, offsets), embeddedIn, this.depth + 1, text, this.deadline, dialect);
    const nested = reader.read();
    this.commands.push(...reader.commands);
    this.assignments.push(...reader.assignments);
    this.writes.push(...reader.writes);
    this.heredocs.push(...reader.heredocs);
    if (errorsCount && script.static) this.errors.push(...reader.errors);
    return nested;
  }

  private readDeclaration(node: Node): void {
    const keyword = node.child(0)?.type;
    if (!keyword || !DECLARATIONS.has(keyword)) return;
    let exported = keyword === 'export';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'word' && /^-[a-zA-Z]*x/.test(this.textOf(child)!)) exported = true;
      else if (child.type === 'word' && /^\+[a-zA-Z]*x/.test(this.textOf(child)!)) exported = false;
      else if (child.type === 'variable_assignment') {
        this.prefixes.add(child.id);
        this.assignments.push(this.assignment(child, keyword as AssignmentKeyword, exported, undefined));
      } else if (child.type === 'variable_name') {
        const range = this.range(child.startIndex, child.endIndex);
        this.assignments.push({ name: this.textOf(child)!, nameRange: range, value: undefined, range, keyword: keyword as AssignmentKeyword, exported, append: false, prefixOf: undefined });
      }
    }
  }

  private assignment(node: Node, keyword: AssignmentKeyword | undefined, exported: boolean, prefixOf: ShellCommand | undefined): Mutable<ShellAssignment> {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const operator = node.children.find((child) => child?.type === '=' || child?.type === '+=');
    const afterOperator = operator?.endIndex ?? node.endIndex;
    const value: ShellWord = valueNode
      ? this.word(valueNode)
      : { text: '', value: '', range: this.range(afterOperator, afterOperator), valueRange: this.range(afterOperator, afterOperator), verbatim: true };
    return {
      name: this.textOf(nameNode) ?? '',
      nameRange: this.range(nameNode?.startIndex ?? node.startIndex, nameNode?.endIndex ?? node.startIndex),
      value,
      range: this.range(node.startIndex, node.endIndex),
      keyword,
      exported: exported || prefixOf !== undefined,
      append: operator?.type === '+=',
      prefixOf,
    };
  }

  /** A redirection, and those tree-sitter nests in a heredoc's (`cat <<EOF > f`). */
  private redirects(node: Node): ShellRedirect[] {
    const nested = node.type === 'heredoc_redirect' ? node.childrenForFieldName('redirect').filter((child): child is Node => child !== null && REDIRECTS.has(child.type)) : [];
    return [this.redirect(node), ...nested.map((child) => this.redirect(child))];
  }

  /** The script a shell reads on stdin from a heredoc or here-string of its command. */
  stdinOf(command: ShellCommand): DecodedWord | undefined {
    for (const redirect of command.redirects) {
      const input = this.inputs.get(redirect);
      if (input) return input;
    }
    return undefined;
  }

  private redirect(node: Node): ShellRedirect {
    const known = this.redirectsById.get(node.id);
    if (known) return known;
    const descriptor = node.childForFieldName('descriptor');
    const operator = node.children.find((child) => child !== null && !child.isNamed && child.type !== '-')?.type ?? '';
    const destination = node.childForFieldName('destination') ?? (node.type === 'herestring_redirect' ? node.namedChildren.find((child) => child !== null && child.type !== 'file_descriptor') : null);
    const redirect: ShellRedirect = {
      operator,
      descriptor: descriptor ? Number(this.textOf(descriptor)) : undefined,
      target: destination ? this.word(destination) : undefined,
      heredoc: node.type === 'heredoc_redirect' ? this.heredoc(node) : undefined,
      range: this.range(node.startIndex, node.endIndex),
    };
    this.redirectsById.set(node.id, redirect);
    const input = node.type === 'heredoc_redirect' ? heredocInput(node, this.source, redirect.heredoc) : destination && node.type === 'herestring_redirect' ? this.decode(destination) : undefined;
    if (input) this.inputs.set(redirect, input);
    return redirect;
  }

  private heredoc(node: Node): ShellHeredoc | undefined {
    const start = node.namedChildren.find((child) => child?.type === 'heredoc_start');
    const body = node.namedChildren.find((child) => child?.type === 'heredoc_body');
    if (!start) return undefined;
    const delimiter = decodeWord(start, this.source);
    const quoted = /['"\\]/.test(this.textOf(start)!);
    // tree-sitter-bash takes a first body line that starts with a backslash (`\$HOME`) for a word; the body starts with that line.
    const firstLine = node.namedChildren.find((child) => child?.type === 'word' && this.source[child.startIndex] === '\n');
    const bodyStart = firstLine ? firstLine.startIndex + 1 : (body?.startIndex ?? node.endIndex);
    const text = body ? this.source.slice(bodyStart, body.endIndex) : '';
    const lines: { text: string; range: Range }[] = [];
    let lineStart = 0;
    for (const line of text.split('\n')) {
      if (lineStart < text.length) lines.push({ text: line, range: this.range(bodyStart + lineStart, bodyStart + lineStart + line.length) });
      lineStart += line.length + 1;
    }
    const heredoc: ShellHeredoc = {
      delimiter: delimiter.text.replace(/['"]/g, ''),
      expands: !quoted,
      body: text,
      bodyRange: this.range(bodyStart, bodyStart + text.length),
      lines,
    };
    this.heredocs.push(heredoc);
    return heredoc;
  }

  /** `{ …; } > f`, `while …; done > f`: the redirections apply to every command inside. */
  private readRedirectedBlock(node: Node): void {
    const body = node.childForFieldName('body');
    const redirected = body && redirectedNode(body);
    if (!redirected || redirected.type === 'command') return;
    const redirects = node.childrenForFieldName('redirect').flatMap((child) => (child ? this.redirects(child) : []));
    this.redirectedBlocks.push({ node: redirected, redirects });
  }

  private linkPipelines(): void {
    for (const { node: pipeline, parent } of this.pipelines) {
      const parts = pipeline.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
      // `cat <<EOF | tee f`: tree-sitter puts the pipeline inside the heredoc redirection of `cat`.
      const outer = parent?.node.type === 'heredoc_redirect' ? parent.parent?.node : undefined;
      let previous = outer ? this.mainCommand(outer) : undefined;
      for (const part of parts) {
        const command = this.mainCommand(part);
        if (command && previous) command.pipedFrom = previous;
        previous = command;
      }
    }
  }

  private mainCommand(node: Node): CommandDraft | undefined {
    if (node.type === 'command') return this.commandsById.get(node.id);
    if (node.type === 'redirected_statement') {
      const body = node.childForFieldName('body');
      return body ? this.mainCommand(body) : undefined;
    }
    return undefined;
  }

  private collectWrites(): void {
    this.redirectPipelineEnds();
    const own = this.commands.filter((command) => command.context.embeddedIn === this.embeddedIn);
    const byStart = this.redirectedBlocks.length > 0 ? [...own].sort((a, b) => comparePositions(a.range.start, b.range.start)) : [];
    const blockWriters = this.redirectedBlocks.map(({ node, redirects }) => ({ redirects, writers: commandsWithin(byStart, this.range(node.startIndex, node.endIndex)) }));
    const writes = [
      ...own.flatMap((command) => writtenFiles(command, command.redirects, [command])),
      ...blockWriters.flatMap(({ redirects, writers }) => writtenFiles(writers[0], redirects, writers)),
    ];
    this.writes.push(...writes.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column));
  }

  /** `a | b > f`: tree-sitter redirects the pipeline; the shell redirects its last command. */
  private redirectPipelineEnds(): void {
    for (const block of this.redirectedBlocks.filter(({ node }) => node.type === 'pipeline')) {
      const parts = block.node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
      const last = parts.length > 0 ? this.mainCommand(parts[parts.length - 1]!) : undefined;
      if (!last) continue;
      last.redirects.push(...block.redirects);
      block.redirects = [];
    }
  }

  /** `X=v` then `export X`: the assignment reaches the environment too. */
  private markLaterExports(): void {
    const exportedAt = new Map<string, number>();
    this.assignments.forEach((assignment, index) => {
      if (assignment.exported && assignment.value === undefined) exportedAt.set(assignment.name, index);
    });
    this.assignments.forEach((assignment, index) => {
      if ((exportedAt.get(assignment.name) ?? -1) > index && !assignment.prefixOf) assignment.exported = true;
    });
  }

  private reportProblems(root: Node, parsedText: string): void {
    const found = problems(root);
    const caseGroup = refusedCaseGroup(root, parsedText);
    const first = found[0];
    const stop = first && this.stopAt(first, root, parsedText);
    const errors = found.length + (caseGroup === undefined ? 0 : 1);
    if (errors === 0) return;
    const { start, token, what } = caseGroup !== undefined && (!stop || caseGroup < stop.start) ? { start: caseGroup, token: '(', what: 'unexpected `(`' } : stop!;
    const more = errors > 1 ? ` (and ${errors - 1} more error${errors > 2 ? 's' : ''} after it)` : '';
    this.errors.push({
      message: `Shell syntax error: ${what}${more}. A shell stops at this point when it runs the script; check the quoting and the closing \`fi\`, \`done\`, \`esac\`, \`}\` or \`)\` before it. merlint still checks the commands it could read.`,
      range: this.range(start, start + Math.max(token.length, 1)),
    });
  }

  /** Where bash stops at tree-sitter-bash's first problem, the token there and what is wrong with it. */
  private stopAt(first: Node, root: Node, parsedText: string): { start: number; token: string; what: string } {
    const at = stopNode(first);
    const text = this.textOf(at)!;
    const refusedGroup = first.isMissing ? undefined : this.refusedExtglobGroup(first, root, parsedText);
    const token = refusedGroup !== undefined ? '(' : first.isMissing ? '' : firstToken(text);
    const what = first.isMissing ? `missing \`${first.type}\`` : `unexpected \`${token}\``;
    return { start: refusedGroup ?? at.startIndex + (first.isMissing ? 0 : Math.max(0, text.indexOf(token))), token, what };
  }

  /**
   * Where bash stops in an ERROR that holds an extglob group it refuses (extglob not set on an earlier line): at the
   * group's `(`, which tree-sitter-bash may report lines before (from the start of the function around it). Only when
   * the groups read as words leave no problem before it; otherwise tree-sitter-bash's place stands.
   */
  private refusedExtglobGroup(error: Node, root: Node, text: string): number | undefined {
    const groups = refusedExtglobGroups(root, text, error.startIndex, error.endIndex);
    if (groups.length === 0) return undefined;
    const paren = groups[0]!.start + 1;
    const tree = parseBefore(this.parser, readAs(text, groups.flatMap((group) => groupAsWord(text, group))), this.deadline);
    if (tree === 'stopped') return undefined;
    const stop = tree ? readTree(tree, firstStop) : undefined;
    return stop === undefined || stop > paren ? paren : undefined;
  }
}

/** The offset of the first `|` past `most` in one line of `text` (lines continued by a backslash are one), if any. */
function pipeBeyond(text: string, most: number): number | undefined {
  let count = 0;
  let lineBreak = text.indexOf('\n');
  for (let pipe = text.indexOf('|'); pipe !== -1; pipe = text.indexOf('|', pipe + 1)) {
    for (; lineBreak !== -1 && lineBreak < pipe; lineBreak = text.indexOf('\n', lineBreak + 1)) if (!continued(text, lineBreak)) count = 0;
    if (++count > most) return pipe;
  }
  return undefined;
}

/** Whether the line that ends at `lineBreak` (a `\n`) goes on to the next: a backslash before it, or before its `\r`. */
function continued(text: string, lineBreak: number): boolean {
  return text[lineBreak - 1] === '\\' || (text[lineBreak - 1] === '\r' && text[lineBreak - 2] === '\\');
}

/** tree-sitter failed on a script: on this one, or on one it holds, which starts at `range`. */
export class ScriptFailure extends Error {
  constructor(
    readonly failure: ParserFailure,
    readonly range: Range,
  ) {
    super(failure.message);
  }
}

function heredocInput(node: Node, source: string, heredoc: ShellHeredoc | undefined): DecodedWord | undefined {
  const body = node.namedChildren.find((child) => child?.type === 'heredoc_body');
  return body && heredoc ? decodeHeredocBody(body, source, heredoc.expands) : undefined;
}

/** Where bash stops at the first problem tree-sitter-bash found, if any. */
function firstStop(root: Node): number | undefined {
  const [problem] = problems(root);
  return problem && stopNode(problem).startIndex;
}

/** Where bash stops at a problem tree-sitter-bash found: the MISSING node, or where its ERROR goes wrong. */
function stopNode(problem: Node): Node {
  return problem.isMissing ? problem : firstIncomplete(problem);
}

/**
 * Where an ERROR node goes wrong: tree-sitter wraps the complete statements before the problem into it too
 * (an unclosed `if` at line 50 makes an ERROR from line 1), so the first child that is not one of them.
 */
function firstIncomplete(error: Node): Node {
  return error.children.find((child) => child !== null && !(STATEMENTS.has(child.type) && !child.hasError)) ?? error;
}

interface Misreading {
  at: number;
  /** Text of the same length that tree-sitter-bash reads as bash reads the original. */
  readAs: string;
}

/** Where tree-sitter-bash misread what bash accepts: comment substitutions anywhere, the rest found at an ERROR or MISSING node or next to one. */
function misreadings(root: Node, text: string): Misreading[] {
  const found = [...commentSubstitutions(text), ...subshellsInSubstitutions(text), ...extglobGroups(root, text), ...postfixInSubstrings(root, text), ...bareHeredocs(root, text), ...quotedParensInRegexes(root, text)];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (!child) continue;
      found.push(
        ...misreadBracket(node, child, text),
        ...misreadInExpansion(node, child, text),
        ...misreadCommandName(child, text),
        ...misreadHereString(child, text),
        ...misreadClosingBrace(child, text),
        ...misreadCasePattern(node, child, text),
        ...misreadLastFallThrough(child, text),
        ...misreadReadWrite(node, child, text),
        ...misreadHeredocBackquote(node, child, text),
        ...misreadDollarBeforeParen(child, text),
        ...misreadBasePrefix(child, text),
        ...misreadPatternTest(node, child, text),
        ...misreadAssignedHeredoc(node, child, text),
      );
      stack.push(child);
    }
  }
  return found;
}

/** A `[` starting a command where no test could be read (left in an ERROR, or glued to the next word, `[!`, which bash reads as part of that word): a plain word. */
function misreadBracket(node: Node, child: Node, text: string): Misreading[] {
  const bracket = node.type === 'ERROR' ? child : child.type === 'test_command' ? child.firstChild : null;
  if (bracket?.type !== '[' || !startsCommand(text, bracket.startIndex)) return [];
  return node.type === 'ERROR' || /\S/.test(text[bracket.endIndex] ?? ' ') ? [{ at: bracket.startIndex, readAs: '_' }] : [];
}

/**
 * In `${X:+(a ${Y})}` a `)` after a nested expansion, in `"${X:-[\"a\"]}"` (a default JSON list, as in temporal's schema scripts)
 * the `[`, and in `${text:$i:1}` an offset given as `$i`: literal characters and a variable to bash.
 */
function misreadInExpansion(node: Node, child: Node, text: string): Misreading[] {
  if (node.type !== 'expansion') return [];
  if (child.type === 'word' && text[child.startIndex] === ')' && child.endIndex === child.startIndex + 1 && node.children.some((sibling) => sibling?.type === 'ERROR')) return [{ at: child.startIndex, readAs: '_' }];
  if (child.type === 'ERROR' && text[child.startIndex] === '[' && child.endIndex === child.startIndex + 1) return [{ at: child.startIndex, readAs: '_' }];
  if (child.isMissing && child.type === '}' && child.previousSibling?.type === ':' && text[child.startIndex] === '$') return [{ at: child.startIndex, readAs: '_' }];
  if (node.children.some((sibling) => sibling?.type === 'ERROR')) return anglesInWord(child, text);
  return [];
}

/**
 * The `<` and `>` of a default or replacement (`${x:-a>b}`, `${line//x/<b>${m}<b>}`, as cert-manager's help.sh writes
 * markup), which tree-sitter-bash takes for redirections after another part: plain characters to bash. Those inside
 * a nested expansion, substitution or string are left to their own node.
 */
function anglesInWord(child: Node, text: string): Misreading[] {
  if (OWN_WORDS.has(child.type)) return [];
  if (child.type === '<' || child.type === '>') return [{ at: child.startIndex, readAs: '_' }];
  if (child.childCount > 0) return child.children.flatMap((part) => (part ? anglesInWord(part, text) : []));
  const found: Misreading[] = [];
  for (let at = child.startIndex; at < child.endIndex; at++) if (text[at] === '<' || text[at] === '>') found.push({ at, readAs: '_' });
  return found;
}

/** Nodes whose text is read on its own terms inside an expansion's word. */
const OWN_WORDS = new Set(['expansion', 'simple_expansion', 'command_substitution', 'process_substitution', 'string', 'raw_string', 'ansi_c_string', 'arithmetic_expansion']);

/**
 * `V=2 kube::log::status …`, `A=1 B=2 ns::cmd`: after assignments, a command name with colons (each read as `_`).
 * tree-sitter-bash leaves the name's first part, read as a variable name, in an ERROR with the assignments after the first.
 */
function misreadCommandName(child: Node, text: string): Misreading[] {
  if (child.type !== 'ERROR') return [];
  const name = child.children.find((part) => part?.type === 'variable_name' && text[part.endIndex] === ':');
  const before = name ? (name.previousSibling ?? child.previousSibling) : null;
  if (!name || !ASSIGNMENTS.has(before?.type ?? '')) return [];
  const found: Misreading[] = [];
  for (let at = name.startIndex; at < text.length && !/[\s;&|()<>]/.test(text[at]!); at++) if (text[at] === ':') found.push({ at, readAs: '_' });
  return found;
}

/** A here-string left over after another redirection (`jq . >/dev/null <<<"$x"`): a redirection from a file, which it can read there. */
function misreadHereString(child: Node, text: string): Misreading[] {
  return child.type === 'ERROR' && text.startsWith('<<<', child.startIndex) && child.endIndex === child.startIndex + 2 ? [{ at: child.startIndex, readAs: '  <' }] : [];
}

/**
 * `{ if …; fi }`, `f() { [[ … ]] }`: a `}` after a compound command on the same line, which bash takes as the close without
 * a `;` before it; tree-sitter-bash reports the `;` missing or the `}` unexpected. The blank before the `}` is read as the `;`.
 */
function misreadClosingBrace(child: Node, text: string): Misreading[] {
  const brace = child.isMissing && child.type === ';' ? child.nextSibling : child.type === 'ERROR' ? child : null;
  if (!brace || text[brace.startIndex] !== '}' || brace.endIndex !== brace.startIndex + 1) return [];
  const blank = brace.startIndex - 1;
  return AFTER_COMPOUND_COMMAND.test(text.slice(Math.max(0, blank - 5), blank + 1)) ? [{ at: blank, readAs: ';' }] : [];
}

/** The end of a compound command (`fi`, `done`, `esac`, `]]`, `))`, `)`, `}`) and one blank. */
const AFTER_COMPOUND_COMMAND = /(?:(?:^|[\s;&|])(?:fi|done|esac)|\]\]|\)|\})[ \t]$/;

/**
 * `*"a (c) "*" b")`: a case pattern where globs and quoted strings alternate, which tree-sitter-bash cannot read. From the
 * unreadable place to the `)` that ends the pattern, each quoted string (with no expansion in it) is read as plain characters.
 */
function misreadCasePattern(node: Node, child: Node, text: string): Misreading[] {
  if (child.type !== 'ERROR' || (node.type !== 'case_statement' && node.type !== 'case_item')) return [];
  const found: Misreading[] = [];
  for (let at = child.startIndex; at < text.length && text[at] !== ')' && text[at] !== '\n'; at++) {
    const quote = text[at]!;
    if (quote !== '"' && quote !== "'") continue;
    const close = text.indexOf(quote, at + 1);
    if (close === -1 || /[\n$`\\]/.test(text.slice(at + 1, close))) break;
    found.push({ at, readAs: '_'.repeat(close + 1 - at) });
    at = close;
  }
  return found;
}

/** `;&` or `;;&` ending the last branch of a case, where bash has no branch left to go on to: read as `;;`. */
function misreadLastFallThrough(child: Node, text: string): Misreading[] {
  if ((child.type !== ';&' && child.type !== ';;&') || child.parent?.type !== 'case_item' || !/^\s*esac\b/.test(text.slice(child.endIndex, child.endIndex + 100))) return [];
  return [{ at: child.startIndex, readAs: child.type === ';&' ? ';;' : ';; ' }];
}

/** `$(go list ./... | grep -v fosite$)`: a `$` just before a `)`, which starts no expansion, so a plain character to bash (a regular expression's end). */
function misreadDollarBeforeParen(child: Node, text: string): Misreading[] {
  return child.type === 'ERROR' && text.startsWith('$)', child.startIndex) ? [{ at: child.startIndex, readAs: '_' }] : [];
}

/**
 * `<< 'COMMENT'` … `COMMENT` with no command before it, a block comment some scripts use: bash runs no command and feeds the
 * body to nothing, where tree-sitter-bash wants a command before `<<` and reads the body as commands. The whole heredoc, from
 * `<<` to its closing line (or the end of the script, as bash reads an unclosed one), is read as blanks. Taken in order, each
 * line is read once: a bare `<<` inside an earlier one's body is part of that body.
 */
function bareHeredocs(root: Node, text: string): Misreading[] {
  const openers = errorsAt(root, (node) => text.startsWith('<<', node.startIndex) && text[node.startIndex + 2] !== '<' && startsCommand(text, node.startIndex));
  const found: Misreading[] = [];
  let covered = 0;
  for (const at of openers) {
    const end = at < covered ? undefined : bareHeredocEnd(text, at);
    if (end === undefined) continue;
    found.push({ at, readAs: text.slice(at, end).replace(/[^\n]/g, ' ') });
    covered = end;
  }
  return found;
}

/** The offsets, in order, at which ERROR nodes that `accept` start. */
function errorsAt(root: Node, accept: (node: Node) => boolean): number[] {
  const found = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' && accept(node)) found.add(node.startIndex);
    for (const child of node.children) if (child?.hasError) stack.push(child);
  }
  return [...found].sort((a, b) => a - b);
}

/** `<<` or `<<-`, the delimiter (quoted or not) and nothing else on the line but a comment. */
const BARE_HEREDOC_OPENER = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([\w.-]+))[ \t]*(?:#.*)?\r?$/;

/** Where the heredoc opened by a bare `<<` at `at` ends: the end of its delimiter line, else the end of the text. */
function bareHeredocEnd(text: string, at: number): number | undefined {
  const opener = BARE_HEREDOC_OPENER.exec(text.slice(at, lineEnd(text, at)));
  if (!opener) return undefined;
  const delimiter = opener[2] ?? opener[3] ?? opener[4]!;
  for (let start = lineEnd(text, at) + 1; start < text.length; start = lineEnd(text, start) + 1) {
    const line = text.slice(start, lineEnd(text, start)).replace(/\r$/, '');
    if ((opener[1] ? line.replace(/^\t+/, '') : line) === delimiter) return lineEnd(text, start);
  }
  return text.length;
}

/**
 * `$((ctl status || echo 0) | tail -n1)`: bash reads `$((` as arithmetic only when the `)` that closes its second `(` is
 * followed by another; otherwise it is a substitution whose command starts with a subshell. tree-sitter-bash reads every `$((`
 * as arithmetic. The subshell's parentheses are read as blanks: the same commands, only no longer grouped. Only a subshell
 * closed on its own line, outside quotes, is read so; each line is read once.
 */
function subshellsInSubstitutions(text: string): Misreading[] {
  const found: Misreading[] = [];
  let line = { start: 0, end: -1 };
  let closes = new Map<number, number>();
  for (let at = text.indexOf('$(('); at !== -1; at = text.indexOf('$((', at + 3)) {
    if (at > line.end) {
      line = { start: text.lastIndexOf('\n', at) + 1, end: lineEnd(text, at) };
      closes = matchingParens(text, line.start, line.end);
    }
    const close = closes.get(at + 2);
    if (close !== undefined && text[close + 1] !== ')' && text[at - 1] !== '\\') found.push({ at: at + 2, readAs: ' ' }, { at: close, readAs: ' ' });
  }
  return found;
}

/** The `)` that closes each `(` of text[start, end), by the offset of the `(`; quoted strings and escaped characters skipped. */
function matchingParens(text: string, start: number, end: number): Map<number, number> {
  const closes = new Map<number, number>();
  const opens: number[] = [];
  for (let at = start; at < end; at++) {
    const character = text[at];
    if (character === '\\') at++;
    else if (character === "'" || character === '"') at = closingQuote(text, character, at + 1, end);
    else if (character === '(') opens.push(at);
    else if (character === ')' && opens.length > 0) closes.set(opens.pop()!, at);
  }
  return closes;
}

/** The offset of the quote that ends a string from `from` (in `"…"` a backslash escapes the next character); `end` if none does before it. */
function closingQuote(text: string, quote: "'" | '"', from: number, end: number): number {
  for (let at = from; at < end; at++) {
    if (quote === '"' && text[at] === '\\') at++;
    else if (text[at] === quote) return at;
  }
  return end;
}

/**
 * `3<> file`, a file opened for reading and writing, where tree-sitter-bash reads only `<`: the `>` read as a blank.
 * After a named descriptor (`exec {fd}<>"$lock"`) it leaves the `<` alone in an ERROR instead: that `<` read as a blank.
 */
function misreadReadWrite(node: Node, child: Node, text: string): Misreading[] {
  if (child.type !== 'ERROR') return [];
  if (node.type === 'file_redirect' && text.startsWith('<>', child.startIndex - 1)) return [{ at: child.startIndex, readAs: ' ' }];
  const afterNamedDescriptor = text[child.startIndex - 1] === '}' && child.endIndex === child.startIndex + 1;
  return afterNamedDescriptor && text.startsWith('<>', child.startIndex) ? [{ at: child.startIndex, readAs: ' ' }] : [];
}

/**
 * Escaped backquotes in a heredoc's body (`const t = \``), in a script that has a backquote substitution too: tree-sitter-bash
 * may pair them with the substitution's, and takes a first body line starting with one for a word. Read as plain characters.
 */
function misreadHeredocBackquote(node: Node, child: Node, text: string): Misreading[] {
  if (node.type !== 'heredoc_redirect' || (child.type !== 'word' && child.type !== 'heredoc_body')) return [];
  const found: Misreading[] = [];
  for (let at = text.indexOf('\\`', child.startIndex); at !== -1 && at < child.endIndex; at = text.indexOf('\\`', at + 2)) found.push({ at: at + 1, readAs: '_' });
  return found;
}

/**
 * `$((10#$minor))`, a number in base 10 whatever its leading zeros (lnd's tag-release.sh), where tree-sitter-bash reads a
 * base only before a literal or `${…}`: the base read as blanks, as the number's value is never needed.
 */
function misreadBasePrefix(child: Node, text: string): Misreading[] {
  if (child.type !== 'ERROR' || text[child.endIndex] !== '$' || !/^\d+#$/.test(text.slice(child.startIndex, child.endIndex))) return [];
  return [{ at: child.startIndex, readAs: ' '.repeat(child.endIndex - child.startIndex) }];
}

/**
 * `[[ $f = /var/log/lfd.log && … ]]` (photoprism's check.sh): tree-sitter-bash reads a pattern after `=` that holds a `/` or a `.`
 * as a regular expression that must close the test, where `==`, which means the same to bash, lets the test go on. The `=` and the
 * blank after it are read as `==`.
 */
function misreadPatternTest(node: Node, child: Node, text: string): Misreading[] {
  const blank = text[child.endIndex];
  return node.type === 'binary_expression' && child.type === '=' && child.nextSibling?.type === 'regex' && (blank === ' ' || blank === '\t') ? [{ at: child.startIndex, readAs: '==' }] : [];
}

/**
 * `body=<<EOF`, an empty assignment with a heredoc right after its `=` (caf-terraform-landingzones' deploy_platform.sh), where
 * tree-sitter-bash wants a value or a blank (an ERROR at the `<<`, or a missing word before it). bash assigns the empty string and feeds the body to no command, as `:` does: the
 * name and `=` are read as `:` and blanks. A command after the heredoc (`x=<<EOF cat`) is then read as an argument of `:`.
 */
function misreadAssignedHeredoc(node: Node, child: Node, text: string): Misreading[] {
  const unread = child.type === 'ERROR' || (child.isMissing && child.type === 'word');
  if (node.type !== 'variable_assignment' || !unread || child.previousSibling?.type !== '=' || !text.startsWith('<<', child.startIndex)) return [];
  return [{ at: node.startIndex, readAs: `:${' '.repeat(child.startIndex - node.startIndex - 1)}` }];
}

/**
 * `[[ $title =~ .*"(backport".* ]]`: a quoted `(` or `)` in a regular expression, a literal character to bash, after which
 * tree-sitter-bash loses the expression (rook's gen_release_notes.sh). On a line with an error, such characters of the word
 * after a `=~` in a `[[` are read as `_`, which changes no command.
 */
function quotedParensInRegexes(root: Node, text: string): Misreading[] {
  const found: Misreading[] = [];
  for (const line of errorLines(root, text)) {
    const written = text.slice(line.start, line.end);
    for (const match of written.matchAll(REGEX_OPERATOR)) {
      if (written.lastIndexOf('[[', match.index) === -1) continue;
      found.push(...quotedParensOfWord(text, line.start + match.index + match[0].length, line.end));
    }
  }
  return found;
}

/** A `=~` between blanks, and the blanks after it. */
const REGEX_OPERATOR = /(?<=\s)=~\s+/g;

/** The `(` and `)` inside quotes in the word at `start` (up to a blank outside quotes), each read as `_`. */
function quotedParensOfWord(text: string, start: number, end: number): Misreading[] {
  const found: Misreading[] = [];
  for (let at = start; at < end && !/\s/.test(text[at]!); at++) {
    const quote = text[at];
    if (quote === '\\') at++;
    if (quote !== '"' && quote !== "'") continue;
    const close = closingQuote(text, quote, at + 1, end);
    for (let inside = at + 1; inside < close; inside++) if (text[inside] === '(' || text[inside] === ')') found.push({ at: inside, readAs: '_' });
    at = close;
  }
  return found;
}

/** `` `# why` `` inside a long command: a substitution of a comment, which bash expands to nothing, so blanked. */
function commentSubstitutions(text: string): Misreading[] {
  return [...text.matchAll(/`#[^`\n]*`/g)].map((match) => ({ at: match.index, readAs: ' '.repeat(match[0].length) }));
}

/**
 * `rm -fr * .!(|.|git)` after `shopt -s extglob`: a pattern group (`?(…)`, `*(…)`, `+(…)`, `@(…)`, `!(…)`) that bash reads
 * as part of a word, and tree-sitter-bash as a subshell. bash decides when it parses the line, so only a `shopt -s extglob`
 * run before it counts: a top-level command on an earlier line (in the same line, or inside the same `if` or function,
 * bash has not run it yet and refuses the group). Groups on a line with an error are read with their `(`, `|` and `)` as `_`.
 */
function extglobGroups(root: Node, text: string): Misreading[] {
  const switches = extglobSwitches(root, text);
  return errorLines(root, text)
    .filter((line) => extglobOnAt(switches, line.start))
    .flatMap((line) => groupsIn(text, line.start, line.end).flatMap((group) => groupAsWord(text, group)));
}

/** The extglob groups bash refuses (extglob not set on an earlier line) that start in text[from, to), in order. */
function refusedExtglobGroups(root: Node, text: string, from: number, to: number): TextSpan[] {
  const found: TextSpan[] = [];
  const switches = extglobSwitches(root, text);
  for (let lineStart = text.lastIndexOf('\n', from - 1) + 1; lineStart < to; ) {
    const end = lineEnd(text, lineStart);
    const groups = groupsIn(text, lineStart, end).filter((group) => group.start >= from && group.start < to);
    if (groups.length > 0 && !extglobOnAt(switches, lineStart)) found.push(...groups);
    lineStart = end + 1;
  }
  return found;
}

interface TextSpan {
  start: number;
  end: number;
}

/** The extglob groups on the line text[lineStart, end), from their `?*+@!` to their `)`. */
function groupsIn(text: string, lineStart: number, end: number): TextSpan[] {
  return [...text.slice(lineStart, end).matchAll(EXTGLOB_GROUP)].map((match) => {
    const start = lineStart + match.index + match[1]!.length;
    return { start, end: start + match[2]!.length };
  });
}

/** A group read as part of a word: its `?*+@!`, `(`, `|` and `)` as `_`. */
function groupAsWord(text: string, group: TextSpan): Misreading[] {
  const found: Misreading[] = [];
  for (let at = group.start; at < group.end; at++) if ('?*+@!()|'.includes(text[at]!)) found.push({ at, readAs: '_' });
  return found;
}

/**
 * The text with the misread places read as given, a later one over an earlier. Written into the text's characters
 * once: splicing the whole text for each place took time that grows with the square of the text (a function of
 * 40,000 refused extglob groups, 280 KB, took 45 s).
 */
function readAs(text: string, misread: readonly Misreading[]): string {
  if (misread.length === 0) return text;
  const characters = text.split('');
  for (const { at, readAs: plain } of misread) for (let i = 0; i < plain.length; i++) characters[at + i] = plain[i]!;
  return characters.join('');
}

/**
 * `${spin:i++%${#spin}:1}`: a substring's offset or length may be any arithmetic, and tree-sitter-bash's reading of it has no
 * postfix `++` or `--`. On a line with an error, the operator's second character is read as `0` (`i+0`), which it can read.
 */
function postfixInSubstrings(root: Node, text: string): Misreading[] {
  const found: Misreading[] = [];
  for (const line of errorLines(root, text)) {
    for (const match of text.slice(line.start, line.end).matchAll(SUBSTRING_POSTFIX)) found.push({ at: line.start + match.index + match[0].length - 1, readAs: '0' });
  }
  return found;
}

/** From a substring expansion's `${name:` (not `:-`, `:=`, `:?`, `:+`) to a variable's postfix `++` or `--` before its `}`. */
const SUBSTRING_POSTFIX = /\$\{[A-Za-z_]\w*:(?![-=?+])[^}]*?[A-Za-z_]\w*(?:\+\+|--)/g;

/**
 * `case $x in @(a|b))` where extglob is not set on an earlier line (as for every group, `extglobGroups`): bash refuses the
 * group at its `(`, where tree-sitter-bash reads a case pattern's group whether extglob is set or not. The first such `(`.
 */
function refusedCaseGroup(root: Node, text: string): number | undefined {
  if (!CASE.test(text) || !GROUP_OPENING.test(text)) return undefined;
  let switches: ExtglobSwitch[] | undefined;
  // Found by tree-sitter (in document order), not by a walk of every node here.
  for (const pattern of root.descendantsOfType('extglob_pattern')) {
    const group = pattern.parent?.type === 'case_item' ? GROUP_OPENING.exec(text.slice(pattern.startIndex, pattern.endIndex)) : null;
    const paren = group ? pattern.startIndex + group.index + 1 : undefined;
    if (paren === undefined) continue;
    switches ??= extglobSwitches(root, text);
    if (!extglobOnAt(switches, text.lastIndexOf('\n', paren - 1) + 1)) return paren;
  }
  return undefined;
}

const CASE = /\bcase\b/;
/** The opening of an extglob group, up to its `(`. */
const GROUP_OPENING = /[?*+@!]\(/;

/** An extglob group after a word character, a blank or an assignment's `=`, with no nested group, quote or expansion in it. */
const EXTGLOB_GROUP = /(^|[\s\w.\/*\]=-])([?*+@!]\([^()'"`$\n]*\))/g;

/** The lines on which an ERROR or MISSING node starts. */
function errorLines(root: Node, text: string): { start: number; end: number }[] {
  const starts = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) starts.add(text.lastIndexOf('\n', node.startIndex - 1) + 1);
    for (const child of node.children) if (child?.hasError) stack.push(child);
  }
  return [...starts].map((start) => ({ start, end: lineEnd(text, start) }));
}

/** Where a top-level `shopt` sets or unsets extglob: the offset its statement ends at, and whether extglob is on after it. */
interface ExtglobSwitch {
  end: number;
  on: boolean;
}

/** The script's extglob switches, in order: read once for every line asked about (the statements of a script are read through WebAssembly). */
function extglobSwitches(root: Node, text: string): ExtglobSwitch[] {
  const switches: ExtglobSwitch[] = [];
  for (const statement of root.namedChildren) {
    if (!statement) break;
    const words = text.slice(statement.startIndex, statement.endIndex).split(/\s+/);
    if (words[0] === 'shopt' && words.includes('extglob')) switches.push({ end: statement.endIndex, on: words.includes('-s') ? true : words.includes('-u') ? false : (switches.at(-1)?.on ?? false) });
  }
  return switches;
}

/** Whether the last switch of extglob on a line before `lineStart` sets it. */
function extglobOnAt(switches: readonly ExtglobSwitch[], lineStart: number): boolean {
  let on = false;
  for (const { end, on: after } of switches) {
    if (end >= lineStart) break;
    on = after;
  }
  return on;
}

/** bash ends the last command at the end of the script even after a line continuation (a backslash ending the last line), where tree-sitter-bash reports an error: that backslash is read as a space. */
function withoutFinalContinuation(text: string): string {
  let end = text.length;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  let backslashes = 0;
  while (text[end - 1 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 1 ? `${text.slice(0, end - 1)} ${text.slice(end)}` : text;
}

/** Whether a word at `offset` is in command position: first on its line, or after an operator, `(`, `{`, `!` or a reserved word. */
function startsCommand(text: string, offset: number): boolean {
  let end = offset;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end === 0 || '\n;&|({!'.includes(text[end - 1]!) || /(?:^|\W)(?:if|then|else|elif|do|while|until)$/.test(text.slice(Math.max(0, end - 6), end));
}

/** The first word of an unexpected stretch of text, at most 30 characters. */
function firstToken(text: string): string {
  const token = /\S+/.exec(text)?.[0] ?? text.slice(0, 1);
  return token.length > 30 ? `${token.slice(0, 30)}…` : token;
}

/**
 * The commands of `byStart` (ordered by where they start) inside `range`, found by a binary search: a script may hold
 * thousands of redirected blocks (`{ …; } > f`), and a search of every command for each took time growing with the square.
 */
function commandsWithin(byStart: readonly CommandDraft[], range: Range): CommandDraft[] {
  let first = 0;
  for (let after = byStart.length; first < after; ) {
    const middle = (first + after) >>> 1;
    if (comparePositions(byStart[middle]!.range.start, range.start) < 0) first = middle + 1;
    else after = middle;
  }
  const within: CommandDraft[] = [];
  for (let index = first; index < byStart.length && comparePositions(byStart[index]!.range.start, range.end) <= 0; index++) {
    if (comparePositions(byStart[index]!.range.end, range.end) <= 0) within.push(byStart[index]!);
  }
  return within;
}

/**
 * What the redirections of a redirected statement apply to. tree-sitter-bash gives `a && b <<EOF` and `a | b > f` the
 * redirections of their last command, which bash gives them: so the last part of a list or pipeline, to the last.
 */
function redirectedNode(body: Node): Node {
  let node = body;
  while (node.type === 'list' || node.type === 'pipeline') {
    const last = node.lastNamedChild;
    if (!last) break;
    node = last;
  }
  return node;
}

/** The redirected statement whose redirections are those of a command (`redirectedNode`), if there is one. */
function redirectingStatement(command: Frame): Node | undefined {
  let frame = command;
  let parent = frame.parent?.node;
  while (parent && (parent.type === 'list' || parent.type === 'pipeline') && parent.lastNamedChild?.id === frame.node.id) {
    frame = frame.parent!;
    parent = frame.parent?.node;
  }
  return parent?.type === 'redirected_statement' && parent.childForFieldName('body')?.id === frame.node.id ? parent : undefined;
}
