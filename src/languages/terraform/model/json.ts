import { lastAtOrBefore } from '../../../positions.js';
import type { Location, Position } from '../../../types.js';
import {
  failure,
  firstUnknown,
  formatNumber,
  knownBool,
  knownList,
  knownNull,
  knownNumber,
  knownObject,
  knownString,
  type StringValue,
  type TextRun,
  type UnknownValue,
  type Value,
} from './value.js';

/**
 * The value of a JSON document held in a string, as `jsondecode` gives it. Each part gets the
 * origin where it is written when the string's text is known to sit verbatim in a file (a
 * heredoc, a `file()`); a string made by `jsonencode` gives back the value it encoded, with the
 * origins of its parts. So a rule can point at the offending field of an ECR lifecycle policy
 * however the policy is written.
 */
export function decodeJson(value: Value): Value {
  if (value.kind === 'unknown') return value;
  if (value.kind !== 'string') return failure(`JSON text must be a string, not ${value.kind}`, value.origin);
  if (value.encoded?.format === 'json') return value.encoded.value;
  return new JsonReader(value).document();
}

/** Maps offsets in a string to positions in the file that holds it, or to the string's own origin when that is unknown. */
class Placement {
  private readonly runOffsets: number[];

  constructor(private readonly value: StringValue) {
    this.runOffsets = value.text?.runs.map((run) => run.offset) ?? [];
  }

  location(start: number, end: number): Location {
    const text = this.value.text;
    // No verbatim runs (a plan string with a raw control character in it, found by fuzzing): the string's own place.
    if (!text || text.runs.length === 0) return this.value.origin;
    return { path: text.path, range: { start: this.position(text.runs, start), end: this.position(text.runs, end) } };
  }

  /** The position of `offset`: inside a verbatim run, column by column; in text an interpolation produced, its start or its end. */
  private position(runs: readonly TextRun[], offset: number): Position {
    const run = runs[lastAtOrBefore(this.runOffsets, offset)]!;
    if (run.end) return offset === run.offset ? run.start : run.end;
    return { line: run.start.line, column: run.start.column + offset - run.offset };
  }
}

class JsonError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A strict JSON reader that remembers where each value starts and ends. */
class JsonReader {
  private offset = 0;
  private readonly text: string;
  private readonly placement: Placement;

  constructor(source: StringValue) {
    this.text = source.value;
    this.placement = new Placement(source);
  }

  document(): Value {
    try {
      const value = this.value();
      this.skipSpace();
      if (this.offset < this.text.length) throw new JsonError('unexpected text after the JSON value', this.offset);
      return value;
    } catch (error) {
      if (!(error instanceof JsonError)) throw error;
      return failure(`invalid JSON: ${error.message}`, this.placement.location(error.offset, error.offset + 1));
    }
  }

  private value(): Value {
    this.skipSpace();
    const start = this.offset;
    const char = this.text[start];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return knownString(this.string(), this.at(start));
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(start, start + 400));
    if (!literal) throw new JsonError(char === undefined ? 'unexpected end of text' : `unexpected ${JSON.stringify(char)}`, start);
    this.offset += literal[0].length;
    const at = this.at(start);
    if (literal[0] === 'null') return knownNull(at);
    if (literal[0] === 'true' || literal[0] === 'false') return knownBool(literal[0] === 'true', at);
    return knownNumber(Number(literal[0]), at);
  }

  private object(): Value {
    const start = this.offset++;
    const entries: [string, Value][] = [];
    this.skipSpace();
    if (this.text[this.offset] === '}') this.offset++;
    else {
      do {
        this.skipSpace();
        if (this.text[this.offset] !== '"') throw new JsonError('expected a quoted key', this.offset);
        const key = this.string();
        this.skipSpace();
        this.expect(':');
        entries.push([key, this.value()]);
        this.skipSpace();
      } while (this.next(',', '}'));
    }
    return knownObject(entries, this.at(start));
  }

  private array(): Value {
    const start = this.offset++;
    const items: Value[] = [];
    this.skipSpace();
    if (this.text[this.offset] === ']') this.offset++;
    else {
      do {
        items.push(this.value());
        this.skipSpace();
      } while (this.next(',', ']'));
    }
    return knownList(items, this.at(start));
  }

  /** Consumes `more` (true) or `end` (false), or fails. */
  private next(more: string, end: string): boolean {
    const char = this.text[this.offset];
    if (char !== more && char !== end) throw new JsonError(`expected ${JSON.stringify(more)} or ${JSON.stringify(end)}`, this.offset);
    this.offset++;
    return char === more;
  }

  private expect(char: string): void {
    if (this.text[this.offset] !== char) throw new JsonError(`expected ${JSON.stringify(char)}`, this.offset);
    this.offset++;
  }

  private string(): string {
    let result = '';
    for (let i = this.offset + 1; i < this.text.length; i++) {
      const char = this.text[i]!;
      if (char === '"') {
        this.offset = i + 1;
        return result;
      }
      if (char < ' ') throw new JsonError('control character in a string', i);
      if (char !== '\\') {
        result += char;
        continue;
      }
      const escape = this.text[++i] ?? '';
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 1, i + 5))) {
        result += String.fromCharCode(parseInt(this.text.slice(i + 1, i + 5), 16));
        i += 4;
      } else if (ESCAPES[escape] !== undefined) {
        result += ESCAPES[escape];
      } else {
        throw new JsonError(`invalid escape \\${escape}`, i - 1);
      }
    }
    throw new JsonError('unterminated string', this.offset);
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.offset] ?? '')) this.offset++;
  }

  private at(start: number): Location {
    return this.placement.location(start, this.offset);
  }
}

/** `value` as JSON text the way Terraform's `jsonencode` writes it (keys sorted, `<>&` escaped), or the unknown inside it. */
export function encodeJson(value: Value): string | UnknownValue {
  const missing = firstUnknown([value]);
  if (missing) return missing;
  return json(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function json(value: Value): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
      return formatNumber(value.value);
    case 'bool':
      return String(value.value);
    case 'list':
      return `[${value.items.map(json).join(',')}]`;
    case 'object':
      return `{${[...value.entries].map(([key, entry]) => `${JSON.stringify(key)}:${json(entry)}`).join(',')}}`;
    default:
      return 'null';
  }
}
