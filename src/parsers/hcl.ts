import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type {
  Attribute,
  BinaryExpression,
  Block,
  Body,
  Expression,
  Label,
  TemplatePart,
} from '../model/hcl.js';
import { LineIndex } from '../positions.js';
import type { Comment, Range } from '../types.js';
import type { ParseError } from './index.js';

export interface HclSyntax {
  body: Body;
  comments: Comment[];
  errors: ParseError[];
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

export async function parseHcl(text: string): Promise<HclSyntax> {
  return parseWith(await loadParser(), text);
}

/** A parser that works synchronously once loaded: `templatefile()` parses templates in the middle of an evaluation. */
export async function loadHclParser(): Promise<(text: string) => HclSyntax> {
  const ready = await loadParser();
  return (text) => parseWith(ready, text);
}

function parseWith(parser: Parser, text: string): HclSyntax {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const reader = new HclReader(text);
    const root = tree.rootNode;
    const bodyNode = root.namedChildren.find((child) => child?.type === 'body');
    const body = bodyNode ? reader.body(bodyNode) : { attributes: [], blocks: [], range: reader.range(root) };
    return { body, comments: reader.comments(root), errors: reader.errors(root) };
  } finally {
    tree.delete();
  }
}

const BINARY_OPERATORS = new Set(['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%']);

class HclReader {
  private readonly index: LineIndex;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }

  range(node: Node): Range {
    return this.index.range(node.startIndex, node.endIndex);
  }

  private span(start: number, end: number): Range {
    return this.index.range(start, end);
  }

  body(node: Node): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(node) };
    this.collectStatements(node, body);
    return body;
  }

  /** Attributes and blocks of a body, including those tree-sitter kept inside an ERROR node while recovering. */
  private collectStatements(node: Node, body: Body): void {
    for (const child of named(node)) {
      if (child.type === 'attribute') body.attributes.push(this.attribute(child));
      else if (child.type === 'block') body.blocks.push(this.block(child));
      else if (child.type === 'ERROR' || child.type === 'body') this.collectStatements(child, body);
    }
  }

  private attribute(node: Node): Attribute {
    const name = node.namedChildren.find((child) => child?.type === 'identifier')!;
    const value = node.namedChildren.find((child) => child?.type === 'expression');
    return {
      name: name.text,
      nameRange: this.range(name),
      value: value ? this.expression(value) : { type: 'invalid', range: this.range(node) },
      range: this.range(node),
    };
  }

  private block(node: Node): Block {
    const children = named(node);
    const type = children[0]!;
    const labels: Label[] = [];
    for (const child of children.slice(1)) {
      if (child.type === 'identifier') labels.push({ value: child.text, range: this.range(child) });
      else if (child.type === 'string_lit') labels.push({ value: this.quotedText(child), range: this.range(child) });
    }
    const bodyNode = children.find((child) => child.type === 'body');
    const open = children.find((child) => child.type === 'block_start');
    const close = children.find((child) => child.type === 'block_end');
    const emptyBody = this.span(open?.endIndex ?? node.endIndex, close?.startIndex ?? node.endIndex);
    return {
      type: type.text,
      typeRange: this.range(type),
      labels,
      body: bodyNode ? this.body(bodyNode) : { attributes: [], blocks: [], range: emptyBody },
      range: this.range(node),
    };
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
        return { type: 'conditional', condition: condition!, whenTrue: whenTrue!, whenFalse: whenFalse!, range: this.range(node) };
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
    for (const node of rest) current = this.postfix(current, node);
    return current;
  }

  private postfix(object: Expression, node: Node): Expression {
    const range = { start: object.range.start, end: this.range(node).end };
    if (node.type === 'get_attr') {
      const name = node.namedChildren[0]!;
      return { type: 'getAttr', object, name: name.text, nameRange: this.range(name), range };
    }
    if (node.type === 'index') {
      const inner = node.namedChildren[0]!;
      const key: Expression = inner.type === 'legacy_index'
        ? { type: 'literal', value: Number(inner.text.replace(/^\./, '')), range: this.range(inner) }
        : this.expression(inner.namedChildren.find((child) => child?.type === 'expression')!);
      return { type: 'index', object, key, range };
    }
    if (node.type === 'splat') {
      const splat = node.namedChildren[0]!;
      let each: Expression = { type: 'splatItem', range: this.range(splat) };
      for (const access of named(splat)) each = this.postfix(each, access);
      return { type: 'splat', object, each, range };
    }
    return { type: 'invalid', range: this.range(node) };
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
        return { type: 'literal', value: Number(node.text), range };
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

  private quotedText(node: Node): string {
    return this.quotedParts(node).map((part) => (part.type === 'text' ? part.value : '')).join('');
  }

  private quotedParts(node: Node): TemplatePart[] {
    const children = node.children.filter(notNull);
    const start = children[0]!.endIndex;
    const endToken = children[children.length - 1]!;
    const end = endToken.type === 'quoted_template_end' ? endToken.startIndex : node.endIndex;
    return this.templateRegion(start, end, children, unescapeQuoted);
  }

  private heredocParts(node: Node): TemplatePart[] {
    const children = node.children.filter(notNull);
    const opener = children.find((child) => child.type === 'heredoc_start')!;
    const identifiers = children.filter((child) => child.type === 'heredoc_identifier');
    const firstNewline = this.text.indexOf('\n', identifiers[0]!.endIndex);
    const start = firstNewline === -1 ? node.endIndex : firstNewline + 1;
    const closing = identifiers.length > 1 ? identifiers[identifiers.length - 1]! : undefined;
    const end = closing ? this.text.lastIndexOf('\n', closing.startIndex - 1) + 1 : node.endIndex;
    const parts = this.templateRegion(start, Math.max(start, end), children, unescapeHeredoc);
    return opener.text.startsWith('<<-') ? dedent(parts) : parts;
  }

  /**
   * The parts of template text between `start` and `end`: the literal text between the
   * interpolations and directives found among `children`, with `~` strip markers applied.
   */
  private templateRegion(start: number, end: number, children: Node[], unescape: (text: string) => string): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let cursor = start;
    let stripNext = false;
    const pushText = (from: number, to: number, stripEnd: boolean) => {
      let raw = this.text.slice(from, to);
      if (stripNext) raw = raw.replace(/^\s+/, '');
      if (stripEnd) raw = raw.replace(/\s+$/, '');
      if (raw) parts.push({ type: 'text', value: unescape(raw), range: this.span(from, to) });
    };
    for (const child of children) {
      if (child.startIndex < start || child.endIndex > end) continue;
      if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
      pushText(cursor, child.startIndex, stripsBefore(child));
      parts.push(child.type === 'template_interpolation' ? this.interpolation(child) : this.directive(child.namedChildren[0]!, unescape));
      stripNext = stripsAfter(child);
      cursor = child.endIndex;
    }
    pushText(cursor, end, false);
    return parts;
  }

  private interpolation(node: Node): TemplatePart {
    const expression = node.namedChildren.find((child) => child?.type === 'expression');
    return { type: 'interpolation', expression: expression ? this.expression(expression) : { type: 'invalid', range: this.range(node) }, range: this.range(node) };
  }

  private directive(node: Node, unescape: (text: string) => string): TemplatePart {
    const children = node.children.filter(notNull);
    const range = this.range(node);
    const region = (from: Node | undefined, to: Node | undefined) => {
      if (!from || !to) return [];
      const inner = children.filter((child) => child.startIndex >= from.endIndex && child.endIndex <= to.startIndex);
      return trimRegion(this.templateRegion(from.endIndex, to.startIndex, inner, unescape), hasStripMarker(from, 'end'), hasStripMarker(to, 'start'));
    };
    if (node.type === 'template_if') {
      const intro = children.find((child) => child.type === 'template_if_intro');
      const elseIntro = children.find((child) => child.type === 'template_else_intro');
      const close = children.find((child) => child.type === 'template_if_end');
      const condition = intro?.namedChildren.find((child) => child?.type === 'expression');
      return {
        type: 'if',
        condition: condition ? this.expression(condition) : { type: 'invalid', range },
        then: region(intro, elseIntro ?? close),
        else: region(elseIntro, close),
        range,
      };
    }
    const start = children.find((child) => child.type === 'template_for_start');
    const close = children.find((child) => child.type === 'template_for_end');
    const variables = start ? named(start).filter((child) => child.type === 'identifier').map((child) => child.text) : [];
    const collection = start?.namedChildren.find((child) => child?.type === 'expression');
    return {
      type: 'for',
      keyVariable: variables.length > 1 ? variables[0] : undefined,
      valueVariable: variables[variables.length - 1] ?? '',
      collection: collection ? this.expression(collection) : { type: 'invalid', range },
      body: region(start, close),
      range,
    };
  }

  comments(root: Node): Comment[] {
    return root.descendantsOfType('comment').filter(notNull).map((node) => ({
      range: this.range(node),
      text: node.text.replace(/^(?:#|\/\/)|^\/\*|\*\/$/g, '').trim(),
    }));
  }

  errors(root: Node): ParseError[] {
    if (!root.hasError) return [];
    const problems: Node[] = [];
    const visit = (node: Node) => {
      if (node.isMissing || node.type === 'ERROR') {
        problems.push(node);
        return;
      }
      if (node.hasError) for (const child of node.children) if (child) visit(child);
    };
    visit(root);
    const first = problems[0];
    if (!first) return [];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more syntax error${problems.length > 2 ? 's' : ''} after it)` : '';
    const message = first.isMissing ? `syntax error: expected ${describeToken(first.type)}` : `syntax error: unexpected ${describeText(first.text)}`;
    return [{ message: `${message}${more}`, range: this.range(first) }];
  }
}

function named(node: Node): Node[] {
  return node.namedChildren.filter(notNull);
}

function notNull(node: Node | null): node is Node {
  return node !== null;
}

/** Whether a template piece (`${…}`, `%{ if … }`, `%{ endif }` …) has a `~` just inside its opening or closing brace. */
function hasStripMarker(node: Node | undefined, side: 'start' | 'end'): boolean {
  if (!node) return false;
  const tokens = node.children.filter(notNull);
  const marker = side === 'start' ? tokens[1] : tokens[tokens.length - 2];
  return marker?.type === 'strip_marker';
}

/** `${~ x}` or `%{~ if …}`: white space before the construct is removed. */
function stripsBefore(node: Node): boolean {
  const piece = node.type === 'template_directive' ? named(node.namedChildren[0]!)[0] : node;
  return hasStripMarker(piece, 'start');
}

/** `${x ~}` or `%{ endif ~}`: white space after the construct is removed. */
function stripsAfter(node: Node): boolean {
  const pieces = node.type === 'template_directive' ? named(node.namedChildren[0]!) : [node];
  return hasStripMarker(pieces[pieces.length - 1], 'end');
}

function trimRegion(parts: TemplatePart[], trimStart: boolean, trimEnd: boolean): TemplatePart[] {
  const result = [...parts];
  const first = result[0];
  if (trimStart && first?.type === 'text') result[0] = { ...first, value: first.value.replace(/^\s+/, '') };
  const last = result[result.length - 1];
  if (trimEnd && last?.type === 'text') result[result.length - 1] = { ...last, value: last.value.replace(/\s+$/, '') };
  return result.filter((part) => part.type !== 'text' || part.value !== '');
}

/** `<<-` heredocs lose the indentation common to all their lines that hold anything but white space. */
function dedent(parts: TemplatePart[]): TemplatePart[] {
  const minimum = commonIndent(parts);
  if (minimum === 0) return parts;
  let atLineStart = true;
  return parts.map((part) => {
    if (part.type !== 'text') {
      atLineStart = false;
      return part;
    }
    const value = part.value
      .split('\n')
      .map((line, position) => (position > 0 || atLineStart ? removeIndent(line, minimum) : line))
      .join('\n');
    atLineStart = part.value.endsWith('\n');
    return { ...part, value };
  });
}

function commonIndent(parts: TemplatePart[]): number {
  let minimum = Infinity;
  // White space seen so far at the start of the current line; undefined once the line has content.
  let indent: number | undefined = 0;
  for (const part of parts) {
    if (part.type !== 'text') {
      if (indent !== undefined) minimum = Math.min(minimum, indent);
      indent = undefined;
      continue;
    }
    part.value.split('\n').forEach((segment, position) => {
      if (position > 0) indent = 0;
      if (indent === undefined) return;
      const content = segment.replace(/^[ \t]+/, '');
      if (content !== '') {
        minimum = Math.min(minimum, indent + segment.length - content.length);
        indent = undefined;
      } else {
        indent += segment.length;
      }
    });
  }
  return Number.isFinite(minimum) ? minimum : 0;
}

function removeIndent(line: string, count: number): string {
  let removed = 0;
  while (removed < count && (line[removed] === ' ' || line[removed] === '\t')) removed++;
  return line.slice(removed);
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
