import type { Node, Parser, Tree } from 'web-tree-sitter';
import { loadGrammar } from '../../../tree-sitter.js';

export { problems } from '../../../tree-sitter.js';

/** tree-sitter and the Terraform grammar: loading, parsing (with what tree-sitter misreads fixed), finding errors. */

/** The tree-sitter Terraform grammar, loaded once, on the first HCL file of a run. */
export function loadParser(): Promise<Parser> {
  return loadGrammar('terraform');
}

/**
 * The text from `from` to `to`, parsed: what comes before is blanked out (line breaks kept, so every
 * offset stays put), what comes after is left out. Blanks after a broken region cost tree-sitter's
 * error recovery dearly: a string left open ran on through 57 KB of them for a minute.
 */
export function parseRegion(parser: Parser, text: string, from: number, to: number): Tree {
  const visible = from === 0 && to === text.length ? text : blank(text.slice(0, from)) + text.slice(from, to);
  const deadline = performance.now() + PARSE_BUDGET_MS;
  const tree = parser.parse(visible, null, { progressCallback: () => performance.now() > deadline });
  if (!tree) throw new ParseTimeout();
  return tree;
}

/** A parse of one region may take this long; tree-sitter's recovery from some tangles of errors is slow beyond reason. */
const PARSE_BUDGET_MS = 10_000;

/** tree-sitter was stopped after PARSE_BUDGET_MS. */
export class ParseTimeout extends Error {
  constructor() {
    super(`syntax errors tree-sitter could not get through within ${PARSE_BUDGET_MS / 1000} s`);
  }
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
    // Each fix searches the whole tree: only when the text has what it fixes.
    const fixes = [...(MAY_HAVE_EXPONENT.test(source) ? misreadExponents(tree.rootNode, source) : []), ...(MAY_HAVE_ESCAPE_RUN.test(source) ? misreadEscapes(tree.rootNode, source) : [])];
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
// A digit before an exponent; a `$` or `%` right before `${` or `%{`.
const MAY_HAVE_EXPONENT = /[0-9][eE][+-]?[0-9]/;
const MAY_HAVE_ESCAPE_RUN = /\$\$\{|%%\{/;

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

/** A node's named children, comments left out: tree-sitter keeps a comment wherever it is written, between any two tokens. */
export function named(node: Node): Node[] {
  return node.namedChildren.filter(isCode);
}

/** A node's children, tokens included, comments left out. */
export function tokens(node: Node): Node[] {
  return node.children.filter(isCode);
}

function isCode(node: Node | null): node is Node {
  return node !== null && node.type !== 'comment';
}

export function notNull(node: Node | null): node is Node {
  return node !== null;
}
