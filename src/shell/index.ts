import { loadGrammar, ParserFailure, readyParser } from '../tree-sitter.js';
import { filePositions, rangeIn, type ScriptPositions } from './positions.js';
import { ScriptFailure, ScriptReader } from './reader.js';
import type { ShellDialect, ShellScript } from './types.js';

/*
 * The shell reader: a script's commands, assignments, redirections and heredocs with exact ranges,
 * parsed by tree-sitter-bash. Core, not a language, because several languages embed shell: GitHub
 * workflow `run:`, GitLab `script:`, Kubernetes `command` with `sh -c`, Makefile recipes, Dockerfile `RUN`.
 */

export type * from './types.js';
export { filePositions, linePositions, offsetPositions, type ScriptPositions } from './positions.js';
export { commandLineDialect, dialectOf, interpreterOf, programName } from './commands.js';
export { shellGoSettings } from './go-settings.js';

/**
 * Reads a script; without `positions` its ranges are those of the text itself (a script file). `parsedAs`, text of
 * the same length, is what the parser reads instead where the host file puts its own syntax in the script (a
 * workflow's `${{ … }}` made a variable); words are still read from `text`. `dialect`: the shell that runs it (bash
 * unless told). Never throws on any text.
 */
export type ShellReader = (text: string, positions?: ScriptPositions, parsedAs?: string, dialect?: ShellDialect) => ShellScript;

/** The reader, once tree-sitter and the bash grammar are loaded (on first use in a run: the grammar costs its load once). */
export async function loadShellReader(): Promise<ShellReader> {
  await loadGrammar('bash');
  return (text, positions, parsedAs, dialect) => {
    const at = positions ?? filePositions(text);
    try {
      return new ScriptReader(readyParser('bash'), text, at, undefined, 0, parsedAs, undefined, dialect).read();
    } catch (error) {
      // A defect of the reader must not end the scan: the script is reported unread.
      const failure = error instanceof ScriptFailure ? error.failure : error;
      const message = failure instanceof ParserFailure ? failedParse(failure) : `merlint could not read this shell script (${error instanceof Error ? error.message : String(error)}); its commands are not checked. Please report this.`;
      const range = error instanceof ScriptFailure ? error.range : rangeIn(at, 0, 1);
      return { commands: [], assignments: [], writes: [], heredocs: [], comments: [], statements: [], errors: [{ message, range }] };
    }
  };
}

function failedParse(failure: ParserFailure): string {
  if (failure.earlier) return 'The shell parser (tree-sitter-bash) gave up on an earlier script, so this one is not read either and none of its commands is checked; fix the syntax error reported there.';
  return `The shell parser (tree-sitter-bash) gave up on the script that starts here (${failure.message}), so none of its commands, nor those of a script that holds it, is checked; please report this.`;
}
