import type { Node } from 'web-tree-sitter';
import type { Attribute, BinaryExpression, Block, Body, Expression, Label, TemplatePart } from './syntax.js';
import type { Comment, Range } from '../../../types.js';
import { describeProblem, tokenEnd, valueMissingAfter } from './errors.js';
import { BARE_TEMPLATE, HEREDOC, INDENTED_HEREDOC, QUOTED, removeIndentation, sequenceToken, stripWhiteSpace, TEMPLATE_SEQUENCES, templateSequences, type SequenceKind, type TemplateStyle, type TemplateToken } from './template.js';
import { named, notNull, tokens } from './tree.js';
import type { ParseError } from '../../../language.js';

/** Turns offsets in the text handed to the parser into positions in the file the text came from. */
export interface Positions {
  range(startOffset: number, endOffset: number): Range;
}

/** Expressions, blocks and template directives nested deeper than this are not read: the reader, the evaluator and the rules all recurse through them. */
const DEEPEST_NESTING = 1000;

const BINARY_OPERATORS = new Set(['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%']);

/** HCL rejects a body that sets an attribute twice (in either syntax): one error per repetition. */
export function repeatedAttributes(body: Body): ParseError[] {
  const first = new Map<string, Attribute>();
  return body.attributes.flatMap((attribute) => {
    const earlier = first.get(attribute.name);
    if (!earlier) first.set(attribute.name, attribute);
    return earlier ? [{ message: `\`${attribute.name}\` is already set on line ${earlier.range.start.line}; each argument may be set only once`, range: attribute.nameRange }] : [];
  });
}

export class HclReader {
  /** Syntax errors tree-sitter's grammar lets through but HCL does not. */
  readonly problems: ParseError[] = [];
  private depth = 0;

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
    return this.nested(node, () => this.readBlock(node), () => ({ type: node.type, typeRange: this.range(node), labels: [], body: { attributes: [], blocks: [], range: this.range(node) }, range: this.range(node) }));
  }

  private readBlock(node: Node): Block {
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
    const children = tokens(node);
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
      this.problems.push(valueMissingAfter(equals.startIndex, this.text, this.positions));
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
    return this.nested(node, () => this.readExpression(node), () => ({ type: 'invalid', range: this.range(node) }));
  }

  /** Reads a node inside others, or, nested too deep, reports that and takes `unread` instead. */
  private nested<T>(node: Node, read: () => T, unread: () => T): T {
    if (this.depth === DEEPEST_NESTING) {
      this.problems.push({ message: `expressions, blocks or template directives nested more than ${DEEPEST_NESTING} deep, which merlint does not read; what is inside them is not checked`, range: this.range(node) });
      return unread();
    }
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private readExpression(node: Node): Expression {
    switch (node.type) {
      case 'expression':
        return this.sequence(tokens(node));
      case 'literal_value':
        return this.literal(named(node)[0]!);
      case 'collection_value':
        return this.expression(named(node)[0]!);
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
        return this.expression(named(node)[0]!);
      case 'quoted_template':
        return { type: 'template', parts: this.quotedParts(node), heredoc: false, range: this.range(node) };
      case 'heredoc_template':
        return { type: 'template', parts: this.heredocParts(node), heredoc: true, range: this.range(node) };
      case 'for_expr':
        return this.forExpression(named(node)[0]!);
      case 'conditional': {
        const [condition, whenTrue, whenFalse] = named(node).map((child) => this.expression(child));
        return conditional(condition!, whenTrue!, whenFalse!, this.range(node));
      }
      case 'operation':
        return this.expression(named(node)[0]!);
      case 'binary_operation':
        return this.binary(node);
      case 'unary_operation': {
        const [operator, ...operand] = tokens(node);
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
    return this.accesses(current, rest.flatMap((node) => (node.type === 'splat' ? [named(node)[0]!, ...named(named(node)[0]!)] : [node])));
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
    const firstStep = named(marker)[0];
    const item: Expression = { type: 'splatItem', range: this.span(marker.startIndex, firstStep?.startIndex ?? marker.endIndex) };
    const each = this.accesses(item, steps);
    return { type: 'splat', object, each, range: { start: object.range.start, end: each.range.end } };
  }

  private access(object: Expression, node: Node): Expression {
    const range = { start: object.range.start, end: this.range(node).end };
    if (node.type === 'get_attr') {
      const name = named(node)[0]!;
      return { type: 'getAttr', object, name: name.text, nameRange: this.range(name), range };
    }
    if (node.type === 'index') {
      const inner = named(node)[0]!;
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
    const children = tokens(node);
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
      this.problems.push({ message: `syntax error: \`${this.text.slice(opener.startIndex, identifiers[0]!.endIndex)}\` must end its line`, range: this.span(identifiers[0]!.endIndex, tokenEnd(this.text, identifiers[0]!.endIndex)) });
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
      else if (token.kind === 'if') parts.push(this.directive(token.node, tokens, cursor, () => this.ifPart(token.node, tokens, cursor)));
      else if (token.kind === 'for') parts.push(this.directive(token.node, tokens, cursor, () => this.forPart(token.node, tokens, cursor)));
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

  /** A nested `%{ if }` or `%{ for }`; nested too deep, the rest of the template is left unread and stands as an unknown value. */
  private directive(node: Node, tokens: TemplateToken[], cursor: { next: number }, read: () => TemplatePart): TemplatePart {
    return this.nested(node, read, () => {
      cursor.next = tokens.length;
      return { type: 'interpolation', expression: { type: 'invalid', range: this.range(node) }, range: this.range(node) };
    });
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

  /** A syntax error at `node` (ERROR or MISSING), its range on the offending token. */
  problem(node: Node): ParseError {
    return describeProblem(node, this.text, this.positions);
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


}

/** tree-sitter groups `a ? b : c ? d : e` to the left; HCL reads it as `a ? b : (c ? d : e)`. */
function conditional(condition: Expression, whenTrue: Expression, whenFalse: Expression, range: Range): Expression {
  if (condition.type !== 'conditional') return { type: 'conditional', condition, whenTrue, whenFalse, range };
  const rest = conditional(condition.whenFalse, whenTrue, whenFalse, { start: condition.whenFalse.range.start, end: range.end });
  return { type: 'conditional', condition: condition.condition, whenTrue: condition.whenTrue, whenFalse: rest, range };
}

/** `.name` or a legacy `.0` index: the steps an attribute-only splat (`.*`) applies to each element. */
function isAttributeStep(node: Node): boolean {
  return node.type === 'get_attr' || (node.type === 'index' && named(node)[0]?.type === 'legacy_index');
}
