import { attribute, type Body } from '../hcl/syntax.js';
import { toNumber } from './convert.js';
import { evaluate } from './evaluate.js';
import type { Location } from '../../../types.js';
import type { Scope } from './scope.js';
import { failure, firstUnknown, knownNumber, knownObject, knownString, render, takenFrom, type UnknownValue, type Value } from './value.js';

/** More instances than this from one count or for_each are not expanded one by one. */
const MAX_INSTANCES = 1000;

export interface InstanceKey {
  key: number | string | undefined;
  /** `count` or `each` as the instance sees it. */
  bindings: [string, Value][];
  /** Set on the one instance that stands for all when count or for_each is unknown. */
  expansion: UnknownValue | undefined;
}

export interface Expansion {
  by: 'single' | 'count' | 'for_each';
  keys: InstanceKey[];
}

/** The instances a resource or module block makes, from its `count` or `for_each`, evaluated in `scope`. */
export function expand(body: Body, scope: Scope): Expansion {
  const count = attribute(body, 'count');
  if (count) return { by: 'count', keys: countKeys(evaluate(count.value, scope), scope.locate(count.value.range)) };
  const forEach = attribute(body, 'for_each');
  if (forEach) return { by: 'for_each', keys: forEachKeys(evaluate(forEach.value, scope), scope.locate(forEach.value.range)) };
  return { by: 'single', keys: [{ key: undefined, bindings: [], expansion: undefined }] };
}

function countKeys(given: Value, at: Location): InstanceKey[] {
  const value = toNumber(given);
  if (value.kind === 'unknown') return [unknownInstance('count', value, at)];
  if (value.kind !== 'number' || !Number.isInteger(value.value) || value.value < 0) return [unknownInstance('count', failure(`count must be a whole number of 0 or more, not ${render(given)}`, at), at)];
  if (value.value > MAX_INSTANCES) return [unknownInstance('count', tooMany(`count is ${value.value}`, value), at)];
  return Array.from({ length: value.value }, (_, index) => ({
    key: index,
    bindings: [['count', knownObject([['index', knownNumber(index, at)]], at)]],
    expansion: undefined,
  }));
}

function forEachKeys(value: Value, at: Location): InstanceKey[] {
  if (value.kind === 'unknown') return [unknownInstance('each', value, at)];
  const problem = forEachProblem(value);
  if (problem) return [unknownInstance('each', problem, at)];
  const members: [string, Value][] =
    value.kind === 'object'
      ? [...value.entries].map(([key, entry]) => [key, takenFrom(entry, value)])
      : (value.kind === 'list' ? value.items : []).map((item) => [(item as { value: string }).value, takenFrom(item, value)]);
  if (members.length > MAX_INSTANCES) return [unknownInstance('each', tooMany(`for_each has ${members.length} elements`, value), at)];
  return members.map(([key, member]) => ({
    key,
    bindings: [['each', knownObject([['key', knownString(key, member.origin ?? at)], ['value', member]], at)]],
    expansion: undefined,
  }));
}

/** What Terraform rejects in a for_each value, or waits for: it takes a map, or a set of known strings. */
function forEachProblem(value: Exclude<Value, UnknownValue>): UnknownValue | undefined {
  if (value.kind === 'object') return undefined;
  if (value.kind !== 'list' || !value.set) return failure(`for_each needs a map or a set of strings, not ${render(value)}; wrap a list in toset()`, value.origin);
  const inner = firstUnknown(value.items);
  if (inner) return inner;
  if (!value.items.every((item) => item.kind === 'string')) return failure(`for_each needs a set of strings, not ${render(value)}`, value.origin);
  return undefined;
}

function tooMany(what: string, value: Value): UnknownValue {
  return { kind: 'unknown', reason: `${what}, more instances than merlint expands (${MAX_INSTANCES})`, error: false, origin: value.origin, via: value.via };
}

/** The instance that stands for all of them when count or for_each is unknown; its count.index or each.key/value is that unknown too. */
function unknownInstance(name: 'count' | 'each', expansion: UnknownValue, at: Location): InstanceKey {
  const fields: [string, Value][] = name === 'count' ? [['index', expansion]] : [['key', expansion], ['value', expansion]];
  return { key: undefined, bindings: [[name, knownObject(fields, at)]], expansion };
}
