/**
 * Where JavaScript repeats a group otherwise than RE2. JavaScript refuses an iteration past a
 * repetition's minimum that matches nothing and backtracks for another (RE2 takes it: `(a*)?` on "b"
 * captures "" in Terraform, nothing in JavaScript), and it clears a repeated group's captures at the
 * start of each iteration (RE2 keeps the last one set: `(?:(a)|b)+` on "ab" captures "a"). This reads
 * a translated pattern, in JavaScript's spelling, and names the first repetition of either kind.
 */
export function repetitionDifference(source: string): string | undefined {
  const reading = new RepetitionReading(source);
  reading.run();
  return reading.difference;
}

/**
 * What a part of a pattern can do: match nothing, hold captures, leave one of them unset, and try
 * matching nothing before something (a lazy quantifier, or a branch that can match nothing before
 * another). Without captures and without such a choice, an empty iteration is tried only once the
 * longer ones have failed, and JavaScript refusing it ends the repetition where RE2 taking it does.
 */
type Part = { nullable: boolean; captures: number; mayLeaveUnset: boolean; emptyFirst: boolean };

const NOTHING: Part = { nullable: true, captures: 0, mayLeaveUnset: false, emptyFirst: false };
const CHARACTER: Part = { nullable: false, captures: 0, mayLeaveUnset: false, emptyFirst: false };

const LOOKAROUND = new Set(['?=', '?!', '?<=', '?<!']);
const GROUP_OPEN = /^\((\?(?::|=|!|<=|<!|<[^>]*>))?/;
const ESCAPE = /^\\(?:[pPu]\{[^}]*\}|x[0-9A-Fa-f]{2}|[\s\S])/u;
const CHARACTER_CLASS = /^\[(?:\\[\s\S]|[^\]\\])*\]/;
const QUANTIFIER = /^(?:([*+?])|\{([0-9]+)(?:(,)([0-9]*))?\})\??/;

class RepetitionReading {
  private at = 0;
  difference: string | undefined;

  constructor(private readonly source: string) {}

  run(): void {
    // A stray `)` ends an alternation early; the RegExp constructor rejects the pattern later.
    for (; this.at < this.source.length; this.at++) this.alternation();
  }

  private alternation(): Part {
    const branches = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const captures = branches.reduce((total, branch) => total + branch.captures, 0);
    const emptyFirst = branches.some((branch, i) => branch.emptyFirst || (branch.nullable && i < branches.length - 1));
    return { nullable: branches.some((branch) => branch.nullable), captures, mayLeaveUnset: captures > 0, emptyFirst };
  }

  private sequence(): Part {
    let sequence = NOTHING;
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const part = this.repeated(this.atom());
      sequence = {
        nullable: sequence.nullable && part.nullable,
        captures: sequence.captures + part.captures,
        mayLeaveUnset: sequence.mayLeaveUnset || part.mayLeaveUnset,
        emptyFirst: sequence.emptyFirst || part.emptyFirst,
      };
    }
    return sequence;
  }

  private atom(): Part {
    const rest = this.source.slice(this.at);
    const group = GROUP_OPEN.exec(rest);
    if (group) return this.group(group[0].length, group[1]);
    const token = ESCAPE.exec(rest) ?? CHARACTER_CLASS.exec(rest);
    this.at += token?.[0].length ?? 1;
    const assertion = /^(?:[\^$]|\\[bB])$/.test(token?.[0] ?? rest[0]!);
    return assertion ? NOTHING : CHARACTER;
  }

  private group(openLength: number, kind: string | undefined): Part {
    this.at += openLength;
    const inner = this.alternation();
    this.at++;
    if (kind === '?:') return inner;
    // The translation's own lookarounds (for `\A`, `\z` and the `^` and `$` of `(?m)`) hold no captures.
    if (kind && LOOKAROUND.has(kind)) return NOTHING;
    return { ...inner, captures: inner.captures + 1 };
  }

  private repeated(part: Part): Part {
    const quantifier = QUANTIFIER.exec(this.source.slice(this.at));
    if (!quantifier) return part;
    this.at += quantifier[0].length;
    const [, symbol, least, comma, most] = quantifier;
    const minimum = symbol ? (symbol === '+' ? 1 : 0) : Number(least);
    const maximum = symbol ? (symbol === '?' ? 1 : Infinity) : comma ? (most ? Number(most) : Infinity) : minimum;
    const lazy = symbol ? quantifier[0].length === 2 : quantifier[0].endsWith('?');
    if (part.nullable && maximum > minimum && (part.captures > 0 || part.emptyFirst)) this.difference ??= 'a repetition that can match nothing';
    if (part.mayLeaveUnset && maximum > 1) this.difference ??= 'a capture inside a repetition that can skip it';
    return {
      nullable: part.nullable || minimum === 0,
      captures: part.captures,
      mayLeaveUnset: part.mayLeaveUnset || (minimum === 0 && part.captures > 0),
      emptyFirst: part.emptyFirst || (lazy && maximum > minimum),
    };
  }
}
