import type { Expression } from '../hcl/syntax.js';
import { failure, knownBool, knownList, knownNumber, knownString, render, scalarText, takenFrom, typeName, type ListValue, type ObjectValue, type Value } from './value.js';

/*
 * Conversions as Terraform makes them: strings and numbers and bools into one another where the
 * text allows, collections element by element. A converted value keeps its origin, because it is
 * still the value written there.
 */

export function toText(value: Value): Value {
  if (value.kind === 'string' || value.kind === 'unknown' || value.kind === 'null') return value;
  const text = scalarText(value);
  if (text === undefined) return failure(`a string is required, not ${a(value)}`, value.origin);
  return { ...knownString(text, value.origin), via: value.via };
}

export function toNumber(value: Value): Value {
  if (value.kind === 'number' || value.kind === 'unknown' || value.kind === 'null') return value;
  const number = value.kind === 'string' ? numberWritten(value.value) : undefined;
  if (number !== undefined) return { ...knownNumber(number, value.origin), via: value.via };
  return failure(`a number is required, not ${a(value)}`, value.origin);
}

/** A decimal number as Go's big.Float reads the strings Terraform converts: a sign, digits with one `.`, a power of ten (`e`) or of two (`p`), no spaces. */
const NUMBER_TEXT = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE][+-]?\d+|[pP]([+-]?\d+))?$/;

function numberWritten(text: string): number | undefined {
  const parts = NUMBER_TEXT.exec(text);
  if (!parts) return undefined;
  const [, mantissa, binaryExponent] = parts;
  return binaryExponent === undefined ? Number(text) : Number(mantissa) * 2 ** Number(binaryExponent);
}

/** Terraform's bools written as strings: "true" and "1", "false" and "0". */
const BOOL_TEXT = new Map([['true', true], ['1', true], ['false', false], ['0', false]]);

export function toBool(value: Value): Value {
  if (value.kind === 'bool' || value.kind === 'unknown' || value.kind === 'null') return value;
  const bool = value.kind === 'string' ? BOOL_TEXT.get(value.value) : undefined;
  if (bool !== undefined) return { ...knownBool(bool, value.origin), via: value.via };
  return failure(`a bool is required, not ${a(value)}`, value.origin);
}

/** `list`, `set` or `map` built from a collection of the other shape (`tolist`, `toset`, `tomap`). */
export function toCollection(value: Value, shape: 'list' | 'set' | 'map'): Value {
  if (value.kind === 'unknown' || value.kind === 'null') return value;
  if (shape === 'map') return value.kind === 'object' ? value : failure(`a map is required, not ${a(value)}`, value.origin);
  if (value.kind !== 'list') return failure(`a ${shape} is required, not ${a(value)}`, value.origin);
  return { ...knownList(value.items, value.origin, shape === 'set'), via: value.via };
}

function a(value: Value): string {
  return value.kind === 'list' || value.kind === 'object' ? `a ${typeName(value)}` : render(value);
}

export type TypeConstraint =
  | { kind: 'any' | 'string' | 'number' | 'bool' }
  | { kind: 'list' | 'set' | 'map'; element: TypeConstraint }
  | { kind: 'tuple'; elements: TypeConstraint[] }
  | { kind: 'object'; attributes: Map<string, ObjectAttribute> };

interface ObjectAttribute {
  type: TypeConstraint;
  optional: boolean;
  fallback: Value | undefined;
}

const ANY: TypeConstraint = { kind: 'any' };

/** A variable's `type` expression (`list(object({ region = optional(string, "x") }))`); `constant` evaluates `optional` defaults. */
export function typeConstraint(expression: Expression | undefined, constant: (expression: Expression) => Value): TypeConstraint {
  if (!expression) return ANY;
  if (expression.type === 'variable') return namedType(expression.name);
  if (expression.type === 'template' && expression.parts.length === 1 && expression.parts[0]!.type === 'text') return namedType(expression.parts[0]!.value);
  if (expression.type !== 'call') return ANY;
  const first = expression.args[0];
  switch (expression.name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: expression.name, element: typeConstraint(first, constant) };
    case 'tuple':
      return { kind: 'tuple', elements: first?.type === 'tuple' ? first.items.map((item) => typeConstraint(item, constant)) : [] };
    case 'object':
      return { kind: 'object', attributes: objectAttributes(first, constant) };
    case 'optional':
      return typeConstraint(first, constant);
    default:
      return ANY;
  }
}

function namedType(name: string): TypeConstraint {
  switch (name) {
    case 'string':
    case 'number':
    case 'bool':
      return { kind: name };
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, element: ANY };
    default:
      return ANY;
  }
}

function objectAttributes(expression: Expression | undefined, constant: (expression: Expression) => Value): Map<string, ObjectAttribute> {
  const attributes = new Map<string, ObjectAttribute>();
  if (expression?.type !== 'object') return attributes;
  for (const item of expression.items) {
    const name = item.key.type === 'variable' ? item.key.name : scalarText(constant(item.key));
    if (name === undefined) continue;
    const optional = item.value.type === 'call' && item.value.name === 'optional';
    const fallback = optional && item.value.type === 'call' && item.value.args[1] ? constant(item.value.args[1]) : undefined;
    attributes.set(name, { type: typeConstraint(item.value, constant), optional, fallback });
  }
  return attributes;
}

/** `value` converted to `type`, as Terraform converts a variable's value to its declared type. */
export function convert(value: Value, type: TypeConstraint): Value {
  if (value.kind === 'unknown' || value.kind === 'null') return value;
  switch (type.kind) {
    case 'any':
      return value;
    case 'string':
      return toText(value);
    case 'number':
      return toNumber(value);
    case 'bool':
      return toBool(value);
    case 'list':
    case 'set':
      return value.kind === 'list' ? convertItems(value, type.element, type.kind === 'set') : failure(`a ${type.kind} is required, not ${a(value)}`, value.origin);
    case 'tuple':
      if (value.kind !== 'list' || value.items.length !== type.elements.length) return failure(`a tuple of ${type.elements.length} elements is required, not ${a(value)}`, value.origin);
      return { ...value, set: false, items: value.items.map((item, index) => convert(item, type.elements[index]!)) };
    case 'map':
      return value.kind === 'object' ? convertEntries(value, type.element) : failure(`a map is required, not ${a(value)}`, value.origin);
    case 'object':
      return value.kind === 'object' ? convertObject(value, type.attributes) : failure(`an object is required, not ${a(value)}`, value.origin);
  }
}

function convertItems(value: ListValue, element: TypeConstraint, set: boolean): Value {
  const items = value.items.map((item) => convert(item, element));
  return { ...knownList(items, value.origin, set), via: value.via };
}

function convertEntries(value: ObjectValue, element: TypeConstraint): Value {
  return { ...value, entries: new Map([...value.entries].map(([key, entry]) => [key, convert(entry, element)])) };
}

function convertObject(value: ObjectValue, attributes: Map<string, ObjectAttribute>): Value {
  const entries = new Map<string, Value>();
  for (const [name, attribute] of attributes) {
    const given = value.entries.get(name);
    if (given !== undefined && given.kind !== 'null') entries.set(name, convert(given, attribute.type));
    else if (attribute.optional) entries.set(name, attribute.fallback ? takenFrom(convert(attribute.fallback, attribute.type), value) : given ?? { kind: 'null', origin: value.origin, via: [] });
    else if (given) entries.set(name, given);
    else return failure(`attribute "${name}" is required`, value.origin);
  }
  return { ...value, entries: new Map([...entries].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) };
}
