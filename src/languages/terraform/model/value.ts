import type { Location, Position } from '../../../types.js';
import type { ResourceInstance } from './types.js';

/*
 * Values as merlint's static evaluation knows them.
 *
 * Positions (issue 3, item 5). Every known value carries `origin`: where it is written — the
 * literal in a variable default, a tfvars line, a module argument or a local — or, for a value
 * no single literal holds (`"${a}-${b}"`, `join("-", x)`, `a + 1`), the expression that computed
 * it. A function of one string (`lower(x)`, `trimspace(x)`) keeps that string's origin. `via` lists the references the value flowed through on its way to the place it is used,
 * oldest first: for a region set in terraform.tfvars and passed on by a local and a module
 * argument it is [`var.dr_region` in the local, `local.dr` in the module argument,
 * `var.region` in the child's provider], so the last entry is the use site.
 *
 * A rule reports at `origin`, the token a developer changes, and passes `via` as related
 * locations (SARIF relatedLocations). Where the use site is the better primary place — one
 * default shared by many uses, or an unknown value, whose `origin` may be missing — it reports
 * at the last `via` entry (or at the attribute it evaluated) and relates the origin.
 *
 * Values inside lists and objects keep their own origin; taking one out (`var.cfg.region`,
 * `each.value`) adds the container's `via` after the element's own. Conditionals, indexing and
 * functions that return one of their arguments (`try`, `coalesce`, `lookup`, `element`) pass a
 * value on unchanged, with its origin.
 */
export type Value = StringValue | NumberValue | BoolValue | NullValue | ListValue | ObjectValue | UnknownValue;
export type KnownValue = Exclude<Value, UnknownValue>;

interface Provenance {
  readonly origin: Location;
  readonly via: readonly Location[];
  /**
   * The resource instance this value is an attribute of, when it came from a reference such as
   * `aws_s3_bucket.replica.arn` (through locals, outputs and module arguments too): a rule can
   * then ask where that resource lives even when the attribute itself is only known after apply.
   */
  readonly resource?: ResourceInstance;
}

export interface StringValue extends Provenance {
  readonly kind: 'string';
  readonly value: string;
  /**
   * Set when the string's characters are written in a file (a heredoc, a `file()`, a template
   * whose interpolations are written there too), so positions inside it can be found.
   */
  readonly text?: TextPlacement;
  /** The value `jsonencode` / `yamlencode` turned into this string, with the origins of its parts. */
  readonly encoded?: { readonly format: 'json' | 'yaml'; readonly value: Value };
  /**
   * The `file()` or `templatefile()` call that read this string from another file (it is also in
   * `via`): a finding inside that file leads back to each place that pulls it in.
   */
  readonly readBy?: Location;
}

/** Where the runs of a string are written in the file that holds it, in the order of the string. */
export interface TextPlacement {
  readonly path: string;
  readonly runs: readonly TextRun[];
}

/**
 * A run of a string: from `offset` in the string up to the next run, written verbatim on one line
 * from `start`; or, with `end`, text an interpolation (`${...}`) produced, written from `start`
 * to `end`.
 */
export interface TextRun {
  readonly offset: number;
  readonly start: Position;
  readonly end?: Position;
}

export interface NumberValue extends Provenance {
  readonly kind: 'number';
  readonly value: number;
}

export interface BoolValue extends Provenance {
  readonly kind: 'bool';
  readonly value: boolean;
}

export interface NullValue extends Provenance {
  readonly kind: 'null';
}

/** A tuple or list; `set` for the result of `toset` and set-typed variables (no order, no duplicates). */
export interface ListValue extends Provenance {
  readonly kind: 'list';
  readonly items: readonly Value[];
  readonly set: boolean;
}

/** An object or map. Entries are kept in lexical key order, the order Terraform iterates them in. */
export interface ObjectValue extends Provenance {
  readonly kind: 'object';
  readonly entries: ReadonlyMap<string, Value>;
  /** A resource instance's address: attributes not written in its configuration are only known after apply. */
  readonly afterApply?: string;
}

/**
 * A value static evaluation cannot know, and why, in words a user can act on ("var.region has
 * no default and no value in terraform.tfvars …"). Rules treat it as "cannot verify": never a
 * pass, never a violation. `error` marks what Terraform itself would reject (a missing
 * attribute, a bad index), which `try` and `can` turn into their fallback.
 */
export interface UnknownValue {
  readonly kind: 'unknown';
  readonly reason: string;
  readonly error: boolean;
  /** Where the unknown arises (the variable without a value, the unsupported call), when that is written somewhere. */
  readonly origin: Location | undefined;
  readonly via: readonly Location[];
  readonly resource?: ResourceInstance;
}

export function knownString(value: string, origin: Location, text?: TextPlacement): StringValue {
  return text ? { kind: 'string', value, origin, via: [], text } : { kind: 'string', value, origin, via: [] };
}

export function knownNumber(value: number, origin: Location): NumberValue {
  return { kind: 'number', value, origin, via: [] };
}

export function knownBool(value: boolean, origin: Location): BoolValue {
  return { kind: 'bool', value, origin, via: [] };
}

export function knownNull(origin: Location): NullValue {
  return { kind: 'null', origin, via: [] };
}

export function knownList(items: readonly Value[], origin: Location, set = false): ListValue {
  return { kind: 'list', items: set ? setItems(items) : items, origin, via: [], set };
}

export function knownObject(entries: Iterable<readonly [string, Value]>, origin: Location): ObjectValue {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'object', entries: new Map(sorted), origin, via: [] };
}

/**
 * The largest value merlint evaluates (4 MiB): a string of this many characters, or a collection of this many
 * elements and characters in all, counted through its items (an item held twice counts twice, as a
 * walk meets it twice). A larger value is unknown: a local that doubles the one before it, forty
 * deep (`a1 = "${local.a0}${local.a0}"`, `concat(local.a0, local.a0)`, `[local.a0, local.a0]`), took
 * all memory or time (found by fuzzing).
 */
export const LARGEST_VALUE = 1 << 22;

const sizes = new WeakMap<Value, number>();

/** How large `value` is, as LARGEST_VALUE counts. */
export function sizeOf(value: Value): number {
  if (value.kind === 'string') return value.value.length;
  if (value.kind !== 'list' && value.kind !== 'object') return 1;
  let size = sizes.get(value);
  if (size === undefined) {
    size = 1;
    if (value.kind === 'list') for (const item of value.items) size += sizeOf(item);
    else for (const [key, entry] of value.entries) size += key.length + sizeOf(entry);
    sizes.set(value, size);
  }
  return size;
}

/** What stands for a value larger than LARGEST_VALUE, computed at `origin`. */
export function tooLarge(origin: Location | undefined): UnknownValue {
  return unknown(`the value is larger than merlint evaluates (over ${LARGEST_VALUE.toLocaleString('en')} characters or elements)`, origin);
}

/** `value`, or unknown when it is larger than LARGEST_VALUE. */
export function bounded(value: Value, origin: Location): Value {
  return sizeOf(value) > LARGEST_VALUE ? tooLarge(origin) : value;
}

/** Something Terraform knows only at plan or apply time, or that merlint does not evaluate. */
export function unknown(reason: string, origin?: Location): UnknownValue {
  return { kind: 'unknown', reason, error: false, origin, via: [] };
}

/** An expression Terraform would reject. */
export function failure(reason: string, origin?: Location): UnknownValue {
  return { kind: 'unknown', reason, error: true, origin, via: [] };
}

/** The first unknown among `values`, looking inside lists and objects too; a resource's object counts, as apply fills it in. */
export function firstUnknown(values: Iterable<Value>): UnknownValue | undefined {
  for (const value of values) {
    if (value.kind === 'unknown') return value;
    if (value.kind === 'object' && value.afterApply) return { ...unknown(`${value.afterApply} has attributes only known after apply`, value.origin), via: value.via };
    const inner = value.kind === 'list' ? firstUnknown(value.items) : value.kind === 'object' ? firstUnknown(value.entries.values()) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** The value as seen after it passed through the reference written at `location`. */
export function flowedThrough<V extends Value>(value: V, location: Location): V {
  return { ...value, via: [...value.via, location] };
}

/** An element taken out of a list or object: it has also travelled wherever its container went. */
export function takenFrom<V extends Value>(element: V, container: Value): V {
  if (container.via.length === 0 && !container.resource) return element;
  const resource = element.resource ?? container.resource;
  return { ...element, via: [...element.via, ...container.via], ...(resource ? { resource } : {}) };
}

/**
 * What a rule walks values with: the entry of an object or the element of a list at `key`, as
 * taken out of its container; the value itself when it is unknown (so is what is inside it);
 * undefined when there is no such entry.
 */
export function member(value: Value, key: string | number): Value | undefined {
  if (value.kind === 'unknown') return value;
  const element = value.kind === 'object' ? value.entries.get(String(key)) : value.kind === 'list' && typeof key === 'number' ? value.items[key] : undefined;
  return element && takenFrom(element, value);
}

/** A known scalar's text as Terraform converts it to a string, or undefined for anything else. */
export function scalarText(value: Value): string | undefined {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return formatNumber(value.value);
    case 'bool':
      return String(value.value);
    default:
      return undefined;
  }
}

/** Numbers as Terraform writes them: no exponent, no trailing zeros. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value) && Number.isFinite(value)) return BigInt(value).toString();
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** A short rendering for messages: `"ap-southeast-1"`, `3`, `["a", "b"]`, `{ region = "…" }`, `(unknown)`. */
export function render(value: Value): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
    case 'bool':
      return scalarText(value)!;
    case 'null':
      return 'null';
    case 'list':
      return `${value.set ? 'toset(' : ''}[${value.items.map(render).join(', ')}]${value.set ? ')' : ''}`;
    case 'object':
      return `{ ${[...value.entries].map(([key, entry]) => `${key} = ${render(entry)}`).join(', ')} }`;
    case 'unknown':
      return '(unknown)';
  }
}

/** Terraform's name for a value's type, for messages. */
export function typeName(value: Value): string {
  switch (value.kind) {
    case 'list':
      return value.set ? 'set' : 'list';
    case 'object':
      return 'object';
    default:
      return value.kind;
  }
}

/** Structural equality as Terraform's `==` sees it: types must match, origins do not matter; unknowns equal nothing. */
export function sameValue(a: Value, b: Value): boolean {
  if (a.kind !== b.kind || a.kind === 'unknown') return false;
  switch (a.kind) {
    case 'list': {
      const items = (b as ListValue).items;
      return a.items.length === items.length && a.items.every((item, index) => sameValue(item, items[index]!));
    }
    case 'object': {
      const entries = (b as ObjectValue).entries;
      return a.entries.size === entries.size && [...a.entries].every(([key, entry]) => {
        const other = entries.get(key);
        return other !== undefined && sameValue(entry, other);
      });
    }
    case 'null':
      return true;
    default:
      return a.value === (b as typeof a).value;
  }
}

/** Set members are unique and, for Terraform's string sets, in lexical order. */
function setItems(items: readonly Value[]): Value[] {
  const unique = distinctValues(items);
  if (!unique.every((item) => item.kind === 'string')) return unique;
  return (unique as StringValue[]).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * The first of each group of equal values (sameValue), in order: scalars are told apart by a key, so a
 * long list takes linear time (comparing each with all kept before took a million-element list hours).
 */
export function distinctValues(items: readonly Value[]): Value[] {
  const unique: Value[] = [];
  const scalars = new Set<string>();
  for (const item of items) {
    const key = item.kind === 'string' || item.kind === 'bool' || (item.kind === 'number' && !Number.isNaN(item.value)) ? `${item.kind}:${item.value}` : item.kind === 'null' ? 'null' : undefined;
    if (key !== undefined) {
      if (scalars.has(key)) continue;
      scalars.add(key);
    } else if (unique.some((kept) => sameValue(kept, item))) continue;
    unique.push(item);
  }
  return unique;
}
