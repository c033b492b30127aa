import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type {
  Attribute,
  BinaryExpression,
  Block,
  Body,
  Expression,
  Label,
  TemplatePart,
} from '../model/hcl.js';
import { comparePositions, LineIndex } from '../positions.js';
import type { Comment, Position, Range } from '../types.js';
import type { ParseError } from './index.js';

export interface HclSyntax {
  body: Body;
  comments: Comment[];
  errors: ParseError[];
}

/** Turns offsets in the text handed to the parser into positions in the file the text came from. */
export interface Positions {
  range(startOffset: number, endOffset: number): Range;
}

let parser: Promise<Parser> | undefined;

/** The tree-sitter Terraform grammar, loaded once, on the first HCL file of a run. */
function loadParser(): Promise<Parser> {
  parser ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
    const language = await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    return new Parser().setLanguage(language);
  })();
  return parser;
}

// A file with more syntax errors than this is read as tree-sitter recovers it, without further re-parsing.
const MAX_RECOVERIES = 20;

export async function parseHcl(text: string): Promise<HclSyntax> {
  return parseWith(await loadParser(), text);
}

/** A parser that works synchronously once loaded: `templatefile()` parses templates in the middle of an evaluation. */
export async function loadHclParser(): Promise<(text: string) => HclSyntax> {
  const ready = await loadParser();
  return (text) => parseWith(ready, text);
}

function parseWith(parser: Parser, text: string): HclSyntax {
  const { source, tree: whole } = parseAsHcl(parser, text);
  const reader = new HclReader(text, new LineIndex(text));
  const body: Body = { attributes: [], blocks: [], range: reader.span(0, text.length) };
  const comments: Comment[] = [];
  // The first error tree-sitter reports, and where it noticed it (an unclosed block is reported at its `{`, noticed at the end).
  let first: { error: ParseError; noticed: Position } | undefined;
  let problemCount = 0;
  const read = (tree: Tree, from: number, to: number) => {
    reader.collectStatements(tree.rootNode, body, from, to);
    comments.push(...reader.comments(tree.rootNode, from, to));
  };

  let from = 0;
  for (let round = 0; from < text.length; round++) {
    const tree = round === 0 ? whole : parseRegion(parser, source, from, text.length);
    const problem = firstProblem(tree.rootNode);
    if (!problem || round === MAX_RECOVERIES) {
      problemCount += problem ? countProblems(tree.rootNode) : 0;
      read(tree, from, text.length);
      tree.delete();
      break;
    }
    first ??= { error: reader.problem(problem), noticed: reader.span(problem.startIndex, problem.startIndex).start };
    // Statements before the error are sound; the broken statement is re-read on its own, up to the
    // next line that starts a statement, so that tree-sitter's recovery cannot swallow what follows.
    const brokenFrom = reader.endOfStatementsBefore(tree.rootNode, problem.startIndex, from);
    read(tree, from, brokenFrom);
    tree.delete();
    const resume = nextStatementStart(text, problem.startIndex);
    const broken = parseRegion(parser, source, brokenFrom, resume);
    problemCount += countProblems(broken.rootNode);
    read(broken, brokenFrom, resume);
    broken.delete();
    from = resume;
  }
  reader.problems.push(...repeatedAttributes(body));
  const noticed = [...(first ? [first] : []), ...reader.problems.map((error) => ({ error, noticed: error.range.start }))];
  const earliest = noticed.sort((a, b) => comparePositions(a.noticed, b.noticed))[0];
  return { body, comments, errors: earliest ? [withCount(earliest.error, problemCount + reader.problems.length)] : [] };
}

/** HCL rejects a body that sets an attribute twice (in either syntax): one error per repetition. */
export function repeatedAttributes(body: Body): ParseError[] {
  const first = new Map<string, Attribute>();
  return body.attributes.flatMap((attribute) => {
    const earlier = first.get(attribute.name);
    if (!earlier) first.set(attribute.name, attribute);
    return earlier ? [{ message: `\`${attribute.name}\` is already set on line ${earlier.range.start.line}; each argument may be set only once`, range: attribute.nameRange }] : [];
  });
}

/** HCL read out of the strings of Terraform's JSON syntax; offsets in `value` map to the file through `positions`. */
export interface EmbeddedHcl {
  /** A string as a template (`"${var.region}"`), as Terraform reads JSON strings. */
  template(value: string, positions: Positions): { parts: TemplatePart[]; errors: ParseError[] };
  /** A string as an expression (`"aws.tokyo"`), as Terraform reads `provider`, `depends_on`, `type` … */
  expression(value: string, positions: Positions): { expression: Expression; errors: ParseError[] };
}

export async function loadEmbeddedHcl(): Promise<EmbeddedHcl> {
  const parser = await loadParser();
  return {
    template(value, positions) {
      const marker = heredocMarker(value);
      return readEmbedded(parser, `_ = <<${marker}\n`, value, `\n${marker}\n`, positions, (reader, root, start) => {
        const heredoc = root.descendantsOfType('heredoc_template')[0];
        return { parts: heredoc ? reader.templateParts(heredoc, start, start + value.length) : [] };
      });
    },
    expression(value, positions) {
      return readEmbedded(parser, '_ = ', value, '\n', positions, (reader, root) => {
        const node = root.descendantsOfType('attribute')[0]?.namedChildren.find((child) => child?.type === 'expression');
        return { expression: node ? reader.expression(node) : { type: 'invalid', range: positions.range(0, value.length) } };
      });
    },
  };
}

/** Parses `value` between `prefix` and `suffix`, reads it with `read`, and reports its first syntax error. */
function readEmbedded<T>(parser: Parser, prefix: string, value: string, suffix: string, positions: Positions, read: (reader: HclReader, root: Node, start: number) => T): T & { errors: ParseError[] } {
  const clamp = (offset: number) => Math.min(Math.max(offset - prefix.length, 0), value.length);
  const reader = new HclReader(prefix + value + suffix, { range: (start, end) => positions.range(clamp(start), clamp(end)) });
  const { tree } = parseAsHcl(parser, prefix + value + suffix);
  try {
    const result = read(reader, tree.rootNode, prefix.length);
    const problem = firstProblem(tree.rootNode);
    const errors = problem ? [withCount(reader.problem(problem), countProblems(tree.rootNode))] : reader.problems.slice(0, 1);
    return { ...result, errors };
  } finally {
    tree.delete();
  }
}

function heredocMarker(value: string): string {
  let marker = 'MERLINT_JSON_STRING';
  while (value.includes(marker)) marker += '_';
  return marker;
}

/** The text with everything outside `from`..`to` blanked out (line breaks kept, so every offset stays put). */
function parseRegion(parser: Parser, text: string, from: number, to: number): Tree {
  const visible = from === 0 && to === text.length ? text : blank(text.slice(0, from)) + text.slice(from, to) + blank(text.slice(to));
  const tree = parser.parse(visible);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * Parses text as HCL reads it where tree-sitter-hcl tokenizes differently. tree-sitter reads an
 * exponent without a fraction (`1e3`) as the number `1` followed by a name, and `$$${x}` as `$$`
 * followed by an interpolation where HCL reads `$` and the escape `$${` (likewise `%%%{`). The
 * characters that mislead it are overwritten (digits for the exponent, `_` for the first `$` or `%`
 * of the run), which keeps every offset: values are read from the original text. Returns the text
 * tree-sitter should see and its tree.
 */
function parseAsHcl(parser: Parser, text: string): { source: string; tree: Tree } {
  let source = text;
  for (;;) {
    const tree = parseRegion(parser, source, 0, source.length);
    const fixes = [...misreadExponents(tree.rootNode, source), ...misreadEscapes(tree.rootNode, source)];
    if (fixes.length === 0) return { source, tree };
    tree.delete();
    for (const { start, text: replacement } of fixes) source = source.slice(0, start) + replacement + source.slice(start + replacement.length);
  }
}

interface Overwrite {
  start: number;
  text: string;
}

const EXPONENT = /[eE][+-]?[0-9]+/y;

function misreadExponents(root: Node, source: string): Overwrite[] {
  return root
    .descendantsOfType('numeric_lit')
    .filter(notNull)
    .flatMap((node) => {
      EXPONENT.lastIndex = node.endIndex;
      const exponent = EXPONENT.exec(source)?.[0];
      return exponent ? [{ start: node.endIndex, text: '0'.repeat(exponent.length) }] : [];
    });
}

function misreadEscapes(root: Node, source: string): Overwrite[] {
  return root
    .descendantsOfType(['template_interpolation_start', 'template_directive_start'])
    .filter(notNull)
    .flatMap((node) => {
      const sigil = source[node.startIndex]!;
      let start = node.startIndex;
      while (source[start - 1] === sigil) start--;
      return start < node.startIndex ? [{ start, text: '_' }] : [];
    });
}

// A line that starts, in its first column, an attribute (`name =`) or a block (`type "label" {`).
const STATEMENT_START = /^[A-Za-z_][\w-]*(?:[ \t]*=(?!=)|(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{)/;

/** Offset of the first line after the one holding `offset` that starts a statement, or the end of the text. */
function nextStatementStart(text: string, offset: number): number {
  let lineStart = text.indexOf('\n', offset);
  while (lineStart !== -1) {
    lineStart += 1;
    if (STATEMENT_START.test(text.slice(lineStart, lineStart + 200))) return lineStart;
    lineStart = text.indexOf('\n', lineStart);
  }
  return text.length;
}

/** ERROR and MISSING nodes, in document order. */
function problems(root: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node) => {
    if (node.isMissing || node.type === 'ERROR') {
      found.push(node);
      return;
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  if (root.hasError) visit(root);
  return found;
}

function firstProblem(root: Node): Node | undefined {
  return problems(root)[0];
}

function countProblems(root: Node): number {
  return problems(root).length;
}

function withCount(error: ParseError, count: number): ParseError {
  const more = count - 1;
  return more > 0 ? { ...error, message: `${error.message} (and ${more} more syntax error${more > 1 ? 's' : ''} after it)` } : error;
}

const BINARY_OPERATORS = new Set(['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%']);

class HclReader {
  /** Syntax errors tree-sitter's grammar lets through but HCL does not. */
  readonly problems: ParseError[] = [];

  constructor(
    private readonly text: string,
    private readonly positions: Positions,
  ) {}

  range(node: Node): Range {
    return this.positions.range(node.startIndex, node.endIndex);
  }

  span(start: number, end: number): Range {
    return this.positions.range(start, end);
  }

  body(node: Node): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(node) };
    this.collectStatements(node, body);
    this.problems.push(...repeatedAttributes(body));
    return body;
  }


  /**
   * Attributes and blocks of a body that lie within `from`..`to`, including those tree-sitter kept
   * inside an ERROR node while recovering.
   */
  collectStatements(node: Node, body: Body, from = 0, to = Infinity): void {
    for (const child of named(node)) {
      const inside = child.startIndex >= from && child.endIndex <= to;
      if (child.type === 'attribute' && inside) body.attributes.push(this.attribute(child));
      else if (child.type === 'block' && inside) body.blocks.push(this.block(child));
      else if (child.type === 'ERROR' || child.type === 'body') this.collectStatements(child, body, from, to);
      else if (child.type === 'object' && inside) this.rejectBareObject(child);
    }
  }

  /** tree-sitter's grammar takes a file that is one `{ … }` object (JSON, say); HCL does not. */
  private rejectBareObject(node: Node): void {
    this.problems.push({ message: 'syntax error: expected an attribute or a block, not a `{ … }` object (JSON configuration belongs in a .tf.json file)', range: this.range(node.child(0) ?? node) });
  }

  /** Where the last top-level statement that ends before `offset` ends (`from` if none does). */
  endOfStatementsBefore(root: Node, offset: number, from: number): number {
    const body = named(root).find((child) => child.type === 'body');
    const ends = (body ? named(body) : [])
      .filter((child) => (child.type === 'attribute' || child.type === 'block') && !child.hasError && child.startIndex >= from && child.endIndex <= offset)
      .map((child) => child.endIndex);
    return Math.max(from, ...ends);
  }

  private attribute(node: Node): Attribute {
    const name = node.namedChildren.find((child) => child?.type === 'identifier')!;
    const value = node.namedChildren.find((child) => child?.type === 'expression');
    if (!node.hasError) this.checkOneLine(name, node.children.find((child) => child?.type === '='), value);
    // An attribute tree-sitter had to repair holds nothing reliable: rules see its value as unknown.
    const readable = value && !node.hasError;
    return {
      name: name.text,
      nameRange: this.range(name),
      value: readable ? this.expression(value) : { type: 'invalid', range: this.range(value ?? node) },
      range: this.range(node),
    };
  }

  private block(node: Node): Block {
    const children = named(node);
    const type = children[0]!;
    const labels: Label[] = [];
    for (const child of children.slice(1)) {
      if (child.type === 'identifier') labels.push({ value: child.text, range: this.range(child) });
      else if (child.type === 'string_lit') labels.push(this.label(child));
    }
    const bodyNode = children.find((child) => child.type === 'body');
    const open = children.find((child) => child.type === 'block_start');
    const close = children.find((child) => child.type === 'block_end');
    if (open && close && bodyNode) this.checkOneLineBlock(open, named(bodyNode), close);
    const emptyBody = this.span(open?.endIndex ?? node.endIndex, close?.startIndex ?? node.endIndex);
    return {
      type: type.text,
      typeRange: this.range(type),
      labels,
      body: bodyNode ? this.body(bodyNode) : { attributes: [], blocks: [], range: emptyBody },
      range: this.range(node),
    };
  }

  /** In an object a line break ends an item, so a `,` that starts a line has no item before it. */
  private checkObjectCommas(node: Node): void {
    const children = node.children.filter(notNull);
    for (const [position, child] of children.entries()) {
      const before = children[position - 1];
      if (child.type === ',' && before && this.text.slice(before.endIndex, child.startIndex).includes('\n')) {
        this.problems.push({ message: 'syntax error: unexpected `,` at the start of a line; the item before it ended at the line break', range: this.range(child) });
      }
    }
  }

  /** HCL ends a statement at the line break: `name = value` starts on one line. */
  private checkOneLine(name: Node, equals: Node | null | undefined, value: Node | undefined): void {
    if (equals && equals.startPosition.row !== name.endPosition.row) {
      this.problems.push({ message: `syntax error: expected \`=\` after \`${name.text}\`, on the same line`, range: this.range(name) });
    } else if (equals && value && value.startPosition.row !== equals.endPosition.row) {
      this.problems.push({ message: 'syntax error: expected a value after `=`, on the same line', range: this.range(equals) });
    }
  }

  /** HCL: a statement on the line of a block's `{` makes a one-line block, which holds that one argument and closes on that line. */
  private checkOneLineBlock(open: Node, statements: Node[], close: Node): void {
    const [first, ...more] = statements.filter((statement) => statement.type !== 'comment');
    if (!first || first.startPosition.row !== open.endPosition.row) return;
    if (first.type === 'attribute' && more.length === 0 && close.startPosition.row === first.endPosition.row) return;
    this.problems.push({ message: 'syntax error: a block with an argument on the line of its `{` must hold only that argument and close on that line; put the argument on a line of its own', range: this.range(first) });
  }

  expression(node: Node): Expression {
    switch (node.type) {
      case 'expression':
        return this.sequence(node.children.filter(notNull));
      case 'literal_value':
        return this.literal(node.namedChildren[0]!);
      case 'collection_value':
        return this.expression(node.namedChildren[0]!);
      case 'tuple':
        return { type: 'tuple', items: named(node).filter((child) => child.type === 'expression').map((child) => this.expression(child)), range: this.range(node) };
      case 'object':
        this.checkObjectCommas(node);
        return {
          type: 'object',
          items: named(node)
            .filter((child) => child.type === 'object_elem')
            .map((element) => ({ key: this.expression(element.childForFieldName('key')!), value: this.expression(element.childForFieldName('val')!), range: this.range(element) })),
          range: this.range(node),
        };
      case 'variable_expr':
        return { type: 'variable', name: node.text, range: this.range(node) };
      case 'function_call':
        return this.call(node);
      case 'template_expr':
        return this.expression(node.namedChildren[0]!);
      case 'quoted_template':
        return { type: 'template', parts: this.quotedParts(node), heredoc: false, range: this.range(node) };
      case 'heredoc_template':
        return { type: 'template', parts: this.heredocParts(node), heredoc: true, range: this.range(node) };
      case 'for_expr':
        return this.forExpression(node.namedChildren[0]!);
      case 'conditional': {
        const [condition, whenTrue, whenFalse] = named(node).map((child) => this.expression(child));
        return conditional(condition!, whenTrue!, whenFalse!, this.range(node));
      }
      case 'operation':
        return this.expression(node.namedChildren[0]!);
      case 'binary_operation':
        return this.binary(node);
      case 'unary_operation': {
        const [operator, ...operand] = node.children.filter(notNull);
        return { type: 'unary', operator: operator!.type as '-' | '!', operand: this.sequence(operand), range: this.range(node) };
      }
      default:
        return { type: 'invalid', range: this.range(node) };
    }
  }

  /** A primary expression followed by attribute, index and splat accesses, as tree-sitter lists them side by side. */
  private sequence(nodes: Node[]): Expression {
    if (nodes.length === 0) return { type: 'invalid', range: this.span(0, 0) };
    let rest = nodes;
    let current: Expression;
    if (nodes[0]!.type === '(') {
      const close = nodes.findIndex((node) => node.type === ')');
      const end = close === -1 ? nodes[nodes.length - 1]! : nodes[close]!;
      current = { type: 'parentheses', expression: this.expression(nodes[1]!), range: this.span(nodes[0]!.startIndex, end.endIndex) };
      rest = close === -1 ? [] : nodes.slice(close + 1);
    } else {
      current = this.expression(nodes[0]!);
      rest = nodes.slice(1);
    }
    return this.accesses(current, rest.flatMap((node) => (node.type === 'splat' ? [node.namedChildren[0]!, ...named(node.namedChildren[0]!)] : [node])));
  }

  /**
   * Applies attribute, index and splat steps in order. tree-sitter nests the steps after a splat
   * inside it; HCL gives `[*]` every step that follows and `.*` only the `.name` and `.0` steps
   * right after it.
   */
  private accesses(object: Expression, steps: Node[]): Expression {
    let current = object;
    for (let position = 0; position < steps.length; position++) {
      const step = steps[position]!;
      if (step.type === 'full_splat') return this.splat(current, step, steps.slice(position + 1));
      if (step.type === 'attr_splat') {
        const following = steps.slice(position + 1);
        const end = following.findIndex((next) => !isAttributeStep(next));
        const own = end === -1 ? following : following.slice(0, end);
        current = this.splat(current, step, own);
        position += own.length;
      } else {
        current = this.access(current, step);
      }
    }
    return current;
  }

  private splat(object: Expression, marker: Node, steps: Node[]): Expression {
    const firstStep = marker.namedChildren[0];
    const item: Expression = { type: 'splatItem', range: this.span(marker.startIndex, firstStep?.startIndex ?? marker.endIndex) };
    const each = this.accesses(item, steps);
    return { type: 'splat', object, each, range: { start: object.range.start, end: each.range.end } };
  }

  private access(object: Expression, node: Node): Expression {
    const range = { start: object.range.start, end: this.range(node).end };
    if (node.type === 'get_attr') {
      const name = node.namedChildren[0]!;
      return { type: 'getAttr', object, name: name.text, nameRange: this.range(name), range };
    }
    if (node.type === 'index') {
      const inner = node.namedChildren[0]!;
      const key: Expression = inner.type === 'legacy_index'
        ? this.legacyIndex(inner)
        : this.expression(inner.namedChildren.find((child) => child?.type === 'expression')!);
      return { type: 'index', object, key, range };
    }
    return { type: 'invalid', range: this.range(node) };
  }

  /** `.0`: the digits follow the dot (tree-sitter keeps them in no node of their own). */
  private legacyIndex(node: Node): Expression {
    const start = node.child(0)!.endIndex;
    return { type: 'literal', value: Number(this.text.slice(start, node.endIndex)), range: this.span(start, node.endIndex) };
  }

  private binary(node: Node): BinaryExpression {
    const children = node.children.filter(notNull);
    const at = children.findIndex((child, position) => position > 0 && !child.isNamed && BINARY_OPERATORS.has(child.type));
    return {
      type: 'binary',
      operator: children[at]!.type as BinaryExpression['operator'],
      left: this.sequence(children.slice(0, at)),
      right: this.sequence(children.slice(at + 1)),
      range: this.range(node),
    };
  }

  private literal(node: Node): Expression {
    const range = this.range(node);
    switch (node.type) {
      case 'numeric_lit':
        return { type: 'literal', value: Number(this.source(node)), range };
      case 'bool_lit':
        return { type: 'literal', value: node.text === 'true', range };
      case 'null_lit':
        return { type: 'literal', value: null, range };
      case 'string_lit':
        return { type: 'template', parts: this.quotedParts(node), heredoc: false, range };
      default:
        return { type: 'invalid', range };
    }
  }

  private call(node: Node): Expression {
    const name = node.namedChildren.find((child) => child?.type === 'identifier')!;
    const argumentsNode = node.namedChildren.find((child) => child?.type === 'function_arguments');
    const args = argumentsNode ? named(argumentsNode).filter((child) => child.type === 'expression').map((child) => this.expression(child)) : [];
    const expandFinal = argumentsNode ? named(argumentsNode).some((child) => child.type === 'ellipsis') : false;
    return { type: 'call', name: name.text, nameRange: this.range(name), args, expandFinal, range: this.range(node) };
  }

  private forExpression(node: Node): Expression {
    const children = named(node);
    const intro = children.find((child) => child.type === 'for_intro')!;
    const variables = named(intro).filter((child) => child.type === 'identifier').map((child) => child.text);
    const collection = this.expression(named(intro).find((child) => child.type === 'expression')!);
    const results = children.filter((child) => child.type === 'expression').map((child) => this.expression(child));
    const condition = children.find((child) => child.type === 'for_cond');
    const isObject = node.type === 'for_object_expr';
    return {
      type: 'for',
      keyVariable: variables.length > 1 ? variables[0] : undefined,
      valueVariable: variables[variables.length - 1]!,
      collection,
      key: isObject ? results[0] : undefined,
      value: isObject ? results[1]! : results[0]!,
      condition: condition ? this.expression(named(condition)[0]!) : undefined,
      grouping: children.some((child) => child.type === 'ellipsis'),
      range: this.range(node),
    };
  }

  /** The node's text as written (tree-sitter may have seen some characters overwritten, see parseAsHcl). */
  private source(node: Node): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** A quoted block label: HCL allows no `${…}` or `%{…}` in it (tree-sitter reads them as text there). */
  private label(node: Node): Label {
    const sequence = [...this.source(node).matchAll(TEMPLATE_SEQUENCES)].find(([match]) => match === '${' || match === '%{');
    if (sequence) {
      const start = node.startIndex + sequence.index;
      this.problems.push({ message: 'syntax error: a block label cannot hold `${…}` or `%{…}`; write `$${` for a literal `${`', range: this.span(start, start + 2) });
    }
    const value = this.quotedParts(node).map((part) => (part.type === 'text' ? part.value : '')).join('');
    return { value, range: this.range(node) };
  }

  private quotedParts(node: Node): TemplatePart[] {
    const children = node.children.filter(notNull);
    const start = children[0]!.endIndex;
    const endToken = children[children.length - 1]!;
    const end = endToken.type === 'quoted_template_end' ? endToken.startIndex : node.endIndex;
    return this.templateParts(node, start, end, QUOTED);
  }

  private heredocParts(node: Node): TemplatePart[] {
    const children = node.children.filter(notNull);
    const opener = children.find((child) => child.type === 'heredoc_start')!;
    const identifiers = children.filter((child) => child.type === 'heredoc_identifier');
    const firstNewline = this.text.indexOf('\n', identifiers[0]!.endIndex);
    const start = firstNewline === -1 ? node.endIndex : firstNewline + 1;
    if (/\S/.test(this.text.slice(identifiers[0]!.endIndex, start))) {
      this.problems.push({ message: `syntax error: \`${this.text.slice(opener.startIndex, identifiers[0]!.endIndex)}\` must end its line`, range: this.span(identifiers[0]!.endIndex, this.tokenEnd(identifiers[0]!.endIndex)) });
    }
    const closing = identifiers.length > 1 ? identifiers[identifiers.length - 1]! : undefined;
    const end = closing ? this.text.lastIndexOf('\n', closing.startIndex - 1) + 1 : node.endIndex;
    return this.templateParts(node, start, Math.max(start, end), opener.text.startsWith('<<-') ? INDENTED_HEREDOC : HEREDOC);
  }

  /**
   * The parts of the template text between `start` and `end` in `node`, read as HCL reads them: the
   * text split into HCL's tokens, `~` strip markers applied to the adjacent token, a `<<-` heredoc's
   * indentation removed, then directives nested.
   */
  templateParts(node: Node, start: number, end: number, style: TemplateStyle = BARE_TEMPLATE): TemplatePart[] {
    const tokens: TemplateToken[] = [];
    let cursor = start;
    for (const sequence of templateSequences(node).filter((candidate) => candidate.startIndex >= start && candidate.endIndex <= end)) {
      tokens.push(...this.textTokens(cursor, sequence.startIndex, style));
      tokens.push(sequenceToken(sequence));
      cursor = sequence.endIndex;
    }
    tokens.push(...this.textTokens(cursor, end, style));
    stripWhiteSpace(tokens);
    if (style.flush) removeIndentation(tokens);
    return this.nestParts(tokens, { next: 0 }, []);
  }

  /** Literal text as HCL's scanner cuts it: heredocs and bare templates into lines (each with its line break). */
  private textTokens(start: number, end: number, style: TemplateStyle): TemplateToken[] {
    if (!style.lines) {
      this.rejectLineBreak(start, end);
      return start < end ? [{ kind: 'text', value: style.unescape(this.text.slice(start, end)), start, end }] : [];
    }
    const tokens: TemplateToken[] = [];
    for (let from = start; from < end; ) {
      const lineEnd = this.text.indexOf('\n', from);
      const to = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
      tokens.push({ kind: 'text', value: style.unescape(this.text.slice(from, to)), start: from, end: to });
      from = to;
    }
    return tokens;
  }

  /** HCL rejects a line break written inside a quoted string; tree-sitter's grammar lets it through. */
  private rejectLineBreak(start: number, end: number): void {
    const lineBreak = this.text.indexOf('\n', start);
    if (lineBreak !== -1 && lineBreak < end) {
      this.problems.push({ message: 'syntax error: a quoted string cannot span lines; write \\n or use a heredoc (<<EOT)', range: this.span(lineBreak, lineBreak + 1) });
    }
  }

  /** Template parts from `tokens`, starting at `cursor.next`, up to (not including) a token of a kind in `until`. */
  private nestParts(tokens: TemplateToken[], cursor: { next: number }, until: SequenceKind[]): TemplatePart[] {
    const parts: TemplatePart[] = [];
    while (cursor.next < tokens.length) {
      const token = tokens[cursor.next]!;
      if (token.kind !== 'text' && until.includes(token.kind)) break;
      cursor.next++;
      if (token.kind === 'text') this.appendText(parts, token);
      else if (token.kind === 'interpolation') parts.push(this.interpolation(token.node));
      else if (token.kind === 'if') parts.push(this.ifPart(token.node, tokens, cursor));
      else if (token.kind === 'for') parts.push(this.forPart(token.node, tokens, cursor));
    }
    return parts;
  }

  private appendText(parts: TemplatePart[], token: TemplateToken & { kind: 'text' }): void {
    if (token.value === '') return;
    const range = this.span(token.start, token.end);
    const last = parts[parts.length - 1];
    if (last?.type === 'text') parts[parts.length - 1] = { type: 'text', value: last.value + token.value, range: { start: last.range.start, end: range.end } };
    else parts.push({ type: 'text', value: token.value, range });
  }

  private ifPart(intro: Node, tokens: TemplateToken[], cursor: { next: number }): TemplatePart {
    const then = this.nestParts(tokens, cursor, ['else', 'endif']);
    const hasElse = tokens[cursor.next]?.kind === 'else';
    if (hasElse) cursor.next++;
    const otherwise = hasElse ? this.nestParts(tokens, cursor, ['endif']) : [];
    cursor.next++;
    const condition = intro.namedChildren.find((child) => child?.type === 'expression');
    const range = this.range(intro.parent ?? intro);
    return { type: 'if', condition: condition ? this.expression(condition) : { type: 'invalid', range }, then, else: otherwise, range };
  }

  private forPart(start: Node, tokens: TemplateToken[], cursor: { next: number }): TemplatePart {
    const body = this.nestParts(tokens, cursor, ['endfor']);
    cursor.next++;
    const variables = named(start).filter((child) => child.type === 'identifier').map((child) => child.text);
    const collection = start.namedChildren.find((child) => child?.type === 'expression');
    const range = this.range(start.parent ?? start);
    return {
      type: 'for',
      keyVariable: variables.length > 1 ? variables[0] : undefined,
      valueVariable: variables[variables.length - 1] ?? '',
      collection: collection ? this.expression(collection) : { type: 'invalid', range },
      body,
      range,
    };
  }

  private interpolation(node: Node): TemplatePart {
    const expression = node.namedChildren.find((child) => child?.type === 'expression');
    return { type: 'interpolation', expression: expression ? this.expression(expression) : { type: 'invalid', range: this.range(node) }, range: this.range(node) };
  }

  comments(root: Node, from = 0, to = Infinity): Comment[] {
    return root
      .descendantsOfType('comment')
      .filter(notNull)
      .filter((node) => node.startIndex >= from && node.endIndex <= to)
      .map((node) => ({
        range: this.range(node),
        text: node.text.replace(/^(?:#|\/\/)|^\/\*|\*\/$/g, '').trim(),
      }));
  }

  /** A syntax error at `node` (ERROR or MISSING), its range on the offending token. */
  problem(node: Node): ParseError {
    return this.unclosedHeredoc(node) ?? this.unclosedBlock(node) ?? this.unclosedSequence(node) ?? this.unexpected(node);
  }

  private unclosedHeredoc(node: Node): ParseError | undefined {
    const heredoc = node.isMissing ? unterminatedHeredoc(node) : undefined;
    const marker = heredoc?.namedChildren.find((child) => child?.type === 'heredoc_identifier');
    if (!heredoc || !marker) return undefined;
    return { message: `syntax error: heredoc not closed: expected \`${marker.text}\` alone on a line, followed by a line break`, range: this.span(heredoc.startIndex, marker.endIndex) };
  }

  private unclosedBlock(node: Node): ParseError | undefined {
    const block = node.isMissing && node.parent?.type === 'block_end' ? node.parent.parent : null;
    const opening = block?.children.find((child) => child?.type === 'block_start');
    return opening ? { message: 'syntax error: block not closed: expected `}` to match this `{`', range: this.range(opening) } : undefined;
  }

  /** A `${`, `%{`, `%{ if }` or `%{ for }` tree-sitter found no end for: it reports the whole statement around it. */
  private unclosedSequence(node: Node): ParseError | undefined {
    const children = node.type === 'ERROR' ? node.children.filter(notNull) : [];
    const closed = (opening: Node, position: number) => children.slice(position + 1).some((child) => child.type === UNCLOSED[opening.type]!.end);
    const unclosed = children.filter((child, position) => child.type in UNCLOSED && !closed(child, position));
    const opening = unclosed[unclosed.length - 1];
    return opening ? { message: `syntax error: ${UNCLOSED[opening.type]!.message}`, range: this.range(opening) } : undefined;
  }

  private unexpected(node: Node): ParseError {
    if (node.isMissing) {
      const message = EXPRESSION_STAND_INS.has(node.type) ? 'syntax error: expected an expression' : `syntax error: expected ${describeToken(node.type)}`;
      return { message, range: this.span(node.startIndex, this.tokenEnd(node.startIndex)) };
    }
    const token = firstLeaf(skippedFrom(node));
    const start = token.startIndex;
    const end = token.endIndex > start ? token.endIndex : this.tokenEnd(start);
    const message = token.type === '=' ? 'syntax error: expected a value after `=`, on the same line' : `syntax error: unexpected ${describeText(this.text.slice(start, end))}`;
    return { message, range: this.span(start, end) };
  }

  /** The end of the word or symbol written at `offset` (`offset` itself at the end of the text or of a line). */
  private tokenEnd(offset: number): number {
    return offset + (/^(?:[A-Za-z_][\w-]*|[0-9.]+|[^\s])/.exec(this.text.slice(offset, offset + 200))?.[0].length ?? 0);
  }
}

// Escapes first: `$${` is a literal `${`.
const TEMPLATE_SEQUENCES = /\$\$\{|%%\{|\$\{|%\{/g;

const UNCLOSED: Record<string, { end: string; message: string }> = {
  template_interpolation_start: { end: 'template_interpolation_end', message: '`${` not closed: expected `}`' },
  template_directive_start: { end: 'template_directive_end', message: '`%{` not closed: expected `}`' },
  template_if_intro: { end: 'template_if_end', message: '`%{ if }` without its `%{ endif }`' },
  template_for_start: { end: 'template_for_end', message: '`%{ for }` without its `%{ endfor }`' },
};

// tree-sitter inserts these as MISSING where an expression should be; "expected `<<`" would mislead.
const EXPRESSION_STAND_INS = new Set(['<<', 'heredoc_identifier', 'heredoc_start', 'identifier']);

/** The heredoc whose closing marker tree-sitter reports MISSING at `node`, if that is what it reports. */
function unterminatedHeredoc(node: Node): Node | undefined {
  const parent = node.parent;
  const markers = parent?.type === 'heredoc_template' ? parent.children.filter((child) => child?.type === 'heredoc_identifier') : [];
  return markers.length > 1 && markers[markers.length - 1]?.id === node.id ? parent! : undefined;
}

/**
 * Where tree-sitter started skipping text in an ERROR node: past the whole statements it kept and
 * past the opening of the statement it was reading (`name =`, `type "label" {`).
 */
function skippedFrom(node: Node): Node {
  const children = node.children.filter(notNull);
  let position = 0;
  while (position < children.length) {
    const next = statementPrefixEnd(children, position);
    if (next === position) break;
    position = next;
  }
  return children[position] ?? children[children.length - 1] ?? node;
}

/**
 * The index after a whole statement, or after the opening of one (`name =` and its value, `type
 * "label" {`, or a part of these whose start lies outside the ERROR node) at `position`; `position` if none.
 */
// Tokens an ERROR node keeps from what parsed well before the text tree-sitter skipped.
const OPENINGS = new Set(['{', '[', '(', ',']);

/**
 * The index after what parsed well at `position`: a named node without errors (a statement, a
 * value, part of one), an opening bracket, or the start of a statement (`name =` on the value's
 * line, `type "label" {`); `position` if none.
 */
function statementPrefixEnd(children: Node[], position: number): number {
  const node = children[position];
  if (!node) return position;
  if (OPENINGS.has(node.type) || (node.isNamed && !node.hasError && node.type !== 'identifier' && node.type !== 'heredoc_identifier')) return position + 1;
  if (node.type === '=') {
    // HCL ends an attribute at the line break: a value on the next line is not this attribute's.
    const value = children[position + 1];
    return value?.type === 'expression' && value.startPosition.row !== node.startPosition.row ? position : position + 1;
  }
  if (node.type !== 'identifier') return position;
  let next = position + 1;
  if (children[next]?.type === '=') return statementPrefixEnd(children, next);
  while (children[next]?.type === 'string_lit' || children[next]?.type === 'identifier') next++;
  return children[next]?.type === 'block_start' || children[next]?.type === '{' ? next + 1 : position;
}

function firstLeaf(node: Node): Node {
  let leaf = node;
  while (leaf.childCount > 0) leaf = leaf.child(0)!;
  return leaf;
}

/** tree-sitter groups `a ? b : c ? d : e` to the left; HCL reads it as `a ? b : (c ? d : e)`. */
function conditional(condition: Expression, whenTrue: Expression, whenFalse: Expression, range: Range): Expression {
  if (condition.type !== 'conditional') return { type: 'conditional', condition, whenTrue, whenFalse, range };
  const rest = conditional(condition.whenFalse, whenTrue, whenFalse, { start: condition.whenFalse.range.start, end: range.end });
  return { type: 'conditional', condition: condition.condition, whenTrue: condition.whenTrue, whenFalse: rest, range };
}

/** `.name` or a legacy `.0` index: the steps an attribute-only splat (`.*`) applies to each element. */
function isAttributeStep(node: Node): boolean {
  return node.type === 'get_attr' || (node.type === 'index' && node.namedChildren[0]?.type === 'legacy_index');
}

function named(node: Node): Node[] {
  return node.namedChildren.filter(notNull);
}

function notNull(node: Node | null): node is Node {
  return node !== null;
}

interface TemplateStyle {
  unescape: (text: string) => string;
  /** HCL's scanner ends a literal token at each line break (heredocs, bare templates) or not (quoted strings). */
  lines: boolean;
  /** `<<-`: remove the indentation the lines share. */
  flush: boolean;
}

const QUOTED: TemplateStyle = { unescape: unescapeQuoted, lines: false, flush: false };
const HEREDOC: TemplateStyle = { unescape: unescapeHeredoc, lines: true, flush: false };
const INDENTED_HEREDOC: TemplateStyle = { ...HEREDOC, flush: true };
const BARE_TEMPLATE: TemplateStyle = HEREDOC;

type SequenceKind = 'interpolation' | 'if' | 'else' | 'endif' | 'for' | 'endfor';

/** Literal text, or one `${…}` / `%{…}` sequence, as HCL's template parser sees them. */
type TemplateToken =
  | { kind: 'text'; value: string; start: number; end: number }
  | { kind: SequenceKind; node: Node; stripBefore: boolean; stripAfter: boolean };

const SEQUENCE_KINDS: Record<string, SequenceKind> = {
  template_interpolation: 'interpolation',
  template_if_intro: 'if',
  template_else_intro: 'else',
  template_if_end: 'endif',
  template_for_start: 'for',
  template_for_end: 'endfor',
};

/** The `${…}` and `%{…}` sequences of a template, nested ones included, in the order written. */
function templateSequences(node: Node): Node[] {
  return named(node).flatMap((child) => {
    if (child.type in SEQUENCE_KINDS) return [child];
    return child.type === 'template_directive' || child.type === 'template_if' || child.type === 'template_for' ? templateSequences(child) : [];
  });
}

function sequenceToken(node: Node): TemplateToken {
  const pieces = node.children.filter(notNull);
  return { kind: SEQUENCE_KINDS[node.type]!, node, stripBefore: pieces[1]?.type === 'strip_marker', stripAfter: pieces[pieces.length - 2]?.type === 'strip_marker' };
}

// What Go's unicode.IsSpace accepts, which HCL uses to strip and to measure indentation.
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING_SPACE = new RegExp(`^${SPACE}+`);
const TRAILING_SPACE = new RegExp(`${SPACE}+$`);

/** `${~` and `%{~` strip the white space ending the literal token just before; `~}` the one starting the token just after. */
function stripWhiteSpace(tokens: TemplateToken[]): void {
  tokens.forEach((token, position) => {
    if (token.kind === 'text') return;
    const before = tokens[position - 1];
    const after = tokens[position + 1];
    if (token.stripBefore && before?.kind === 'text') before.value = before.value.replace(TRAILING_SPACE, '');
    if (token.stripAfter && after?.kind === 'text') after.value = after.value.replace(LEADING_SPACE, '');
  });
}

/**
 * `<<-`: the smallest indentation of the lines is removed from each, as HCL does it: a line that
 * starts with an interpolation or directive counts as not indented, and a blank line does not count.
 */
function removeIndentation(tokens: TemplateToken[]): void {
  let smallest = Infinity;
  const indented: (TemplateToken & { kind: 'text' })[] = [];
  let lineStart = true;
  for (const token of tokens) {
    if (lineStart) {
      if (token.kind !== 'text') smallest = 0;
      else if (!isBlankLine(token.value)) {
        smallest = Math.min(smallest, [...(LEADING_SPACE.exec(token.value)?.[0] ?? '')].length);
        indented.push(token);
      }
    }
    lineStart = token.kind === 'text' && token.value.endsWith('\n');
  }
  if (smallest === Infinity || smallest === 0) return;
  for (const token of indented) token.value = [...token.value].slice(smallest).join('');
}

function isBlankLine(text: string): boolean {
  return text.endsWith('\n') && LEADING_SPACE.exec(text)?.[0].length === text.length;
}

const QUOTED_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeQuoted(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (escape!.length > 1) return String.fromCodePoint(parseInt(escape!.slice(1), 16));
    return QUOTED_ESCAPES[escape!] ?? match;
  });
}

function unescapeHeredoc(raw: string): string {
  return raw.replaceAll('$${', '${').replaceAll('%%{', '%{');
}

function describeToken(type: string): string {
  return /^[a-z_]+$/.test(type) ? type.replaceAll('_', ' ') : `\`${type}\``;
}

function describeText(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line ? `\`${line.length > 40 ? `${line.slice(0, 40)}…` : line}\`` : 'end of input';
}
