import type { Body } from './hcl/syntax.js';
import type { TerraformDocument } from './document.js';
import type { Range, SourceFile } from '../../types.js';
import { parseHcl } from './hcl/parser.js';
import type { ParseResult } from '../../language.js';
import { parseTerraformJson } from './json-parser.js';

export function parseTerraform(file: SourceFile): ParseResult<TerraformDocument> {
  const kind = file.kind === 'tfvars' ? 'tfvars' : 'terraform';
  const syntax = file.path.endsWith('.json') ? parseTerraformJson(file.text, kind) : parseHcl(file.text);
  const document: TerraformDocument = {
    kind,
    file,
    comments: syntax.comments,
    // Asked for only when an ignore comment is in the file, which few are.
    get statements() {
      return attributeRanges(syntax.body);
    },
    body: syntax.body,
  };
  return { document, errors: syntax.errors };
}

/** Every attribute at any depth: an ignore comment above one covers its whole value (a heredoc policy, say). */
function attributeRanges(body: Body): Range[] {
  return [...body.attributes.map((attribute) => attribute.range), ...body.blocks.flatMap((block) => attributeRanges(block.body))];
}
