import type { Body, Expression } from '../../src/model/hcl.js';

/**
 * Our syntax tree as the value tree `@cdktf/hcl2json` prints for the same file, so the two can be
 * compared. hcl2json (tmccombs/hcl2json's converter over HashiCorp's hclsyntax) prints:
 * - a body as an object: blocks first, `{type: {label: {label: [body, …]}}}` with every body in an
 *   array (several blocks of one type and labels append to it), then attributes by name;
 * - literal values as JSON values: numbers, bools, null, strings (with a literal `${` or `%{`
 *   escaped as `$${` / `%%{`, as in JSON-syntax HCL), tuples as arrays, objects as objects;
 *   `-1` and `!true` are evaluated;
 * - anything else as source text wrapped in `${…}`, or as a rebuilt `%{if}` / `%{for}` template.
 * Attribute values that are not literals are replaced by EXPRESSION here, and by
 * `withoutExpressions` in hcl2json's output, so that only structure and literals are compared.
 */
export const EXPRESSION = '<expression>';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export function valueTree(body: Body): { [key: string]: Value } {
  const tree: { [key: string]: Value } = {};
  for (const block of body.blocks) {
    let parent = tree;
    let key = block.type;
    for (const label of block.labels) {
      parent = (parent[key] ??= {}) as { [key: string]: Value };
      key = label.value;
    }
    ((parent[key] ??= []) as Value[]).push(valueTree(block.body));
  }
  for (const attribute of body.attributes) {
    const value = literal(attribute.value);
    tree[attribute.name] = value === undefined ? EXPRESSION : value;
  }
  return tree;
}

/** The value of an expression made only of literals; undefined for anything that needs evaluating. */
function literal(expression: Expression): Value | undefined {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'template':
      return expression.parts.every((part) => part.type === 'text') ? escapeTemplate(expression.parts.map((part) => part.value).join('')) : undefined;
    case 'tuple': {
      const items = expression.items.map(literal);
      return items.every((item) => item !== undefined) ? (items as Value[]) : undefined;
    }
    case 'object':
      return literalObject(expression.items);
    case 'unary':
      return negated(expression.operator, expression.operand);
    default:
      return undefined;
  }
}

function literalObject(items: { key: Expression; value: Expression }[]): Value | undefined {
  const object: { [key: string]: Value } = {};
  for (const item of items) {
    // A bare name as a key is the name itself; a literal key is converted to a string.
    const key = item.key.type === 'variable' ? item.key.name : literal(item.key);
    const value = literal(item.value);
    if (!isScalar(key) || value === undefined) return undefined;
    object[String(key)] = value;
  }
  return object;
}

function isScalar(value: Value | undefined): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** hcl2json evaluates a unary operator applied directly to a literal. */
function negated(operator: '-' | '!', operand: Expression): Value | undefined {
  if (operand.type !== 'literal') return undefined;
  if (operator === '-' && typeof operand.value === 'number') return -operand.value;
  if (operator === '!' && typeof operand.value === 'boolean') return !operand.value;
  return undefined;
}

function escapeTemplate(text: string): string {
  return text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

/**
 * hcl2json's output with every attribute value that we read as an expression, and that hcl2json
 * printed as one (a string with an unescaped `${` or `%{`, anywhere inside the value), replaced by
 * EXPRESSION. Where only one side reads an expression the value is left alone, so the comparison
 * shows the difference.
 */
export function withoutExpressions(theirs: Value, ours: Value): Value {
  if (ours === EXPRESSION) return holdsExpression(theirs) ? EXPRESSION : theirs;
  if (Array.isArray(theirs) && Array.isArray(ours)) return theirs.map((item, index) => (index < ours.length ? withoutExpressions(item, ours[index]!) : item));
  if (isObject(theirs) && isObject(ours)) {
    return Object.fromEntries(Object.entries(theirs).map(([key, value]) => [key, key in ours ? withoutExpressions(value, ours[key]!) : value]));
  }
  return theirs;
}

function isObject(value: Value): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TEMPLATE_SEQUENCE = /\$\$\{|%%\{|\$\{|%\{/g;

function holdsExpression(value: Value): boolean {
  if (typeof value === 'string') return [...value.matchAll(TEMPLATE_SEQUENCE)].some(([sequence]) => sequence === '${' || sequence === '%{');
  if (Array.isArray(value)) return value.some(holdsExpression);
  if (isObject(value)) return Object.entries(value).some(([key, item]) => holdsExpression(key) || holdsExpression(item));
  return false;
}
