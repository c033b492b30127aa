import type { Location } from '../../../../types.js';
import type { CallExpression } from '../../hcl/syntax.js';
import { toBool, toNumber, toText } from '../convert.js';
import type { Scope } from '../scope.js';
import { failure, firstUnknown, LARGEST_VALUE, render, tooLarge, typeName, type KnownValue, type ListValue, type ObjectValue, type UnknownValue, type Value } from '../value.js';

export interface CallContext {
  readonly call: CallExpression;
  /** Where the call is written: the origin of the values it computes. */
  readonly at: Location;
  readonly scope: Scope;
}

export type TerraformFunction = (args: Value[], context: CallContext) => Value;

/**
 * Thrown by the argument readers below when an argument is unknown or of the wrong kind, so a
 * function body reads like its definition; the call then evaluates to `value`.
 */
export class Stop {
  constructor(readonly value: UnknownValue) {}
}

export function stop(context: CallContext, reason: string): never {
  throw new Stop(failure(`${context.call.name}(): ${reason}`, context.at));
}

/** Stops a call whose result would be longer than merlint evaluates, before it is built (a result can be the product of its arguments' sizes). */
export function fits(length: number, context: CallContext): void {
  if (length > LARGEST_VALUE) throw new Stop(tooLarge(context.at));
}

export function known(value: Value | undefined, context: CallContext): KnownValue {
  if (value === undefined) stop(context, 'too few arguments');
  if (value.kind === 'unknown') throw new Stop(value);
  return value;
}

/** The value with nothing unknown inside it either. */
export function fullyKnown(value: Value | undefined, context: CallContext): KnownValue {
  const inner = firstUnknown([known(value, context)]);
  if (inner) throw new Stop(inner);
  return value as KnownValue;
}

export function text(value: Value | undefined, context: CallContext): string {
  const converted = toText(known(value, context));
  if (converted.kind === 'string') return converted.value;
  return stop(context, converted.kind === 'null' ? 'a string is required, not null' : (converted as UnknownValue).reason);
}

export function number(value: Value | undefined, context: CallContext): number {
  const converted = toNumber(known(value, context));
  if (converted.kind === 'number') return converted.value;
  return stop(context, converted.kind === 'null' ? 'a number is required, not null' : (converted as UnknownValue).reason);
}

export function integer(value: Value | undefined, context: CallContext): number {
  const result = number(value, context);
  if (!Number.isInteger(result)) stop(context, `a whole number is required, not ${result}`);
  return result;
}

export function boolean(value: Value | undefined, context: CallContext): boolean {
  const converted = toBool(known(value, context));
  if (converted.kind === 'bool') return converted.value;
  return stop(context, converted.kind === 'null' ? 'a bool is required, not null' : (converted as UnknownValue).reason);
}

/** A list, tuple or set argument. */
export function list(value: Value | undefined, context: CallContext): ListValue {
  const given = known(value, context);
  if (given.kind !== 'list') stop(context, `a list is required, not ${describe(given)}`);
  return given;
}

/** A map or object argument. */
export function object(value: Value | undefined, context: CallContext): ObjectValue {
  const given = known(value, context);
  if (given.kind !== 'object') stop(context, `a map is required, not ${describe(given)}`);
  return given;
}

export function strings(value: Value | undefined, context: CallContext): string[] {
  return list(value, context).items.map((item) => text(item, context));
}

export function arity(args: Value[], context: CallContext, min: number, max = min): void {
  if (args.length < min) stop(context, `needs ${min === max ? min : `at least ${min}`} argument${min === 1 ? '' : 's'}, got ${args.length}`);
  if (args.length > max) stop(context, `takes ${min === max ? min : `at most ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`);
}

function describe(value: KnownValue): string {
  return value.kind === 'list' || value.kind === 'object' ? `a ${typeName(value)}` : render(value);
}
