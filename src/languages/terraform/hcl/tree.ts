import type { Node, Parser, Tree } from 'web-tree-sitter';
import { loadGrammar } from '../../../tree-sitter.js';

export { problems } from '../../../tree-sitter.js';

/** tree-sitter and the Terraform grammar: loading, parsing (with what tree-sitter misreads fixed), finding errors. */

/** The tree-sitter Terraform grammar, loaded once, on the first HCL file of a run. */
export function loadParser(): Promise<Parser> {
  return loadGrammar('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
}

/** The text with everything outside `from`..`to` blanked out (line breaks kept, so every offset stays put). */
export function parseRegion(parser: Parser, text: string, from: number, to: number): Tree {
  const visible = from === 0 && to === text.length ? text : blank(text.slice(0, from)) + text.slice(from, to) + blank(text.slice(to));
  const tree = parser.parse(visible);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * Parses text as HCL reads it where tree-sitter-hcl tokenizes differently. tree-sitter reads an
 * exponent without a fraction (`1e3`) as the number `1` followed by a name, and `$$${x}` as `$$`
 * followed by an interpolation where HCL reads `$` and the escape `$${` (likewise `%%%{`). The
 * characters that mislead it are overwritten (digits for the exponent, `_` for the first `$` or `%`
 * of the run), which keeps every offset: values are read from the original text. Returns the text
 * tree-sitter should see and its tree.
 */
export function parseAsHcl(parser: Parser, text: string): { source: string; tree: Tree } {
  let source = text;
  for (;;) {
    const tree = parseRegion(parser, source, 0, source.length);
    const fixes = [...misreadExponents(tree.rootNode, source), ...misreadEscapes(tree.rootNode, source)];
    if (fixes.length === 0) return { source, tree };
    tree.delete();
    for (const { start, text: replacement } of fixes) source = source.slice(0, start) + replacement + source.slice(start + replacement.length);
  }
}

interface Overwrite {
  start: number;
  text: string;
}

const EXPONENT = /[eE][+-]?[0-9]+/y;

function misreadExponents(root: Node, source: string): Overwrite[] {
  return root
    .descendantsOfType('numeric_lit')
    .filter(notNull)
    .flatMap((node) => {
      EXPONENT.lastIndex = node.endIndex;
      const exponent = EXPONENT.exec(source)?.[0];
      return exponent ? [{ start: node.endIndex, text: '0'.repeat(exponent.length) }] : [];
    });
}

function misreadEscapes(root: Node, source: string): Overwrite[] {
  return root
    .descendantsOfType(['template_interpolation_start', 'template_directive_start'])
    .filter(notNull)
    .flatMap((node) => {
      const sigil = source[node.startIndex]!;
      let start = node.startIndex;
      while (source[start - 1] === sigil) start--;
      return start < node.startIndex ? [{ start, text: '_' }] : [];
    });
}

export function named(node: Node): Node[] {
  return node.namedChildren.filter(notNull);
}

export function notNull(node: Node | null): node is Node {
  return node !== null;
}
