/*
 * Regular expressions from policy files run against every scanned value, so a pattern that can
 * backtrack for ever (`(a+)+$`, `(a|a)*$`) would hang a scan on one long line. JavaScript has no
 * linear-time engine built in; the shapes that backtrack exponentially are refused as the policy loads,
 * as safe-regex tools do, and values tested are capped in length.
 */

/** Longest text a policy's regular expression is tested against; longer values are tested on their start. */
export const LONGEST_TESTED = 10_000;

export interface TextPattern {
  test(text: string): boolean;
}

/** The compiled expression, or why it is refused. */
export function safeRegExp(source: string): TextPattern | string {
  let expression: RegExp;
  try {
    expression = new RegExp(source);
  } catch (error) {
    return `invalid regular expression /${source}/: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`;
  }
  const repeated = catastrophicRepetition(source);
  if (repeated === 'nested') {
    return `regular expression /${source}/ repeats a group made only of repetitions (like (a+)+), which can take exponential time on some input; rewrite it without the nested repetition`;
  }
  if (repeated === 'ambiguous') {
    return `regular expression /${source}/ repeats a group whose alternatives can match the same text (like (a|a)* or (\\w|\\d)+), which can take exponential time on some input; rewrite it so that the alternatives cannot match the same characters`;
  }
  return { test: (text) => expression.test(text.slice(0, LONGEST_TESTED)) };
}

/** Characters as a set: the 128 ASCII ones as bits, and whether any beyond ASCII is in it. */
interface CharSet {
  bits: bigint;
  beyond: boolean;
}

const ASCII = (1n << 128n) - 1n;
const ANY: CharSet = { bits: ASCII, beyond: true };
const NONE: CharSet = { bits: 0n, beyond: false };

/** The characters from `first` to `last` (code points). */
function range(first: number, last: number): CharSet {
  if (first > last) return NONE;
  const top = Math.min(last, 127);
  return { bits: first > top ? 0n : ((1n << BigInt(top - first + 1)) - 1n) << BigInt(first), beyond: last > 127 };
}

function union(a: CharSet, b: CharSet): CharSet {
  return { bits: a.bits | b.bits, beyond: a.beyond || b.beyond };
}

function complement(set: CharSet): CharSet {
  return { bits: ASCII & ~set.bits, beyond: true };
}

function overlaps(a: CharSet, b: CharSet): boolean {
  return (a.bits & b.bits) !== 0n || (a.beyond && b.beyond);
}

const code = (character: string) => character.codePointAt(0)!;
const DIGITS = range(code('0'), code('9'));
const WORD = [range(code('A'), code('Z')), range(code('a'), code('z')), range(code('_'), code('_'))].reduce(union, DIGITS);
const SPACE: CharSet = { bits: range(9, 13).bits | range(32, 32).bits, beyond: true };
const CLASS_ESCAPES: Record<string, CharSet> = { d: DIGITS, D: complement(DIGITS), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE) };
const CONTROL_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0 };
/** Escapes of characters this check does not work out (hex, Unicode, properties, back references): taken as any character. */
const UNKNOWN_ESCAPE = /[xucpPk1-9]/;

/** The characters `\letter` stands for, in a class or outside one. */
function escapeSet(letter: string): CharSet {
  if (CLASS_ESCAPES[letter]) return CLASS_ESCAPES[letter];
  if (CONTROL_ESCAPES[letter] !== undefined) return range(CONTROL_ESCAPES[letter], CONTROL_ESCAPES[letter]);
  if (UNKNOWN_ESCAPE.test(letter)) return ANY;
  return range(code(letter), code(letter));
}

/** The characters the class written in source[start, end) (from its `[` to its `]`) matches. */
function classSet(source: string, start: number, end: number): CharSet {
  let i = start + 1;
  const negated = source[i] === '^';
  if (negated) i++;
  let set = NONE;
  for (const close = end - 1; i < close; ) {
    if (source[i] === '\\') {
      set = union(set, escapeSet(source[i + 1]!));
      i += 2;
    } else if (source[i + 1] === '-' && i + 2 < close && source[i + 2] !== '\\') {
      set = union(set, range(code(source[i]!), code(source[i + 2]!)));
      i += 3;
    } else {
      set = union(set, range(code(source[i]!), code(source[i]!)));
      i++;
    }
  }
  return negated ? complement(set) : set;
}

/** The characters the atom at source[i, i + length) matches; undefined for `\b` and `\B`, which match none. */
function atomSet(source: string, i: number, length: number): CharSet | undefined {
  const first = source[i]!;
  if (first === '.') return ANY;
  if (first === '[') return classSet(source, i, i + length);
  if (first !== '\\') return range(code(first), code(first));
  const letter = source[i + 1] ?? '\\';
  return letter === 'b' || letter === 'B' ? undefined : escapeSet(letter);
}

/** One character matched in turn: exactly once (`fixed`), or repeated, optional or a group. */
interface Step {
  set: CharSet;
  fixed: boolean;
}

interface Alternative {
  steps: Step[];
  /** Something in it repeats without bound. */
  unbounded: boolean;
  /** Something in it must match exactly once or a bounded number of times (a separator such as `\.`). */
  anchored: boolean;
}

const alternative = (): Alternative => ({ steps: [], unbounded: false, anchored: false });

/**
 * Whether a group is repeated without bound although one of its alternatives is made only of repetitions
 * (`(a+)+`, `(\w*\s*)*`: 'nested'), or two of its alternatives can match the same text (`(a|a)*`, `(\w|\d)+`,
 * `(a|aa)*`: 'ambiguous'): the shapes that backtrack exponentially. A group whose alternatives have a fixed part,
 * such as `(\d+\.)+`, or start differently, such as `(ab|ac)+` or `(a|ab)*`, splits the input one way only.
 */
function catastrophicRepetition(source: string): 'nested' | 'ambiguous' | undefined {
  const groups: Alternative[][] = [[alternative()]];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '(') {
      groups.push([alternative()]);
      i += /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_][\w]*>)/.exec(source.slice(i))?.[0].length ?? 1;
      continue;
    }
    if (c === '|') groups[groups.length - 1]!.push(alternative());
    if (c === '|' || c === '^' || c === '$') {
      i++;
      continue;
    }
    let inner: Alternative[] | undefined;
    let set: CharSet | undefined;
    if (c === ')') {
      inner = groups.pop();
      set = inner?.map((each) => each.steps[0]?.set ?? NONE).reduce(union, NONE);
      i++;
    } else {
      const length = atomLength(source, i);
      set = atomSet(source, i, length);
      i += length;
    }
    const quantifier = /^(?:[*+?]|\{(\d+)(,?)(\d*)\})\??/.exec(source.slice(i));
    const unbounded = quantifier !== null && (quantifier[0][0] === '*' || quantifier[0][0] === '+' || (quantifier[2] === ',' && quantifier[3] === ''));
    const optional = quantifier !== null && (quantifier[0][0] === '*' || quantifier[0][0] === '?' || quantifier[1] === '0');
    if (inner && unbounded && inner.some((each) => each.unbounded && !each.anchored)) return 'nested';
    if (inner && unbounded && ambiguous(inner)) return 'ambiguous';
    const current = groups[groups.length - 1]!.at(-1) ?? alternative();
    if (unbounded || inner?.some((each) => each.unbounded)) current.unbounded = true;
    if (!unbounded && !optional && (inner === undefined || inner.every((each) => each.anchored))) current.anchored = true;
    if (set) current.steps.push({ set, fixed: quantifier === null && inner === undefined });
    i += quantifier?.[0].length ?? 0;
  }
  return undefined;
}

/** Whether two alternatives of a group can match the same text, step by step, so that repeating the group can split it several ways. */
function ambiguous(alternatives: Alternative[]): boolean {
  const first = alternatives.map((each) => each.steps[0]?.set ?? NONE).reduce(union, NONE);
  return alternatives.some((a, index) => alternatives.slice(index + 1).some((b) => sameText(a.steps, b.steps, first)));
}

/**
 * Whether step sequences `a` and `b` can match the same text: overlapping at every step to the end of both, or to the end
 * of one where what is left of the other can start the group again (`(a|aa)*`). Past a step that is not fixed, overlap is enough.
 */
function sameText(a: Step[], b: Step[], first: CharSet): boolean {
  for (let k = 0; ; k++) {
    const [x, y] = [a[k], b[k]];
    if (!x && !y) return k > 0;
    if (!x || !y) return k > 0 && overlaps((x ?? y)!.set, first);
    if (!overlaps(x.set, y.set)) return false;
    if (!x.fixed || !y.fixed) return true;
  }
}

/** Length of the atom at `i`: an escape, a character class, or one character. */
function atomLength(source: string, i: number): number {
  if (source[i] === '\\') return 2;
  if (source[i] !== '[') return 1;
  let j = i + 1;
  if (source[j] === '^') j++;
  if (source[j] === ']') j++;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1 - i;
}
