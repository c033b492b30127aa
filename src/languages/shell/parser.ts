import type { ParseResult } from '../../language.js';
import { loadShellReader } from '../../shell/index.js';
import type { SourceFile } from '../../types.js';
import type { ShellDocument } from './document.js';

export async function parseShellScript(file: SourceFile): Promise<ParseResult<ShellDocument>> {
  const script = (await loadShellReader())(file.text);
  const document: ShellDocument = { kind: 'shell', file, comments: [...script.comments], statements: [...script.statements], script };
  return { document, errors: [...script.errors] };
}
