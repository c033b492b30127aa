import type { Body, Expression, ObjectItem, TemplateExpression, TemplatePart } from '../../src/languages/terraform/hcl/syntax.js';
import { LineIndex } from '../../src/positions.js';
import type { Range } from '../../src/types.js';

/**
 * Our syntax tree printed the way `@cdktf/hcl2json` prints the same file, so that the two can be
 * compared value for value. hcl2json is tmccombs/hcl2json's converter over HashiCorp's hclsyntax
 * (convert/convert.go); it prints
 * - a body as an object: its blocks first, as `{type: {label: {label: [body, …]}}}` with every body
 *   in an array (blocks of the same type and labels append to it), then its attributes by name;
 * - literals as JSON values: numbers, bools, null, strings (a literal `${` or `%{` escaped as `$${`
 *   or `%%{`, as in JSON-syntax HCL); tuples as arrays and objects as objects, item by item; a
 *   unary operator applied directly to a literal is evaluated (`-1`, `!true`);
 * - a template as a string: literal text escaped as above, an interpolation as `${` + the source
 *   text of its expression + `}`, `%{if}` and `%{for}` rebuilt from the source text of their
 *   condition or collection; a template that is one interpolation (`"${x}"`) as the value of `x`;
 * - every other expression as `${` + its source text + `}`.
 * Nothing is left out: expressions are compared by the text our ranges select, which checks the
 * ranges along with the structure.
 */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export function hcl2jsonValue(body: Body, text: string): { [key: string]: Value } {
  return new Printer(text).body(body);
}

class Printer {
  private readonly index: LineIndex;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }

  body(body: Body): { [key: string]: Value } {
    const printed: { [key: string]: Value } = {};
    for (const block of body.blocks) {
      let parent = printed;
      let key = block.type;
      for (const label of block.labels) {
        parent = (parent[key] ??= {}) as { [key: string]: Value };
        key = label.value;
      }
      ((parent[key] ??= []) as Value[]).push(this.body(block.body));
    }
    for (const attribute of body.attributes) printed[attribute.name] = this.expression(attribute.value);
    return printed;
  }

  private expression(expression: Expression): Value {
    switch (expression.type) {
      case 'literal':
        return expression.value;
      case 'unary':
        return expression.operand.type === 'literal' ? evaluate(expression.operator, expression.operand.value) : this.wrapped(expression);
      case 'template':
        return isWrap(expression) ? this.expression(expression.parts[0].expression) : this.template(expression.parts);
      case 'tuple':
        return expression.items.map((item) => this.expression(item));
      case 'object':
        return Object.fromEntries(expression.items.map((item) => [this.key(item), this.expression(item.value)]));
      default:
        return this.wrapped(expression);
    }
  }

  /** A bare name as an object key is its source text; any other key is printed as a template part. */
  private key(item: ObjectItem): string {
    const key = item.key;
    if (key.type === 'variable' || key.type === 'getAttr') return this.source(key.range);
    return this.stringPart(key);
  }

  private template(parts: TemplatePart[]): string {
    return parts.map((part) => this.part(part)).join('');
  }

  private part(part: TemplatePart): string {
    switch (part.type) {
      case 'text':
        return escapeTemplate(part.value);
      case 'interpolation':
        return this.stringPart(part.expression);
      case 'if':
        return this.conditional(this.source(part.condition.range), this.template(part.then), this.template(part.else));
      case 'for': {
        const variables = part.keyVariable ? `${part.keyVariable}, ${part.valueVariable}` : part.valueVariable;
        return `%{for ${variables} in ${this.source(part.collection.range)}}${this.template(part.body)}%{endfor}`;
      }
    }
  }

  /** An expression inside a template. HCL reads `${c ? a : b}` and `%{if c}a%{else}b%{endif}` alike. */
  private stringPart(expression: Expression): string {
    switch (expression.type) {
      case 'literal':
        return expression.value === null ? 'null' : escapeTemplate(String(expression.value));
      case 'template':
        return isWrap(expression) ? this.stringPart(expression.parts[0].expression) : this.template(expression.parts);
      case 'conditional':
        return this.conditional(this.source(expression.condition.range), this.stringPart(expression.whenTrue), this.stringPart(expression.whenFalse));
      default:
        return this.wrapped(expression);
    }
  }

  private conditional(condition: string, whenTrue: string, whenFalse: string): string {
    return `%{if ${condition}}${whenTrue}${whenFalse ? `%{else}${whenFalse}` : ''}%{endif}`;
  }

  private wrapped(expression: Expression): string {
    return `\${${this.source(expression.range)}}`;
  }

  /** The text a range selects, with hcl2json's quirk: it adds a `)` that follows the range. */
  private source(range: Range): string {
    const end = this.index.offset(range.end);
    return this.text.slice(this.index.offset(range.start), end) + (this.text[end] === ')' ? ')' : '');
  }
}

/** `"${x}"`: HCL unwraps a template that is a single interpolation to the value of `x`. */
function isWrap(template: TemplateExpression): template is TemplateExpression & { parts: [TemplatePart & { type: 'interpolation' }] } {
  return template.parts.length === 1 && template.parts[0]!.type === 'interpolation';
}

function evaluate(operator: '-' | '!', value: string | number | boolean | null): Value {
  if (operator === '-' && typeof value === 'number') return -value;
  if (operator === '!' && typeof value === 'boolean') return !value;
  return null;
}

function escapeTemplate(text: string): string {
  return text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}
