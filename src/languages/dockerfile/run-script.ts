/*
 * A RUN's script: its commands, lexed when first read, and what its text may spell, asked first. Most RUNs
 * name none of the programs a rule reads (apt-get, sysctl, go …), and so are never lexed.
 */

import type { ShellCommand } from './model.js';

/**
 * Quotes and escapes, which the lexer takes out of a word and which so may split a word's spelling in the text
 * (`ap"t"-get`, `sys\<newline>ctl` in a heredoc script): a word's value is its text without them, so a spelling
 * that the text does not hold with only them between its characters is in no word.
 */
const SPLITTING = /(?:\\\r?\n|["'\\])*/.source;

/** Words that a reader of RUN commands looks for (`sysctl`, `apt`), declared beside the reader and asked of a RUN before it reads the commands. */
export class CommandWords {
  /** Any of the words, with quotes and escapes allowed between their characters. */
  readonly pattern: RegExp;

  constructor(...words: string[]) {
    this.pattern = new RegExp(words.map((word) => [...word].map((character) => character.replace(/[.*+?^${}()|[\]\\/]/, '\\$&')).join(SPLITTING)).join('|'));
  }
}

/**
 * A `$` before a quote or backslash: `$'\x73'` (ANSI-C quoting) may spell anything, `$"…"` drops its `$`, and
 * `$\'` or `$"'"` make a `$'` in a `sh -c` script's text, which its own lexing decodes.
 */
const SPELLS_ANYTHING = /\$["'\\]/;

/** The commands of a RUN's script, lexed when first read from `texts`: the logical line and heredoc bodies, or an exec form's strings. */
export class RunScript {
  #commands: ShellCommand[] | undefined;
  #spellsAnything: boolean | undefined;

  constructor(
    private readonly texts: string,
    private readonly lex: () => ShellCommand[],
  ) {}

  get commands(): ShellCommand[] {
    return (this.#commands ??= this.lex());
  }

  /** Whether a word of the commands (a `sh -c` script's included) may hold one of `words`: false only when none can. */
  mayHold(words: CommandWords): boolean {
    this.#spellsAnything ??= SPELLS_ANYTHING.test(this.texts);
    return this.#spellsAnything || words.pattern.test(this.texts);
  }
}

/** A RUN's `commands` as its script lexes them: one getter shared by every RUN, so that they all keep one shape. */
const SCRIPT_COMMANDS: PropertyDescriptor = {
  get(this: { script: RunScript }): ShellCommand[] {
    return this.script.commands;
  },
  enumerable: true,
};

/** The instruction with its script, and the script's commands as its `commands`. */
export function withScript<I extends object>(instruction: I, script: RunScript): I & { readonly script: RunScript; readonly commands: ShellCommand[] } {
  return Object.defineProperty(Object.assign(instruction, { script }), 'commands', SCRIPT_COMMANDS) as I & { script: RunScript; commands: ShellCommand[] };
}
