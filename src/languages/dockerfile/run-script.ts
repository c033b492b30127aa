/*
 * A RUN's script: its commands, lexed when first read, and what its text may spell, asked first
 * (src/shell/command-words.ts): most RUNs name none of the programs a rule reads, and so are never lexed.
 */

import { spellsAnything, type CommandWords } from '../../shell/command-words.js';
import type { ShellCommand } from './model.js';

/**
 * The commands of a RUN's script, lexed when first read from `texts`: the logical line and heredoc bodies, or an exec form's
 * strings; and from `files`, by path, the copied scripts it may run (copied-scripts.ts).
 */
export class RunScript {
  #commands: ShellCommand[] | undefined;
  #spellsAnything: boolean | undefined;

  constructor(
    private readonly texts: string,
    private readonly lex: () => ShellCommand[],
    private readonly files: ReadonlyMap<string, SharedText> = NO_FILES,
  ) {}

  get commands(): ShellCommand[] {
    return (this.#commands ??= this.lex());
  }

  /** Whether a word of the commands (a `sh -c` script's or a copied script's included) may hold one of `words`: false only when none can. */
  mayHold(words: CommandWords): boolean {
    this.#spellsAnything ??= spellsAnything(this.texts);
    if (this.#spellsAnything || words.spelledIn(this.texts)) return true;
    for (const file of this.files.values()) if (fileMayHold(file, words)) return true;
    return false;
  }
}

/** The text of a file that the scripts of many instructions may run. */
interface SharedText {
  readonly text: string;
}

const NO_FILES: ReadonlyMap<string, SharedText> = new Map();

/** What each shared file may spell, by the words asked: a copied script that thousands of RUNs run is searched once for each. */
const fileSpellings = new WeakMap<SharedText, Map<CommandWords, boolean>>();

function fileMayHold(file: SharedText, words: CommandWords): boolean {
  let spelled = fileSpellings.get(file);
  if (!spelled) fileSpellings.set(file, (spelled = new Map()));
  let held = spelled.get(words);
  if (held === undefined) spelled.set(words, (held = spellsAnything(file.text) || words.spelledIn(file.text)));
  return held;
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
