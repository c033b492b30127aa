/*
 * What a script's words may spell, asked of its text before it is lexed: most scripts name none of the
 * programs or files a reader looks for (apt-get, sysctl, start.sh …), and so need not be lexed at all.
 */

/**
 * Quotes and escapes, which the lexer takes out of a word and which so may split a word's spelling in the text
 * (`ap"t"-get`, `sys\<newline>ctl` in a heredoc script): a word's value is its text without them, so a spelling
 * that the text does not hold with only them between its characters is in no word.
 */
const SPLITTING = /(?:\\\r?\n|["'\\])*/.source;

/**
 * A `$` before a quote or backslash: `$'\x73'` (ANSI-C quoting) may spell anything, `$"…"` drops its `$`, and
 * `$\'` or `$"'"` make a `$'` in a `sh -c` script's text, which its own lexing decodes.
 */
const SPELLS_ANYTHING = /\$["'\\]/;

/** Words that a reader of commands looks for (`sysctl`, `apt`), declared beside the reader and asked of a script before it is lexed. */
export class CommandWords {
  readonly words: readonly string[];
  /** Any of the words, with quotes and escapes allowed between their characters. */
  private readonly pattern: RegExp;

  constructor(...words: string[]) {
    this.words = words;
    this.pattern = new RegExp(words.map((word) => [...word].map((character) => character.replace(/[.*+?^${}()|[\]\\/]/, '\\$&')).join(SPLITTING)).join('|'));
  }

  /** Whether the text spells one of the words, with only quotes and escapes between its characters. */
  spelledIn(text: string): boolean {
    return this.pattern.test(text);
  }
}

/** Whether a word of the script may hold one of `words`: false only when none can. */
export function mayHold(script: string, words: CommandWords): boolean {
  return spellsAnything(script) || words.spelledIn(script);
}

/** Whether the script may spell any word, whatever its text holds (ANSI-C quoting and the like). */
export function spellsAnything(script: string): boolean {
  return SPELLS_ANYTHING.test(script);
}
