import type { Location, Range } from '../../../types.js';
import type {
  Expression,
  ForExpression,
  GetAttrExpression,
  IndexExpression,
  ObjectExpression,
  SplatExpression,
  TemplateExpression,
  TemplatePart,
} from '../hcl/syntax.js';
import { toBool, toNumber, toText } from './convert.js';
import { callFunction } from './functions/index.js';
import { binary, conditional, unary } from './operators.js';
import { resolveReference } from './references.js';
import type { Scope } from './scope.js';
import {
  bounded,
  failure,
  flowedThrough,
  knownBool,
  knownList,
  knownNull,
  knownNumber,
  knownObject,
  knownString,
  LARGEST_VALUE,
  member,
  render,
  sizeOf,
  takenFrom,
  tooLarge,
  typeName,
  unknown,
  type TextRun,
  type Value,
} from './value.js';

/** The value of `expression` in `scope`: known with its origin, or unknown with the reason. */
export function evaluate(expression: Expression, scope: Scope): Value {
  const at = scope.locate(expression.range);
  const value = valueOf(expression, scope, at);
  // A value built here is held to LARGEST_VALUE once; the other expressions pass on a value bounded where it was built.
  return BUILDS_VALUE.has(expression.type) ? bounded(value, at) : value;
}

/** Expressions whose value is made here (a string, a collection, a function's result), not taken from elsewhere. */
const BUILDS_VALUE: ReadonlySet<Expression['type']> = new Set(['template', 'tuple', 'object', 'splat', 'call', 'for']);

function valueOf(expression: Expression, scope: Scope, at: Location): Value {
  switch (expression.type) {
    case 'literal':
      return literal(expression.value, at);
    case 'template':
      return template(expression, scope);
    case 'tuple':
      return knownList(expression.items.map((item) => evaluate(item, scope)), at);
    case 'object':
      return objectConstructor(expression, scope);
    case 'variable':
    case 'getAttr':
    case 'index':
      return traversal(expression, scope);
    case 'splat':
      return splat(expression, scope);
    case 'splatItem':
      return scope.bindings.get(SPLAT_ITEM) ?? failure('a splat item outside a splat expression', at);
    case 'call':
      return callFunction(expression, scope);
    case 'for':
      return forExpression(expression, scope);
    case 'conditional':
      return conditional(expression, scope);
    case 'unary':
      return unary(expression, scope);
    case 'binary':
      return binary(expression, scope);
    case 'parentheses':
      return evaluate(expression.expression, scope);
    case 'invalid':
      return failure('this expression could not be parsed', at);
  }
}

/** The binding name the element of a splat is evaluated under; not a name HCL lets anyone write. */
const SPLAT_ITEM = '[*]';

function literal(value: string | number | boolean | null, at: Location): Value {
  if (value === null) return knownNull(at);
  if (typeof value === 'number') return knownNumber(value, at);
  if (typeof value === 'boolean') return knownBool(value, at);
  return knownString(value, at);
}

function template(expression: TemplateExpression, scope: Scope): Value {
  const only = expression.parts.length === 1 ? expression.parts[0] : undefined;
  // A template that is one interpolation yields the value itself, not its text (`"${var.ports}"` stays a list).
  if (only?.type === 'interpolation') return evaluate(only.expression, scope);
  const rendered = renderParts(expression.parts, scope);
  if ('kind' in rendered) {
    // Text around an unknown part makes another string, no longer an attribute of the resource the part came from.
    const { resource: _part, ...detached } = rendered;
    return detached;
  }
  return knownString(rendered.text, scope.locate(expression.range), rendered.runs && { path: scope.path, runs: rendered.runs });
}

/** A template's text, and where its runs are written when every part can be placed (see TextPlacement). */
interface Rendered {
  text: string;
  runs: TextRun[] | undefined;
}

function renderParts(parts: TemplatePart[], scope: Scope): Rendered | Value {
  const pieces: Rendered[] = [];
  for (const part of parts) {
    const piece = renderPart(part, scope);
    if ('kind' in piece) return piece;
    pieces.push(piece);
  }
  return joined(pieces);
}

function joined(pieces: readonly Rendered[]): Rendered {
  const runs: TextRun[] = [];
  let placed = true;
  let offset = 0;
  for (const piece of pieces) {
    if (!piece.runs) placed = false;
    else if (placed) for (const run of piece.runs) runs.push({ ...run, offset: run.offset + offset });
    offset += piece.text.length;
  }
  return { text: pieces.map((piece) => piece.text).join(''), runs: placed ? runs : undefined };
}

function renderPart(part: TemplatePart, scope: Scope): Rendered | Value {
  switch (part.type) {
    case 'text':
      return { text: part.value, runs: textRuns(part.value, part.range, scope) };
    case 'interpolation': {
      const value = toText(evaluate(part.expression, scope));
      if (value.kind === 'null') return failure('a template cannot interpolate null', scope.locate(part.range));
      return value.kind === 'string' ? { text: value.value, runs: [{ offset: 0, start: part.range.start, end: part.range.end }] } : value;
    }
    case 'if': {
      const condition = toBool(evaluate(part.condition, scope));
      if (condition.kind !== 'bool') return condition.kind === 'null' ? failure('the condition of %{if} is null', scope.locate(part.range)) : condition;
      return renderParts(condition.value ? part.then : part.else, scope);
    }
    case 'for': {
      const collection = evaluate(part.collection, scope);
      const elements = iterate(collection, scope.locate(part.range));
      if (!Array.isArray(elements)) return elements;
      const pieces: Rendered[] = [];
      let length = 0;
      for (const [key, value] of elements) {
        const piece = renderParts(part.body, scope.bind(loopBindings(part.keyVariable, part.valueVariable, key, value)));
        if ('kind' in piece) return piece;
        length += piece.text.length;
        if (length > LARGEST_VALUE) return tooLarge(scope.locate(part.range));
        pieces.push(piece);
      }
      return joined(pieces);
    }
  }
}

/**
 * Where the lines of a template's literal text start in its file, when the text is written there
 * verbatim (a heredoc, a plain quoted string): then positions inside it, such as a field of a JSON
 * policy, can be found. Escapes make the text differ from the value; such text gets none.
 */
function textRuns(value: string, range: Range, scope: Scope): TextRun[] | undefined {
  const lines = scope.environment.lines(scope.path);
  if (!lines) return undefined;
  const valueLines = value.split('\n');
  if (range.start.line + valueLines.length - 1 > range.end.line) return undefined;
  const runs: TextRun[] = [];
  let offset = 0;
  for (const [index, valueLine] of valueLines.entries()) {
    const line = range.start.line + index;
    const from = index === 0 ? range.start.column - 1 : 0;
    const to = line === range.end.line ? range.end.column - 1 : undefined;
    const raw = lines.lineText(line).slice(from, to);
    // A heredoc keeps a CRLF line's \r in its value (as HCL does), where the line's text ends before it.
    const written = index < valueLines.length - 1 && valueLine.endsWith('\r') ? valueLine.slice(0, -1) : valueLine;
    if (!raw.endsWith(written) || raw.slice(0, raw.length - written.length).trim() !== '') return undefined;
    runs.push({ offset, start: { line, column: from + raw.length - written.length + 1 } });
    offset += valueLine.length + 1;
  }
  return runs;
}

function objectConstructor(expression: ObjectExpression, scope: Scope): Value {
  const entries: [string, Value][] = [];
  for (const item of expression.items) {
    const key = keyName(item.key) ?? toText(evaluate(item.key, scope));
    if (typeof key !== 'string' && key.kind !== 'string') return key.kind === 'null' ? failure('an object key cannot be null', key.origin) : key;
    entries.push([typeof key === 'string' ? key : key.value, evaluate(item.value, scope)]);
  }
  return knownObject(entries, scope.locate(expression.range));
}

/** A bare name as a key is the name itself, a keyword too (`null = …`); anything else (a string, `(var.key)`) is evaluated. */
function keyName(key: Expression): string | undefined {
  if (key.type === 'variable') return key.name;
  return key.type === 'literal' && key.value === null ? 'null' : undefined;
}

type Step = GetAttrExpression | IndexExpression;

function traversal(expression: Expression, scope: Scope): Value {
  const steps: Step[] = [];
  let root = expression;
  while (root.type === 'getAttr' || root.type === 'index') {
    steps.unshift(root);
    root = root.object;
  }
  if (root.type !== 'variable') return applySteps(evaluate(root, scope), steps, scope);
  const bound = scope.bindings.get(root.name);
  if (bound) return applySteps(bound, steps, scope);
  const resolved = resolveReference(root, steps, scope);
  const value = applySteps(resolved.value, steps.slice(resolved.consumed), scope);
  return resolved.reference ? flowedThrough(value, scope.locate(expression.range)) : value;
}

function applySteps(value: Value, steps: readonly Step[], scope: Scope): Value {
  let current = value;
  for (const step of steps) {
    const at = scope.locate(step.range);
    current = step.type === 'getAttr' ? attributeOf(current, step.name, at) : elementOf(current, evaluate(step.key, scope), at);
  }
  return current;
}

/** `value.name`. */
function attributeOf(value: Value, name: string, at: Location): Value {
  if (value.kind === 'unknown') return value;
  if (value.kind !== 'object') return failure(`${typeName(value)} ${render(value)} has no attribute "${name}"`, at);
  const entry = member(value, name);
  if (entry) return entry;
  if (value.afterApply) return takenFrom(unknown(`${value.afterApply}.${name} is only known after apply`, at), value);
  return failure(`the object has no attribute "${name}"`, at);
}

/** `value[key]`. */
function elementOf(value: Value, key: Value, at: Location): Value {
  if (value.kind === 'unknown') return value;
  if (key.kind === 'unknown') return key;
  if (value.kind === 'object') {
    const name = toText(key);
    return name.kind === 'string' ? attributeOf(value, name.value, at) : failure(`an object key must be a string, not ${render(key)}`, at);
  }
  if (value.kind !== 'list' || value.set) return failure(`${typeName(value)} values cannot be indexed`, at);
  const index = toNumber(key);
  if (index.kind !== 'number' || !Number.isInteger(index.value)) return failure(`a list index must be a whole number, not ${render(key)}`, at);
  return member(value, index.value) ?? failure(`index ${index.value} is out of range for a list of ${value.items.length}`, at);
}

function splat(expression: SplatExpression, scope: Scope): Value {
  const at = scope.locate(expression.range);
  const source = evaluate(expression.object, scope);
  if (source.kind === 'unknown') return source;
  if (source.kind === 'null') return knownList([], at);
  const items = source.kind === 'list' ? source.items.map((item) => takenFrom(item, source)) : [source];
  return knownList(items.map((item) => evaluate(expression.each, scope.bind([[SPLAT_ITEM, item]]))), at);
}

/** The key/value pairs a `for` walks: list indexes, map keys, or for a set each element as its own key. */
export function iterate(collection: Value, at: Location): [Value, Value][] | Value {
  if (collection.kind === 'unknown') return collection;
  if (collection.kind === 'list') {
    return collection.items.map((item, index) => {
      const value = takenFrom(item, collection);
      return [collection.set ? value : knownNumber(index, at), value];
    });
  }
  if (collection.kind === 'object') {
    return [...collection.entries].map(([key, entry]) => {
      const value = takenFrom(entry, collection);
      return [knownString(key, value.kind === 'unknown' ? at : value.origin), value];
    });
  }
  return failure(`a for expression needs a list, set or map, not ${render(collection)}`, at);
}

function loopBindings(keyVariable: string | undefined, valueVariable: string, key: Value, value: Value): [string, Value][] {
  return keyVariable ? [[keyVariable, key], [valueVariable, value]] : [[valueVariable, value]];
}

function forExpression(expression: ForExpression, scope: Scope): Value {
  const at = scope.locate(expression.range);
  const elements = iterate(evaluate(expression.collection, scope), at);
  if (!Array.isArray(elements)) return elements;
  const items: Value[] = [];
  const groups = new Map<string, Value[]>();
  let size = 0;
  for (const [key, value] of elements) {
    const inner = scope.bind(loopBindings(expression.keyVariable, expression.valueVariable, key, value));
    if (expression.condition) {
      const keep = toBool(evaluate(expression.condition, inner));
      if (keep.kind !== 'bool') return keep.kind === 'null' ? failure('the condition of a for expression is null', at) : keep;
      if (!keep.value) continue;
    }
    const result = evaluate(expression.value, inner);
    size += sizeOf(result);
    if (size > LARGEST_VALUE) return tooLarge(at);
    if (!expression.key) {
      items.push(result);
      continue;
    }
    const name = toText(evaluate(expression.key, inner));
    if (name.kind !== 'string') return name.kind === 'null' ? failure('a for expression produced a null key', at) : name;
    const group = groups.get(name.value);
    if (group && !expression.grouping) return failure(`the for expression produces the key "${name.value}" twice; add ... to group the values`, at);
    if (group) group.push(result);
    else groups.set(name.value, [result]);
  }
  if (!expression.key) return knownList(items, at);
  return knownObject([...groups].map(([key, values]) => [key, expression.grouping ? knownList(values, at) : values[0]!]), at);
}
