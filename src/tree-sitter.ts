import { createRequire } from 'node:module';
import type { Node, Parser } from 'web-tree-sitter';

/*
 * The one loader of tree-sitter grammars (WebAssembly), shared by every language that parses with
 * tree-sitter: the runtime initialises once per process, each grammar loads on its first file.
 */

const require = createRequire(import.meta.url);
let runtime: Promise<typeof import('web-tree-sitter')> | undefined;
const parsers = new Map<string, Promise<Parser>>();

function loadRuntime(): Promise<typeof import('web-tree-sitter')> {
  runtime ??= (async () => {
    const treeSitter = await import('web-tree-sitter');
    await treeSitter.Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
    return treeSitter;
  })();
  return runtime;
}

/** A parser for the grammar in `wasm`, a module path such as `@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm`. */
export function loadGrammar(wasm: string): Promise<Parser> {
  let parser = parsers.get(wasm);
  if (!parser) {
    parser = (async () => {
      const { Language, Parser } = await loadRuntime();
      return new Parser().setLanguage(await Language.load(require.resolve(wasm)));
    })();
    parsers.set(wasm, parser);
  }
  return parser;
}

/** ERROR and MISSING nodes, in document order. */
export function problems(root: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node) => {
    if (node.isMissing || node.type === 'ERROR') {
      found.push(node);
      return;
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  if (root.hasError) visit(root);
  return found;
}
