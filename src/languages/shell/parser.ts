import type { ParseResult } from '../../language.js';
import { dialectOf, interpreterOf, loadShellReader, type ShellDialect } from '../../shell/index.js';
import type { SourceFile } from '../../types.js';
import type { ShellDocument } from './document.js';

export async function parseShellScript(file: SourceFile): Promise<ParseResult<ShellDocument>> {
  const script = (await loadShellReader())(file.text, undefined, undefined, interpreterDialect(file.text));
  const document: ShellDocument = { kind: 'shell', file, comments: [...script.comments], statements: [...script.statements], script };
  return { document, errors: [...script.errors] };
}

/**
 * The dialect of the shell the script's `#!` line names, through `env` (`#!/bin/sh`, `#!/usr/bin/env sh`, `#!/bin/dash`: `sh`);
 * bash where it names another shell or none (a script without one is run by whichever shell runs it, and read as bash).
 */
export function interpreterDialect(text: string): ShellDialect {
  const program = interpreterOf(text);
  return program === undefined ? 'bash' : dialectOf(program);
}
