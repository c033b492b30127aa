import type { Range } from '../types.js';

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
}

export function attribute(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((candidate) => candidate.name === name);
}

export function blocks(body: Body, type: string): Block[] {
  return body.blocks.filter((block) => block.type === type);
}
