/*
 * Regular expressions from policy files run against every scanned value, so a pattern that can
 * backtrack for ever (`(a+)+$`, `(\w*)*x`) would hang a scan on one long line. JavaScript has no
 * linear-time engine built in; rejecting a quantified group that itself contains an unbounded
 * quantifier catches the classic catastrophic shapes cheaply, and values tested are capped in length.
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
  if (nestedQuantifier(source)) {
    return `regular expression /${source}/ repeats a group made only of repetitions (like (a+)+), which can take exponential time on some input; rewrite it without the nested repetition`;
  }
  return { test: (text) => expression.test(text.slice(0, LONGEST_TESTED)) };
}

interface Group {
  /** Something inside repeats without bound. */
  unbounded: boolean;
  /** Something inside must match exactly once or a bounded number of times (a separator such as `\.`). */
  anchored: boolean;
}

/**
 * Whether a group is repeated without bound while everything inside it repeats too (`(a+)+`,
 * `(\w*\s*)*`): the shapes that backtrack exponentially. A group with a fixed part, such as
 * `(\d+\.)+`, splits the input unambiguously and is allowed.
 */
function nestedQuantifier(source: string): boolean {
  const groups: Group[] = [{ unbounded: false, anchored: false }];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let inner: Group | undefined;
    if (c === '(') {
      groups.push({ unbounded: false, anchored: false });
      i += /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_][\w]*>)/.exec(source.slice(i))?.[0].length ?? 1;
      continue;
    }
    if (c === '|' || c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === ')') {
      inner = groups.pop();
      i++;
    } else i += atomLength(source, i);
    const quantifier = /^(?:[*+?]|\{(\d+)(,?)(\d*)\})\??/.exec(source.slice(i));
    const unbounded = quantifier !== null && (quantifier[0][0] === '*' || quantifier[0][0] === '+' || (quantifier[2] === ',' && quantifier[3] === ''));
    const optional = quantifier !== null && (quantifier[0][0] === '*' || quantifier[0][0] === '?' || quantifier[1] === '0');
    if (inner && unbounded && inner.unbounded && !inner.anchored) return true;
    const parent = groups[groups.length - 1] ?? { unbounded: false, anchored: false };
    if (unbounded || inner?.unbounded) parent.unbounded = true;
    if (!unbounded && !optional && (inner === undefined || inner.anchored)) parent.anchored = true;
    i += quantifier?.[0].length ?? 0;
  }
  return false;
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
