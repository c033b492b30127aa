/*
 * What a script's words may spell, asked of its text before it is lexed: most scripts name none of the
 * programs or files a reader looks for (apt-get, sysctl, start.sh …), and so need not be lexed at all.
 */

/**
 * Quotes, escapes and line breaks, which the lexer takes out of a word (a line break only after a backslash, but in a
 * `sh -c` script that backslash may stand in the outer text with quotes after it: `sh -c 'g\'"<newline>"'o'` runs `go`), and
 * which so may split a word's spelling in the text (`ap"t"-get`, `sys\<newline>ctl` in a heredoc script): a word's value is
 * its text without them, so a spelling that the text does not hold with only them between its characters is in no word.
 */
const SPLITTING = /[\r\n"'\\]*/.source;

/** A shell's metacharacters, which end a word: escaped in a script, they still end one in the `sh -c` script it runs. */
const METACHARACTERS = ' \\t\\r\\n;&|()<>';

/**
 * What the text may hold before and after a spelling, for each place a spelling may stand in a word: before it (past any of
 * what the lexer takes out) a metacharacter, the text's start or for a program a `/`; after it a metacharacter or the end.
 */
const PLACES = {
  anywhere: { before: '', after: '' },
  /** A whole word, or a word's end after its last `/`: a program with its directory (`/usr/local/go/bin/go`, `$GOROOT/bin/go`). */
  program: { before: `(?<![^${METACHARACTERS}/])`, after: `${SPLITTING}(?![^${METACHARACTERS}])` },
  wordStart: { before: `(?<![^${METACHARACTERS}])`, after: '' },
} as const;

type Place = keyof typeof PLACES;

/**
 * A `$` before a quote or backslash: `$'\x73'` (ANSI-C quoting) may spell anything, `$"…"` drops its `$`, and
 * `$\'` or `$"'"` make a `$'` in a `sh -c` script's text, which its own lexing decodes.
 */
const SPELLS_ANYTHING = /\$["'\\]/;

/**
 * Words that a reader of commands looks for (`sysctl`, `apt`), declared beside the reader and asked of a script before it
 * is lexed. A spelling is literal characters and character classes (`[A-Z0-9]`, or `[A-Z0-9]+` for one or more).
 */
export class CommandWords {
  /** Any of the words where it may stand, with quotes, escapes and line breaks allowed between their characters. */
  private readonly pattern: RegExp;
  /** A value that is one of the words, whole: what a reader compares a lexed word's value with (`pip3.11`). */
  readonly exactly: RegExp;

  private constructor(
    readonly words: readonly string[],
    place: Place,
  ) {
    const { before, after } = PLACES[place];
    // What comes before is asked after the spelling, looking back: a regular expression that starts with a letter passes over
    // the text at once to where that letter is, where one that starts by looking back tries every character (ten times slower).
    const spellings = `(?:${words.map((word) => spelling(word)).join('|')})`;
    this.pattern = new RegExp(before ? `${spellings}(?<=${before}${SPLITTING}${spellings})${after}` : `${spellings}${after}`);
    this.exactly = new RegExp(`^(?:${words.map((word) => spelling(word, '')).join('|')})$`);
  }

  /** Spellings anywhere in a word: `sysctl` in `/etc/sysctl.conf`. */
  static anywhere(...words: string[]): CommandWords {
    return new CommandWords(words, 'anywhere');
  }

  /** Program names: whole words, or the ends of words after a `/`. */
  static programs(...names: string[]): CommandWords {
    return new CommandWords(names, 'program');
  }

  /** Spellings that start a word: `GO[A-Z0-9]+=` of `GOFLAGS=-mod=mod`. */
  static wordStarts(...starts: string[]): CommandWords {
    return new CommandWords(starts, 'wordStart');
  }

  /** Whether the text spells one of the words where it may stand, with only quotes, escapes and line breaks between its characters. */
  spelledIn(text: string): boolean {
    return this.pattern.test(text);
  }
}

/** A spelling's pattern: its characters and classes, with what the lexer takes out of a word (or `between`) allowed between them. */
function spelling(word: string, between = SPLITTING): string {
  return (word.match(SPELLING_PARTS) ?? []).map((part) => partPattern(part, between)).join(between);
}

/** A character class, with a `+` after it or not, or one character. */
const SPELLING_PARTS = /\[[^\]]+\]\+?|[^]/g;

function partPattern(part: string, between: string): string {
  if (part.endsWith(']+')) {
    const each = part.slice(0, -1);
    return `${each}(?:${between}${each})*`;
  }
  return part.length > 1 ? part : part.replace(/[.*+?^${}()|[\]\\/]/, '\\$&');
}

/** Whether a word of the script may hold one of `words`: false only when none can. */
export function mayHold(script: string, words: CommandWords): boolean {
  return spellsAnything(script) || words.spelledIn(script);
}

/** Whether the script may spell any word, whatever its text holds (ANSI-C quoting and the like). */
export function spellsAnything(script: string): boolean {
  return SPELLS_ANYTHING.test(script);
}
