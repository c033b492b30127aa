import { deepestBracket } from '../../nesting.js';
import { printParseErrorCode, type Node as JsonNode, type ParseError as JsonSyntaxError } from 'jsonc-parser';
import type { Attribute, Expression } from './hcl/syntax.js';
import { comparePositions, LineIndex } from '../../positions.js';
import type { Range } from '../../types.js';
import type { Positions } from './hcl/parser.js';
import type { ParseError } from '../../language.js';

/** How one JSON string is read: as a template (`"${var.region}"`), as an expression (`"aws.tokyo"`), or literally. */
export type StringReading = 'template' | 'expression' | 'literal';

/**
 * JSON values (from jsonc-parser's tree) read into the HCL expressions that would write them, every
 * node with the range where it is written. Strings are read literally here; Terraform's JSON syntax
 * reads most of them as templates (see terraform-json.ts).
 */
export class JsonValues {
  readonly problems: ParseError[] = [];
  private readonly index: LineIndex;

  constructor(protected readonly text: string) {
    this.index = new LineIndex(text);
  }

  syntaxError(error: JsonSyntaxError): ParseError {
    const message = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return { message: `JSON syntax error: ${message}`, range: this.span(error.offset, error.offset + Math.max(error.length, 1)) };
  }

  /** An object's property as an attribute. */
  attribute(property: JsonNode, reading: StringReading = 'literal'): Attribute {
    const [key, value] = property.children as [JsonNode, JsonNode];
    return { name: key.value as string, nameRange: this.range(key), value: this.expression(value, reading), range: this.range(property) };
  }

  expression(node: JsonNode, reading: StringReading = 'literal'): Expression {
    const range = this.range(node);
    switch (node.type) {
      case 'string':
        return this.string(node, reading);
      case 'number':
        return { type: 'literal', value: Number(this.text.slice(node.offset, node.offset + node.length)), range };
      case 'boolean':
      case 'null':
        return { type: 'literal', value: node.value as boolean | null, range };
      case 'array':
        return { type: 'tuple', items: (node.children ?? []).map((item) => this.expression(item, reading)), range };
      case 'object':
        return {
          type: 'object',
          items: complete(node).map((property) => {
            const [key, value] = property.children as [JsonNode, JsonNode];
            return { key: this.string(key, reading), value: this.expression(value, reading), range: this.range(property) };
          }),
          range,
        };
      default:
        return { type: 'invalid', range };
    }
  }

  /** A JSON string as the template that writes its text literally; ranges point inside the string as written. */
  protected string(node: JsonNode, _reading: StringReading): Expression {
    const { value, positions } = this.stringContent(node);
    return { type: 'template', parts: value ? [{ type: 'text', value, range: positions.range(0, value.length) }] : [], heredoc: false, range: this.range(node) };
  }

  /** The string's value after JSON unescaping, and where each of its characters is written in the file. */
  stringContent(node: JsonNode): { value: string; positions: Positions } {
    const { value, offsets } = unescapeJson(this.text, node.offset + 1, node.offset + node.length - 1);
    return { value, positions: { range: (start, end) => this.span(offsets[start]!, offsets[end]!) } };
  }

  problem(node: JsonNode, message: string): void {
    this.problems.push({ message, range: this.range(node) });
  }

  range(node: JsonNode): Range {
    return this.span(node.offset, node.offset + node.length);
  }

  span(start: number, end: number): Range {
    return this.index.range(start, end);
  }
}

/** The first error, saying how many more there are: after one, the others are often its consequences. */
export function firstError(errors: readonly ParseError[]): ParseError[] {
  const [first] = [...errors].sort((a, b) => comparePositions(a.range.start, b.range.start));
  const more = errors.length - 1;
  if (!first) return [];
  return [more > 0 ? { ...first, message: `${first.message} (and ${more} more error${more > 1 ? 's' : ''} after it)` } : first];
}

/** The properties of an object that have a value: after a syntax error jsonc-parser keeps a key without one. */
export function complete(object: JsonNode): JsonNode[] {
  return (object.children ?? []).filter((property) => property.children?.length === 2);
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The value of the JSON string written between `start` and `end` (without its quotes), and for each
 * character of it (and for its end) the offset in `text` where it is written.
 */
function unescapeJson(text: string, start: number, end: number): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  let at = start;
  while (at < end) {
    offsets.push(at);
    if (text[at] !== '\\') {
      value += text[at];
      at++;
    } else if (text[at + 1] === 'u') {
      value += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16) || 0);
      at += 6;
    } else {
      value += JSON_ESCAPES[text[at + 1] ?? ''] ?? text[at + 1] ?? '';
      at += 2;
    }
  }
  offsets.push(end);
  return { value, offsets };
}

/** JSON nested deeper than this is not read: jsonc-parser and the readers recurse through it. */
const DEEPEST_NESTING = 1000;

/** A parse error at the first `[` or `{` nested deeper than DEEPEST_NESTING, found before any recursion. */
export function nestingError(text: string, values: JsonValues): ParseError | undefined {
  const at = deepestBracket(text, DEEPEST_NESTING, 'json');
  return at === undefined ? undefined : { message: `arrays and objects nested more than ${DEEPEST_NESTING} deep, which merlint does not read`, range: values.span(at, at + 1) };
}
