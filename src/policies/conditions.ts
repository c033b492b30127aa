import type { Location, RelatedLocation } from '../types.js';
import { matcher } from './glob-list.js';
import { formatPath, parsePath, pathProblem, resolve, type Branch, type Segment } from './path.js';
import { safeRegExp } from './regex.js';
import type { PolicyObject, PolicyValue, ScalarNode, TargetSpec, UnknownNode, Verdict } from './target.js';

/*
 * Conditions of a policy, compiled once when it loads and evaluated per object in three values:
 * pass, fail, or unknown (a value static analysis cannot know). Unknown is never a pass: `all`
 * passes only when every part passes, `any` fails only when every part fails, `not` keeps unknown.
 */

export interface Evidence {
  at: Location;
  /** What was found, for a message: `tags.data-classification is not set`, `acl is "public-read"`. */
  what: string;
  related?: readonly RelatedLocation[];
}

export type Outcome = ({ result: 'pass' } & Evidence) | ({ result: 'fail' } & Evidence) | ({ result: 'unknown' } & Evidence);

export interface Evaluation {
  /** Every object of a target in the workspace, for references between documents. */
  objectsOf(target: string): readonly PolicyObject[];
}

export type Condition = (object: PolicyObject, evaluation: Evaluation) => Outcome;

/** A condition as written in YAML. */
export interface RawCondition {
  path?: string;
  exists?: boolean;
  absent?: true;
  equals?: unknown;
  notEquals?: unknown;
  oneOf?: Scalar[];
  notOneOf?: Scalar[];
  matches?: string;
  notMatches?: string;
  greaterThan?: number;
  atLeast?: number;
  lessThan?: number;
  atMost?: number;
  all?: RawCondition[];
  any?: RawCondition[];
  not?: RawCondition;
  referencedBy?: { target?: string; type: string | string[]; path: string; where?: RawCondition };
}

type Scalar = string | number | boolean | null;

/** Where the compiler is in the policy file, to name the line of a problem. */
export interface CompileContext {
  target: string;
  spec: TargetSpec;
  specOf(target: string): TargetSpec | undefined;
  /** Throws a configuration error at the key (or value) at `yamlPath` in the policy file. */
  problem(yamlPath: readonly (string | number)[], key: string | undefined, message: string): never;
}

const OPERATORS = ['exists', 'absent', 'equals', 'notEquals', 'oneOf', 'notOneOf', 'matches', 'notMatches', 'greaterThan', 'atLeast', 'lessThan', 'atMost'] as const;
type Operator = (typeof OPERATORS)[number];
const COMBINATORS = ['all', 'any', 'not', 'referencedBy'] as const;

export function compileCondition(raw: RawCondition, at: readonly (string | number)[], context: CompileContext): Condition {
  const operators = OPERATORS.filter((name) => name in raw);
  const combinators = COMBINATORS.filter((name) => name in raw);
  const parts = [...operators, ...combinators, ...(raw.path !== undefined && operators.length === 0 ? ['path'] : [])];
  if (parts.length !== 1 || (operators.length === 1) !== (raw.path !== undefined)) {
    const said = Object.keys(raw).join(', ');
    context.problem(at, undefined, `a condition is one check of a path (path plus one of ${OPERATORS.join(', ')}) or one of all, any, not, referencedBy; this one has ${said}`);
  }
  if (raw.all) return allOf(raw.all.map((part, index) => compileCondition(part, [...at, 'all', index], context)));
  if (raw.any) return anyOf(raw.any.map((part, index) => compileCondition(part, [...at, 'any', index], context)));
  if (raw.not) return negation(compileCondition(raw.not, [...at, 'not'], context));
  if (raw.referencedBy) return referencedBy(raw.referencedBy, [...at, 'referencedBy'], context);
  return pathCheck(raw, operators[0]!, at, context);
}

function compilePath(text: string, spec: TargetSpec, target: string, at: readonly (string | number)[], context: CompileContext): Segment[] {
  const segments = parsePath(text);
  if (typeof segments === 'string') context.problem(at, 'path', segments);
  const problem = pathProblem(segments, spec.shape);
  if (problem) context.problem(at, 'path', `unknown path ${text} for ${target}: ${problem}`);
  return segments;
}

/** `all` stops at the first failure and passes when every part passes; `any` the other way round. Unknown wins over the outcome that did not stop it. */
function allOf(parts: Condition[]): Condition {
  return combined(parts, 'fail', 'pass', ' and ');
}

function anyOf(parts: Condition[]): Condition {
  return combined(parts, 'pass', 'fail', ', and ');
}

function combined(parts: Condition[], decisive: 'pass' | 'fail', otherwise: 'pass' | 'fail', separator: string): Condition {
  return (object, evaluation) => {
    const outcomes: Outcome[] = [];
    for (const part of parts) {
      const outcome = part(object, evaluation);
      if (outcome.result === decisive) return outcome;
      outcomes.push(outcome);
    }
    return outcomes.find((outcome) => outcome.result === 'unknown') ?? joined(otherwise, outcomes, separator);
  };
}

function joined(result: 'pass' | 'fail', outcomes: Outcome[], separator: string): Outcome {
  const first = outcomes[0]!;
  return { result, at: first.at, what: [...new Set(outcomes.map((outcome) => outcome.what))].join(separator), related: outcomes.flatMap((outcome) => outcome.related ?? []) };
}

function negation(inner: Condition): Condition {
  return (object, evaluation) => {
    const outcome = inner(object, evaluation);
    if (outcome.result === 'unknown') return outcome;
    return { ...outcome, result: outcome.result === 'pass' ? 'fail' : 'pass' };
  };
}

/** A check of the value at one path; every branch of the path must pass. */
function pathCheck(raw: RawCondition, operator: Operator, at: readonly (string | number)[], context: CompileContext): Condition {
  const segments = compilePath(raw.path!, context.spec, context.target, at, context);
  const path = formatPath(segments);
  const test = valueTest(raw, operator, at, context);
  // Whether a value is there does not depend on knowing it: a build argument without a default exists.
  const existence = operator === 'exists' || operator === 'absent';
  return (object) => {
    const branches = resolve(object.root, segments);
    if (branches.length === 0) return { result: 'pass', at: object.header, what: `${path} has no elements` };
    const outcomes = branches.map((branch) => judge(existence && branch.kind === 'unknown' && branch.leaf ? { kind: 'found', node: placeholder(branch.node, object) } : branch, path, test, object));
    return outcomes.find((outcome) => outcome.result === 'fail') ?? outcomes.find((outcome) => outcome.result === 'unknown') ?? outcomes[0]!;
  };
}

/** What an operator says about a value that is there (`found`), or about its absence (`undefined`). */
type ValueTest = (found: Exclude<PolicyValue, { kind: 'unknown' }> | undefined) => { pass: boolean; what: string };

function judge(branch: Branch, path: string, test: ValueTest, object: PolicyObject): Outcome {
  if (branch.kind === 'unknown') {
    const { node } = branch;
    return { result: 'unknown', at: node.at ?? object.header, what: `${path} is unknown (${node.reason})`, ...(node.related ? { related: node.related } : {}) };
  }
  const node = branch.kind === 'found' && (placeholders.has(branch.node) || !(branch.node.kind === 'scalar' && branch.node.value === null)) ? branch.node : undefined;
  const { pass, what } = test(node);
  const at = branch.kind === 'found' ? branch.node.at : object.header;
  const related = branch.kind === 'found' ? branch.node.related : undefined;
  return { result: pass ? 'pass' : 'fail', at, what: `${path} ${what}`, ...(related?.length ? { related } : {}) };
}

/** Unknown values standing in where only their presence matters; messages call them what they are. */
const placeholders = new WeakSet<PolicyValue>();

function placeholder(node: UnknownNode, object: PolicyObject): ScalarNode {
  const standIn: ScalarNode = { kind: 'scalar', value: null, at: node.at ?? object.header, ...(node.related ? { related: node.related } : {}) };
  placeholders.add(standIn);
  return standIn;
}

const NOT_SET = { pass: false, what: 'is not set' };

function valueTest(raw: RawCondition, operator: Operator, at: readonly (string | number)[], context: CompileContext): ValueTest {
  switch (operator) {
    case 'exists':
      return raw.exists ? (node) => (node ? { pass: true, what: `is set to ${show(node)}` } : NOT_SET) : absence;
    case 'absent':
      return absence;
    case 'equals':
      return compared((node) => equal(node, raw.equals), (node) => `is ${show(node)}, not ${display(raw.equals)}`, (node) => `is ${show(node)}`);
    case 'notEquals':
      return compared((node) => !equal(node, raw.notEquals), (node) => `is ${show(node)}`, (node) => `is ${show(node)}`);
    case 'oneOf':
      return compared((node) => raw.oneOf!.some((value) => equal(node, value)), (node) => `is ${show(node)}, not one of ${raw.oneOf!.map(display).join(', ')}`, (node) => `is ${show(node)}`);
    case 'notOneOf':
      return compared((node) => !raw.notOneOf!.some((value) => equal(node, value)), (node) => `is ${show(node)}`, (node) => `is ${show(node)}`);
    case 'matches':
    case 'notMatches': {
      const source = raw[operator]!;
      const pattern = safeRegExp(source);
      if (typeof pattern === 'string') context.problem(at, operator, pattern);
      const wanted = operator === 'matches';
      return compared(
        (node) => node.kind === 'scalar' && pattern.test(String(node.value)) === wanted,
        (node) => (node.kind === 'scalar' ? `is ${show(node)}, which ${wanted ? 'does not match' : 'matches'} /${source}/` : `is ${show(node)}, not text`),
        (node) => `is ${show(node)}`,
      );
    }
    default: {
      const bound = raw[operator]!;
      const holds = NUMERIC[operator];
      return compared(
        (node) => {
          const number = numberOf(node);
          return number !== undefined && holds.test(number, bound);
        },
        (node) => (numberOf(node) === undefined ? `is ${show(node)}, not a number` : `is ${show(node)}, not ${holds.words} ${bound}`),
        (node) => `is ${show(node)}`,
      );
    }
  }
}

const NUMERIC: Record<'greaterThan' | 'atLeast' | 'lessThan' | 'atMost', { test: (value: number, bound: number) => boolean; words: string }> = {
  greaterThan: { test: (value, bound) => value > bound, words: 'more than' },
  atLeast: { test: (value, bound) => value >= bound, words: 'at least' },
  lessThan: { test: (value, bound) => value < bound, words: 'less than' },
  atMost: { test: (value, bound) => value <= bound, words: 'at most' },
};

const absence: ValueTest = (node) => (node ? { pass: false, what: `is set to ${show(node)}` } : { pass: true, what: 'is not set' });

/** A test of a value that must be set. */
function compared(holds: (node: NonNullable<Parameters<ValueTest>[0]>) => boolean, failing: (node: NonNullable<Parameters<ValueTest>[0]>) => string, passing: (node: NonNullable<Parameters<ValueTest>[0]>) => string): ValueTest {
  return (node) => {
    if (!node) return NOT_SET;
    return holds(node) ? { pass: true, what: passing(node) } : { pass: false, what: failing(node) };
  };
}

function numberOf(node: PolicyValue): number | undefined {
  if (node.kind !== 'scalar') return undefined;
  if (typeof node.value === 'number') return node.value;
  if (typeof node.value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(node.value)) return Number(node.value);
  return undefined;
}

/** Equality as configuration languages mean it: "3" equals 3 and "true" equals true; lists and maps compare element by element. */
function equal(node: PolicyValue, wanted: unknown): boolean {
  if (node.kind === 'scalar') {
    if (wanted === null || node.value === null) return wanted === node.value;
    return typeof wanted !== 'object' && String(node.value) === String(wanted);
  }
  if (node.kind === 'list') return Array.isArray(wanted) && wanted.length === node.items.length && node.items.every((item, index) => equal(item, wanted[index]));
  if (node.kind === 'map') {
    if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted)) return false;
    const keys = Object.keys(wanted);
    return keys.length === node.keys().length && keys.every((key) => {
      const entry = node.get(key);
      return entry !== undefined && equal(entry, (wanted as Record<string, unknown>)[key]);
    });
  }
  return false;
}

const LONGEST_SHOWN = 60;

/** A value for a message: `"public-read"`, `3`, `["a", "b"]`, `{ 2 keys }`. */
export function show(node: PolicyValue): string {
  if (placeholders.has(node)) return 'a value not known statically';
  switch (node.kind) {
    case 'scalar':
      return display(node.value);
    case 'list':
      return node.items.length <= 3 && node.items.every((item) => item.kind === 'scalar') ? `[${node.items.map(show).join(', ')}]` : `a list of ${node.items.length}`;
    case 'map':
      return `a map of ${node.keys().length} key${node.keys().length === 1 ? '' : 's'}`;
    case 'unknown':
      return '(unknown)';
  }
}

/** A password in a URL (`https://user:secret@host`) is not repeated in a message. */
const URL_PASSWORD = /(\/\/[^/:@\s]+:)[^@/\s]+@/g;

function display(value: unknown): string {
  const text = (JSON.stringify(value) ?? String(value)).replace(URL_PASSWORD, '$1****@');
  return text.length > LONGEST_SHOWN ? `${text.slice(0, LONGEST_SHOWN - 1)}…` : text;
}

/** An object of the workspace whose value at `path` refers to this one exists (and meets `where`). */
function referencedBy(raw: NonNullable<RawCondition['referencedBy']>, at: readonly (string | number)[], context: CompileContext): Condition {
  const target = raw.target ?? context.target;
  const spec = context.specOf(target);
  if (!spec) context.problem(at, 'target', `unknown target ${target}`);
  const segments = compilePath(raw.path, spec, target, at, context);
  const where = raw.where && compileCondition(raw.where, [...at, 'where'], { ...context, target, spec });
  const typeMatches = matcher(raw.type);
  const types = Array.isArray(raw.type) ? raw.type.join(' or ') : raw.type;
  const refers = spec.refersTo ?? refersByIdentity;
  const path = formatPath(segments);
  const verb = spec.referenceVerb ?? 'refers to';
  return (object, evaluation) => {
    let unknown: Outcome | undefined;
    for (const other of evaluation.objectsOf(target)) {
      if (other === object || !typeMatches(other.type)) continue;
      const verdict = refersThrough(resolve(other.root, segments), (value) => refers(value, object, other));
      if (verdict === 'no') continue;
      const met: Outcome = where ? where(other, evaluation) : { result: 'pass', at: other.header, what: '' };
      if (verdict === 'yes' && met.result === 'pass') return { result: 'pass', at: other.header, what: `${other.label} ${verb} it through ${path}` };
      if (verdict === 'unknown') unknown ??= { result: 'unknown', at: other.header, what: `whether ${other.label} ${verb} it through ${path} cannot be known` };
      else if (met.result === 'unknown') unknown ??= met;
    }
    return unknown ?? { result: 'fail', at: object.header, what: `no ${types} ${verb} it through ${path}${where ? ' and meets the condition' : ''}` };
  };
}

function refersThrough(branches: Branch[], refers: (value: PolicyValue) => Verdict): Verdict {
  let verdict: Verdict = 'no';
  const visit = (value: PolicyValue): void => {
    if (verdict === 'yes') return;
    if (value.kind === 'list' && value.refers === undefined) return value.items.forEach(visit);
    const one = refers(value);
    if (one === 'yes' || (one === 'unknown' && verdict === 'no')) verdict = one;
  };
  for (const branch of branches) {
    if (branch.kind === 'unknown') visit(branch.node);
    else if (branch.kind === 'found') visit(branch.node);
  }
  return verdict;
}

/** The default meaning of "refers to": the value was taken from the object by reference. */
export function refersByIdentity(value: PolicyValue, object: PolicyObject): Verdict {
  if (value.refers !== undefined) return value.refers === object.identity ? 'yes' : 'no';
  return value.kind === 'unknown' ? 'unknown' : 'no';
}
