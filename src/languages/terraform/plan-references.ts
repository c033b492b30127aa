import type { Expression } from './hcl/syntax.js';
import type { Range } from '../../types.js';
import type { Positions } from './hcl/parser.js';

/** One step of a reference: `.name` (a name alone at the start) or a constant index, `[0]` or `["key"]`. */
const STEP = /(\.?)([A-Za-z_][\w-]*)|\[(\d+|"(?:[^"\\]|\\.)*")\]/y;

/**
 * A reference as `terraform show -json` writes it (`aws_subnet.a[0].id`, `var.cfg["region"]`,
 * `module.vpc.vpc_id`), read as the traversal HCL would parse, every step at its place in the file;
 * undefined for what is not such a traversal (`aws_instance.web[...]`, a key merlint cannot decode).
 */
export function readReference(text: string, positions: Positions): Expression | undefined {
  let traversal: Expression | undefined;
  for (let at = 0; at < text.length; at = STEP.lastIndex) {
    STEP.lastIndex = at;
    const match = STEP.exec(text);
    if (!match) return undefined;
    const range = positions.range(0, STEP.lastIndex);
    const [, dot, name, key] = match;
    if (name === undefined) {
      const index = traversal && indexKey(key!, positions.range(at + 1, STEP.lastIndex - 1));
      if (!index) return undefined;
      traversal = { type: 'index', object: traversal!, key: index, range };
    } else if (!traversal) {
      if (dot) return undefined;
      traversal = { type: 'variable', name, range };
    } else {
      if (!dot) return undefined;
      traversal = { type: 'getAttr', object: traversal, name, nameRange: positions.range(at + 1, STEP.lastIndex), range };
    }
  }
  return traversal;
}

function indexKey(written: string, range: Range): Expression | undefined {
  if (!written.startsWith('"')) return { type: 'literal', value: Number(written), range };
  const value = decodeQuoted(written);
  return value === undefined ? undefined : { type: 'template', parts: value ? [{ type: 'text', value, range }] : [], heredoc: false, range };
}

/** Terraform quotes keys as Go does; the escapes JSON shares with Go cover the keys people write. */
function decodeQuoted(written: string): string | undefined {
  try {
    return JSON.parse(written) as string;
  } catch {
    return undefined;
  }
}
