import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { Node, Parser, Query, QueryCapture, Tree } from 'web-tree-sitter';
import { packagePath } from './paths.js';
import { compileWebAssemblyBaselineOnly } from './v8-settings.js';

/*
 * The one loader of tree-sitter grammars (WebAssembly), shared by every language that parses with
 * tree-sitter: the runtime initialises once per process, each grammar loads on its first file.
 * The build copies these files into dist/grammars, which the package ships instead of the grammar
 * packages (whose C sources and native builds merlint never uses: 20 MB for bash alone).
 */

export const WASM_FILES = {
  runtime: 'web-tree-sitter/web-tree-sitter.wasm',
  bash: 'tree-sitter-bash/tree-sitter-bash.wasm',
  go: 'tree-sitter-go/tree-sitter-go.wasm',
} as const;

export type Grammar = Exclude<keyof typeof WASM_FILES, 'runtime'>;

const require = createRequire(import.meta.url);

/** The shipped copy in dist/grammars, else the file in its package (a checkout before its first build). */
function wasmPath(file: (typeof WASM_FILES)[keyof typeof WASM_FILES]): string {
  const shipped = packagePath('dist', 'grammars', basename(file));
  return existsSync(shipped) ? shipped : require.resolve(file);
}
let runtime: Promise<typeof import('web-tree-sitter')> | undefined;
const parsers = new Map<string, Promise<Parser>>();

function loadRuntime(): Promise<typeof import('web-tree-sitter')> {
  runtime ??= (async () => {
    await compileWebAssemblyBaselineOnly();
    const treeSitter = await import('web-tree-sitter');
    await treeSitter.Parser.init({ locateFile: () => wasmPath(WASM_FILES.runtime) });
    return treeSitter;
  })();
  return runtime;
}

/** A parser for one of the grammars of WASM_FILES. */
export function loadGrammar(grammar: Grammar): Promise<Parser> {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = (async () => {
      const { Language, Parser } = await loadRuntime();
      return new Parser().setLanguage(await Language.load(wasmPath(WASM_FILES[grammar])));
    })();
    parsers.set(grammar, parser);
  }
  return parser;
}

const queries = new Map<string, Promise<Query>>();

/** A query of one of the grammars, compiled on first use. */
export function loadQuery(grammar: Grammar, source: string): Promise<Query> {
  const key = `${grammar}\n${source}`;
  let query = queries.get(key);
  if (!query) {
    query = (async () => {
      const [{ Query }, parser] = await Promise.all([loadRuntime(), loadGrammar(grammar)]);
      return new Query(parser.language!, source);
    })();
    queries.set(key, query);
  }
  return query;
}

/**
 * How long tree-sitter may spend on a text of `length` characters: 5 s, and 20 s more per million
 * characters (a 3 MB Go file of 40,000 functions takes seconds on a loaded machine). Its error recovery,
 * and a query over a tree nested deep, take time growing with the square of a broken stretch (20,000
 * `|` in a shell script took 20 s, a query over 80,000 `(` in a Go file 47 s; found by fuzzing). A file
 * not read by then is reported and not checked.
 */
export function parseAllowance(length: number): number {
  return 5000 + length / 50;
}

/** Milliseconds as a message gives them: `5.4 s`. */
export function inSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

/** The tree of `text`, or 'stopped' when `deadline` (a Date.now() value) passes first. */
export function parseBefore(parser: Parser, text: string, deadline: number): Tree | null | 'stopped' {
  const tree = parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
  if (tree || Date.now() <= deadline) return tree;
  // A cancelled parse would resume where it stopped.
  parser.reset();
  return 'stopped';
}

/** The captures of `query` in `node`, or 'stopped' when `deadline` (a Date.now() value) passes first. */
export function capturesBefore(query: Query, node: Node, deadline: number): QueryCapture[] | 'stopped' {
  const captures = query.captures(node, { progressCallback: () => Date.now() > deadline });
  return Date.now() > deadline ? 'stopped' : captures;
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
