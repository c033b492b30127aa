/*
 * A RUN's script: its commands, lexed when first read, and what its text may spell, asked first
 * (src/shell/command-words.ts): most RUNs name none of the programs a rule reads, and so are never lexed.
 */

import { spellsAnything, type CommandWords } from '../../shell/command-words.js';
import type { ShellCommand } from './model.js';

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
    this.#spellsAnything ??= spellsAnything(this.texts);
    return this.#spellsAnything || words.spelledIn(this.texts);
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
