import { toBool, toCollection, toNumber, toText } from '../convert.js';
import { distinctValues, failure, knownBool, knownList, knownNull, knownNumber, knownObject, knownString, sameValue, takenFrom, type UnknownValue, type Value } from '../value.js';
import { arity, boolean, integer, known, list, number, object, stop, strings, Stop, text, type CallContext, type TerraformFunction } from './support.js';

/** The elements of a list argument, each having travelled wherever the list went. */
function elements(value: Value | undefined, context: CallContext): Value[] {
  const given = list(value, context);
  return given.items.map((item) => takenFrom(item, given));
}

function entries(value: Value | undefined, context: CallContext): [string, Value][] {
  const given = object(value, context);
  return [...given.entries].map(([key, entry]) => [key, takenFrom(entry, given)]);
}

/** Whether `items` holds `value`; unknown when it is not among the known items but may be an unknown one. */
function holds(items: Value[], value: Value): boolean {
  if (items.some((item) => sameValue(item, value))) return true;
  const unknownItem = [value, ...items].find((item) => item.kind === 'unknown');
  if (unknownItem) throw new Stop(unknownItem as UnknownValue);
  return false;
}

function flattened(items: Value[], context: CallContext): Value[] {
  return items.flatMap((item) => (known(item, context).kind === 'list' ? flattened(elements(item, context), context) : [item]));
}

/** The first unknown inside `value` that is an error Terraform would report, not merely a value not known yet. */
function firstError(value: Value): UnknownValue | undefined {
  if (value.kind === 'unknown') return value.error ? value : undefined;
  const inner = value.kind === 'list' ? value.items : value.kind === 'object' ? [...value.entries.values()] : [];
  for (const item of inner) {
    const error = firstError(item);
    if (error) return error;
  }
  return undefined;
}

/** An element of alltrue() or anytrue(), where null counts as false. */
function truth(item: Value, context: CallContext): boolean {
  return known(item, context).kind !== 'null' && boolean(item, context);
}

function conversion(convert: (value: Value) => Value): TerraformFunction {
  return (args, context) => {
    arity(args, context, 1);
    return convert(args[0]!);
  };
}

export const COLLECTION_FUNCTIONS: Record<string, TerraformFunction> = {
  concat: (args, context) => knownList(args.flatMap((arg) => elements(arg, context)), context.at),
  merge: (args, context) => knownObject(args.filter((arg) => arg.kind !== 'null').flatMap((arg) => entries(arg, context)), context.at),
  lookup: (args, context) => {
    arity(args, context, 2, 3);
    const key = text(args[1], context);
    const found = entries(args[0], context).find(([name]) => name === key);
    if (found) return found[1];
    return args[2] ?? stop(context, `the map has no key ${JSON.stringify(key)} and no default is given`);
  },
  element: (args, context) => {
    arity(args, context, 2);
    const items = elements(args[0], context);
    const index = integer(args[1], context);
    if (items.length === 0) stop(context, 'the list is empty');
    if (index < 0) stop(context, 'the index must not be negative');
    return items[index % items.length]!;
  },
  coalesce: (args, context) => {
    for (const arg of args) {
      const value = known(arg, context);
      if (value.kind !== 'null' && !(value.kind === 'string' && value.value === '')) return value;
    }
    return stop(context, 'every argument is null or an empty string');
  },
  coalescelist: (args, context) => args.find((arg) => list(arg, context).items.length > 0) ?? stop(context, 'every argument is an empty list'),
  length: (args, context) => {
    arity(args, context, 1);
    const value = known(args[0], context);
    const size = value.kind === 'list' ? value.items.length : value.kind === 'object' ? value.entries.size : [...text(value, context)].length;
    return knownNumber(size, context.at);
  },
  keys: (args, context) => {
    arity(args, context, 1);
    return knownList(entries(args[0], context).map(([key, value]) => knownString(key, value.kind === 'unknown' ? context.at : value.origin)), context.at);
  },
  values: (args, context) => {
    arity(args, context, 1);
    return knownList(entries(args[0], context).map(([, value]) => value), context.at);
  },
  contains: (args, context) => {
    arity(args, context, 2);
    return knownBool(holds(elements(args[0], context), args[1]!), context.at);
  },
  index: (args, context) => {
    arity(args, context, 2);
    const items = elements(args[0], context);
    const position = items.findIndex((item) => sameValue(item, args[1]!));
    if (position === -1) holds(items, args[1]!);
    return position === -1 ? stop(context, 'the value is not in the list') : knownNumber(position, context.at);
  },
  distinct: (args, context) => {
    arity(args, context, 1);
    return knownList(distinctValues(elements(args[0], context)), context.at);
  },
  flatten: (args, context) => {
    arity(args, context, 1);
    return knownList(flattened(elements(args[0], context), context), context.at);
  },
  compact: (args, context) => {
    arity(args, context, 1);
    return knownList(elements(args[0], context).filter((item) => known(item, context).kind !== 'null' && text(item, context) !== ''), context.at);
  },
  reverse: (args, context) => {
    arity(args, context, 1);
    return knownList(elements(args[0], context).reverse(), context.at);
  },
  sort: (args, context) => {
    arity(args, context, 1);
    return knownList(strings(args[0], context).sort().map((item) => knownString(item, context.at)), context.at);
  },
  slice: (args, context) => {
    arity(args, context, 3);
    const items = elements(args[0], context);
    const [start, end] = [integer(args[1], context), integer(args[2], context)];
    if (start < 0 || end > items.length || start > end) stop(context, `slice ${start}..${end} does not fit a list of ${items.length}`);
    return knownList(items.slice(start, end), context.at);
  },
  one: (args, context) => {
    arity(args, context, 1);
    const items = elements(args[0], context);
    if (items.length > 1) stop(context, `the list has ${items.length} elements, not one or none`);
    return items[0] ?? knownNull(context.at);
  },
  range: (args, context) => {
    arity(args, context, 1, 3);
    const numbers = args.map((arg) => number(arg, context));
    const [start, limit] = numbers.length === 1 ? [0, numbers[0]!] : [numbers[0]!, numbers[1]!];
    const step = numbers[2] ?? (start <= limit ? 1 : -1);
    if (step === 0 || Math.abs((limit - start) / step) > 1024) stop(context, 'the range is empty-stepped or longer than 1024 elements');
    const result: Value[] = [];
    for (let value = start; step > 0 ? value < limit : value > limit; value += step) result.push(knownNumber(value, context.at));
    return knownList(result, context.at);
  },
  zipmap: (args, context) => {
    arity(args, context, 2);
    const names = strings(args[0], context);
    const items = elements(args[1], context);
    if (names.length !== items.length) stop(context, `${names.length} keys but ${items.length} values`);
    return knownObject(names.map((name, index) => [name, items[index]!]), context.at);
  },
  alltrue: (args, context) => {
    arity(args, context, 1);
    return knownBool(elements(args[0], context).every((item) => truth(item, context)), context.at);
  },
  anytrue: (args, context) => {
    arity(args, context, 1);
    return knownBool(elements(args[0], context).some((item) => truth(item, context)), context.at);
  },
  /** The first argument Terraform could evaluate without an error; an argument not known yet decides nothing, so it is returned. */
  try: (args, context) => {
    arity(args, context, 1, Infinity);
    return args.find((arg) => !firstError(arg)) ?? failure(`try(): no argument could be evaluated: ${firstError(args[args.length - 1]!)!.reason}`, context.at);
  },
  can: (args, context) => {
    arity(args, context, 1);
    const value = args[0]!;
    if (firstError(value)) return knownBool(false, context.at);
    return value.kind === 'unknown' ? value : knownBool(true, context.at);
  },
  tostring: conversion(toText),
  tonumber: conversion(toNumber),
  tobool: conversion(toBool),
  tolist: conversion((value) => toCollection(value, 'list')),
  toset: conversion((value) => toCollection(value, 'set')),
  tomap: conversion((value) => toCollection(value, 'map')),
};
