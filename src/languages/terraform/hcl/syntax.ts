import { comparePositions } from '../../../positions.js';
import type { Range } from '../../../types.js';
import type { ParseError } from '../../../language.js';

/** HCL syntax tree: every node keeps the range it was written at. */

export interface LiteralExpression {
  type: 'literal';
  value: string | number | boolean | null;
  range: Range;
}

export interface TemplateExpression {
  type: 'template';
  parts: TemplatePart[];
  heredoc: boolean;
  range: Range;
}

export interface TupleExpression {
  type: 'tuple';
  items: Expression[];
  range: Range;
}

export interface ObjectItem {
  key: Expression;
  value: Expression;
  range: Range;
}

export interface ObjectExpression {
  type: 'object';
  items: ObjectItem[];
  range: Range;
}

/** A root name: `var`, `local`, `aws_s3_bucket`, a `for` variable, … */
export interface VariableExpression {
  type: 'variable';
  name: string;
  range: Range;
}

export interface GetAttrExpression {
  type: 'getAttr';
  object: Expression;
  name: string;
  nameRange: Range;
  range: Range;
}

export interface IndexExpression {
  type: 'index';
  object: Expression;
  key: Expression;
  range: Range;
}

/** `list[*].id` / `list.*.id`: `each` is evaluated for every element, which it reads as `splatItem`. */
export interface SplatExpression {
  type: 'splat';
  object: Expression;
  each: Expression;
  range: Range;
}

export interface SplatItemExpression {
  type: 'splatItem';
  range: Range;
}

export interface CallExpression {
  type: 'call';
  name: string;
  nameRange: Range;
  args: Expression[];
  /** The last argument was written with `...`. */
  expandFinal: boolean;
  range: Range;
}

export interface ForExpression {
  type: 'for';
  keyVariable: string | undefined;
  valueVariable: string;
  collection: Expression;
  /** Present for an object `for` (`{for k, v in m : k => v}`). */
  key: Expression | undefined;
  value: Expression;
  condition: Expression | undefined;
  grouping: boolean;
  range: Range;
}

export interface ConditionalExpression {
  type: 'conditional';
  condition: Expression;
  whenTrue: Expression;
  whenFalse: Expression;
  range: Range;
}

export interface UnaryExpression {
  type: 'unary';
  operator: '-' | '!';
  operand: Expression;
  range: Range;
}

export interface BinaryExpression {
  type: 'binary';
  operator: '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';
  left: Expression;
  right: Expression;
  range: Range;
}

export interface ParenthesesExpression {
  type: 'parentheses';
  expression: Expression;
  range: Range;
}

/** Where the parser could not make sense of the text (a syntax error it recovered from). */
export interface InvalidExpression {
  type: 'invalid';
  range: Range;
}

export type Expression =
  | LiteralExpression
  | TemplateExpression
  | TupleExpression
  | ObjectExpression
  | VariableExpression
  | GetAttrExpression
  | IndexExpression
  | SplatExpression
  | SplatItemExpression
  | CallExpression
  | ForExpression
  | ConditionalExpression
  | UnaryExpression
  | BinaryExpression
  | ParenthesesExpression
  | InvalidExpression;

export type TemplatePart =
  | { type: 'text'; value: string; range: Range }
  | { type: 'interpolation'; expression: Expression; range: Range }
  | { type: 'if'; condition: Expression; then: TemplatePart[]; else: TemplatePart[]; range: Range }
  | { type: 'for'; keyVariable: string | undefined; valueVariable: string; collection: Expression; body: TemplatePart[]; range: Range };

export interface Attribute {
  name: string;
  nameRange: Range;
  value: Expression;
  range: Range;
}

export interface Label {
  value: string;
  range: Range;
}

export interface Block {
  type: string;
  typeRange: Range;
  labels: Label[];
  body: Body;
  range: Range;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
  /**
   * Read from JSON syntax (`.tf.json`), where an object-valued property is a nested block or an
   * attribute depending on a schema merlint does not have: such properties stay attributes, and
   * `blocks()` also returns them as blocks.
   */
  json?: true;
}

/** HCL rejects a body that sets an attribute twice (in either syntax): one error per repetition. */
export function repeatedAttributes(body: Body): ParseError[] {
  const first = new Map<string, Attribute>();
  return body.attributes.flatMap((attribute) => {
    const earlier = first.get(attribute.name);
    if (!earlier) first.set(attribute.name, attribute);
    return earlier ? [repetition(attribute, earlier)] : [];
  });
}

export function repetition(attribute: Attribute, earlier: Attribute): ParseError {
  return { message: `\`${attribute.name}\` is already set on line ${earlier.range.start.line}; each argument may be set only once`, range: attribute.nameRange };
}

export function attribute(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((candidate) => candidate.name === name);
}

/** The blocks of a type in a body, in the order written; in a JSON body also the attributes that may be such blocks. */
export function blocks(body: Body, type: string): Block[] {
  const written = body.blocks.filter((block) => block.type === type);
  if (!body.json) return written;
  const fromAttributes = body.attributes.filter((candidate) => candidate.name === type).flatMap((candidate) => jsonBlocks(candidate, JSON_LABELS[type] ?? 0));
  return [...written, ...fromAttributes].sort((a, b) => comparePositions(a.range.start, b.range.start));
}

// HCL's dynamic-block extension gives `dynamic` one label (the type of the blocks it makes); other nested blocks have none.
const JSON_LABELS: Record<string, number> = { dynamic: 1 };

/**
 * An attribute of a JSON body read as blocks: an object is one block (after one level of nested
 * objects per label), an array of objects is one block per object.
 */
function jsonBlocks(holder: Attribute, labelCount: number): Block[] {
  const read = (value: Expression, labels: Label[], range: Range): Block[] => {
    if (labels.length < labelCount) {
      if (value.type !== 'object') return [];
      return value.items.flatMap((item) => {
        const label = literalText(item.key);
        return label === undefined ? [] : read(item.value, [...labels, { value: label, range: item.key.range }], item.range);
      });
    }
    const block = (object: ObjectExpression, blockRange: Range): Block => ({ type: holder.name, typeRange: holder.nameRange, labels, body: jsonBody(object), range: blockRange });
    if (value.type === 'object') return [block(value, range)];
    if (value.type === 'tuple') return value.items.filter((item): item is ObjectExpression => item.type === 'object').map((item) => block(item, item.range));
    return [];
  };
  return read(holder.value, [], holder.range);
}

function jsonBody(object: ObjectExpression): Body {
  const attributes = object.items.flatMap((item): Attribute[] => {
    const name = literalText(item.key);
    // "//" properties are comments in JSON bodies.
    return name === undefined || name === '//' ? [] : [{ name, nameRange: item.key.range, value: item.value, range: item.range }];
  });
  return { attributes, blocks: [], range: insideBraces(object.range), json: true };
}

/** The text of a template without interpolations or directives; undefined for any other expression. */
function literalText(expression: Expression): string | undefined {
  if (expression.type !== 'template' || expression.parts.some((part) => part.type !== 'text')) return undefined;
  return expression.parts.map((part) => (part.type === 'text' ? part.value : '')).join('');
}

/** The range between the braces of an object written `{ … }`. */
export function insideBraces(range: Range): Range {
  return { start: { line: range.start.line, column: range.start.column + 1 }, end: { line: range.end.line, column: range.end.column - 1 } };
}
