import { repetitionDifference } from './re2-repetition.js';

/**
 * Terraform's regular expressions are Go's RE2. This rewrites an RE2 pattern in JavaScript's
 * spelling (for a RegExp with the `u` flag) where the two read the same text differently: escaped
 * punctuation (`\-`, `\#`), `\Q…\E`, `\x{…}`, octal escapes, `\pL` and scripts (`\p{Greek}`), POSIX
 * classes (`[[:alpha:]]`), a `]` first in a class, `.` and `\s` (RE2's match fewer characters), `\A`,
 * leading flags and the `^` and `$` of `(?m)`. What RE2 rejects (lookaround, backreferences) is `rejected`, as Terraform
 * rejects it; what this does not translate, and a repetition JavaScript runs otherwise than RE2, is
 * `unsupported`, which the caller makes unknown.
 */
export type Translated = { source: string; flags: string } | { rejected: string } | { unsupported: string };

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E',
  punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Unicode general categories, which RE2 and JavaScript both name as `\p{Lu}`; any other name is a script. */
const CATEGORY = /^(?:[LMNPSZC]|L[ultmo]|M[nce]|N[dlo]|P[cdseifo]|S[mcko]|Z[slp]|C[cfso]|Any)$/;

/** Escapes whose meaning RE2 and JavaScript share. */
const SHARED_ESCAPES = new Set(['d', 'D', 'w', 'W', 'b', 'B', 'f', 'n', 'r', 't', 'v']);

/** Characters a JavaScript pattern with the `u` flag reads as syntax, escaped to stand for themselves (and `-` in a class). */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

/** RE2's `\s`, narrower than JavaScript's. */
const SPACE = '\\t\\n\\f\\r ';

export function translateRe2(pattern: string): Translated {
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  const flags = leading?.[1] ?? '';
  if (/[^ims]/.test(flags)) return { unsupported: `the flags (?${flags})` };
  // JavaScript's `m` also starts and ends lines at \r, U+2028 and U+2029; RE2's only at \n, as the translated `^` and `$` do.
  return new Translation(pattern, leading?.[0].length ?? 0, flags.includes('s'), flags.includes('m')).run(flags.replaceAll('m', ''));
}

/** RE2's `^` and `$` in multi-line mode: at the start or end of the text or of a line that `\n` ends. */
const LINE_START = '(?<![^\\n])';
const LINE_END = '(?![^\\n])';

class Translation {
  private source = '';
  private inClass = false;

  constructor(
    private readonly pattern: string,
    private at: number,
    private readonly dotAll: boolean,
    private readonly multiLine: boolean,
  ) {}

  run(flags: string): Translated {
    while (this.at < this.pattern.length) {
      const problem = this.inClass ? this.classPart() : this.part();
      if (problem) return problem;
    }
    const difference = repetitionDifference(this.source);
    return difference ? { unsupported: difference } : { source: this.source, flags };
  }

  private part(): Translated | undefined {
    const rest = this.pattern.slice(this.at);
    if (rest.startsWith('\\')) return this.escape();
    if (/^\(\?(?:=|!|<=|<!)/.test(rest)) return { rejected: 'RE2 has no lookahead or lookbehind' };
    // Flags set after the start would have to reach the translated `.`, `^` and `$` (Node 20 rejects them anyway).
    const flagGroup = /^\(\?[a-zA-Z-]+[:)]/.exec(rest);
    if (flagGroup) return { unsupported: `the flags ${flagGroup[0]}` };
    if (rest.startsWith('(?P<')) return this.emit('(?<', 4);
    if (rest.startsWith('.')) return this.emit(this.dotAll ? '.' : '[^\\n]', 1);
    if (this.multiLine && (rest[0] === '^' || rest[0] === '$')) return this.emit(rest[0] === '^' ? LINE_START : LINE_END, 1);
    if (!rest.startsWith('[')) return this.emit(rest[0]!, 1);
    this.inClass = true;
    // RE2 reads a `]` right after `[` or `[^` as a character of the class.
    const open = /^\[\^?\]?/.exec(rest)![0];
    return this.emit(open.endsWith(']') ? `${open.slice(0, -1)}\\]` : open, open.length);
  }

  private classPart(): Translated | undefined {
    const rest = this.pattern.slice(this.at);
    if (rest.startsWith('\\')) return this.escape();
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
    if (posix) {
      const characters = POSIX_CLASSES[posix[2]!];
      if (!characters) return { rejected: `RE2 has no character class [:${posix[2]}:]` };
      return posix[1] ? { unsupported: `the negated class ${posix[0]}` } : this.emit(characters, posix[0].length);
    }
    if (rest.startsWith(']')) this.inClass = false;
    return this.emit(rest.startsWith('[') ? '\\[' : rest[0]!, 1);
  }

  private escape(): Translated | undefined {
    const rest = this.pattern.slice(this.at + 1);
    const letter = rest[0] ?? '';
    const property = /^([pP])(?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(rest);
    if (property) return this.emit(propertyEscape(property[1]!, property[2] === '^', property[3] ?? property[4]!), property[0].length + 1);
    const octal = /^(?:0[0-7]{0,2}|[1-7][0-7]{1,2})/.exec(rest);
    if (octal) return this.emit(`\\u{${parseInt(octal[0], 8).toString(16)}}`, octal[0].length + 1);
    if (/^[0-9]/.test(rest)) return { rejected: 'RE2 has no backreferences' };
    const hex = /^x\{([0-9A-Fa-f]+)\}/.exec(rest);
    if (hex) return this.emit(`\\u{${hex[1]}}`, hex[0].length + 1);
    if (letter === 'Q') return this.quoted(rest);
    if (letter === 'x' || SHARED_ESCAPES.has(letter)) return this.emit(`\\${letter}`, 2);
    if (letter === 'a') return this.emit('\\x07', 2);
    if (letter === 's') return this.emit(this.inClass ? SPACE : `[${SPACE}]`, 2);
    if (letter === 'S' && !this.inClass) return this.emit(`[^${SPACE}]`, 2);
    if (letter === 'A' && !this.inClass) return this.emit('(?<![\\s\\S])', 2);
    if (letter === 'z' && !this.inClass) return this.emit('(?![\\s\\S])', 2);
    // RE2 reads any escaped ASCII character but a letter or digit as itself.
    if (/^[\x00-\x7F]$/.test(letter) && !/^[A-Za-z]$/.test(letter)) return this.emit(this.literal(letter), 2);
    return { unsupported: `the escape \\${letter}` };
  }

  /** `\Q…\E`: the characters between, each standing for itself (to the end of the pattern without `\E`). */
  private quoted(rest: string): undefined {
    const end = rest.indexOf('\\E');
    const characters = end === -1 ? rest.slice(1) : rest.slice(1, end);
    return this.emit([...characters].map((character) => this.literal(character)).join(''), 2 + characters.length + (end === -1 ? 0 : 2));
  }

  private literal(character: string): string {
    return SYNTAX.has(character) || (this.inClass && character === '-') ? `\\${character}` : character;
  }

  private emit(source: string, length: number): undefined {
    this.source += source;
    this.at += length;
    return undefined;
  }
}

function propertyEscape(letter: string, negated: boolean, name: string): string {
  const spelled = CATEGORY.test(name) ? name : `Script=${name}`;
  return `\\${negated === (letter === 'p') ? 'P' : 'p'}{${spelled}}`;
}
