import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Node, Parser, Query, QueryCapture, Tree } from 'web-tree-sitter';
import { packagePath } from './paths.js';
import { compileWebAssemblyBaselineOnly } from './v8-settings.js';

/*
 * The one loader of tree-sitter grammars (WebAssembly), shared by every language that parses with
 * tree-sitter: the runtime initialises once per process (again only after its WebAssembly failed), each
 * grammar loads on its first file.
 * The build copies these files into dist/grammars, which the package ships instead of the grammar
 * packages (whose C sources and native builds merlint never uses: 20 MB for bash alone).
 */

/** What the build copies into dist/grammars, by the name there: web-tree-sitter's JavaScript and WebAssembly, and the grammars. */
export const SHIPPED_FILES = {
  'web-tree-sitter.cjs': 'web-tree-sitter',
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-bash.wasm': 'tree-sitter-bash/tree-sitter-bash.wasm',
  'tree-sitter-go.wasm': 'tree-sitter-go/tree-sitter-go.wasm',
} as const;

const GRAMMARS = { bash: 'tree-sitter-bash.wasm', go: 'tree-sitter-go.wasm' } as const;

export type Grammar = keyof typeof GRAMMARS;

const require = createRequire(import.meta.url);

/** The shipped copy in dist/grammars, else the file in its package (a checkout before its first build). */
function shippedPath(name: keyof typeof SHIPPED_FILES): string {
  const shipped = packagePath('dist', 'grammars', name);
  return existsSync(shipped) ? shipped : require.resolve(SHIPPED_FILES[name]);
}

/**
 * The most memory tree-sitter's WebAssembly may take, below its own 2 GiB: a 3.7 MB Go file takes 96 MiB to
 * parse and query (a scan of it peaks at 175 MB), while its error recovery at the end of 12,000 `|%` and an
 * open quote took all 2 GiB in a few seconds (a 2.1 GB peak; 320 MB with this limit).
 */
const MOST_MEMORY = 256 * 1024 * 1024;
/** The memory web-tree-sitter's build starts with, which a memory given to it must have at least. */
const FIRST_MEMORY = 32 * 1024 * 1024;
const PAGE = 64 * 1024;

/** One instance of tree-sitter's WebAssembly, with the parsers and queries made in it. */
interface Runtime {
  treeSitter: typeof import('web-tree-sitter');
  parsers: Map<Grammar, Promise<Parser>>;
  queries: Map<string, Promise<Query>>;
  failed: boolean;
}

let current: Promise<Runtime> | undefined;
/** Whether an instance failed in this process, so that the next one needs web-tree-sitter's JavaScript evaluated anew. */
let failedBefore = false;
/** The instance each parser, query and tree lives in. */
const runtimeOf = new WeakMap<object, Runtime>();
/** The parsers of the newest instance that are loaded. */
const ready = new Map<Grammar, Parser>();

/**
 * A failure of tree-sitter's WebAssembly, which leaves its instance unusable (reported where the failed text starts: see WHERE_FAILED): it aborts when its memory
 * runs out (12,000 `|%` and an unclosed quote at the end of a shell script; found by fuzzing), and once a
 * recursion runs past its 64 KiB stack (`$(` in place of the quote) it has overwritten its own data, which
 * mostly traps soon after, in the parse or as the tree's nodes are read, but can leave it looping, which nothing
 * here can stop (the shell reader refuses the lines known to do that before parsing them). Where it failed is not
 * known: the offset its progress callback last gave was 3,278 of 8,004 where the `$(` that makes it fail is the last.
 */
/*
 * WHERE_FAILED: a failure is placed where the text that failed starts (a file's 1:1, a nested script's first character), not
 * searched for by parsing growing prefixes of the text again. The inputs known to fail are refused before parsing, each at its
 * cause (a shell line of more than 1,000 `|`, Go brackets nested more than 1,000 deep), so what is left is a failure of an
 * unknown shape. A search of its prefixes (bisecting on lines) would repeat that failure about log2(lines) times (17 for
 * 100,000 lines), each of which may fill all 256 MiB over seconds first, or leave the instance looping where no progress
 * callback comes to stop it: a hang in place of a coarse position.
 * A parse stopped at its time allowance is placed there too: a search would take that allowance again at every step.
 */
export class ParserFailure extends Error {
  constructor(
    message: string,
    /** It failed on an earlier text (another script of the same file), not on this one. */
    readonly earlier = false,
  ) {
    super(message);
  }
}

function loadRuntime(): Promise<Runtime> {
  current ??= (async () => {
    await compileWebAssemblyBaselineOnly();
    const treeSitter = failedBefore ? freshRuntimeScript() : await import('web-tree-sitter');
    await treeSitter.Parser.init({
      locateFile: () => shippedPath('web-tree-sitter.wasm'),
      wasmMemory: new WebAssembly.Memory({ initial: FIRST_MEMORY / PAGE, maximum: MOST_MEMORY / PAGE }),
      // It prints `Aborted()` as it fails, which ParserFailure reports.
      printErr: () => {},
    });
    return { treeSitter, parsers: new Map(), queries: new Map(), failed: false };
  })();
  return current;
}

/**
 * web-tree-sitter's JavaScript evaluated anew from the shipped copy, as it holds one WebAssembly instance (made by its
 * Parser.init). Only after a failure: the bundled module is compiled from V8's code cache, this copy is not.
 */
function freshRuntimeScript(): typeof import('web-tree-sitter') {
  const path = shippedPath('web-tree-sitter.cjs');
  delete require.cache[path];
  return require(path) as typeof import('web-tree-sitter');
}

/** A parser for one of the grammars, in the current instance (a new one after a ParserFailure). */
export async function loadGrammar(grammar: Grammar): Promise<Parser> {
  return parserIn(await loadRuntime(), grammar);
}

function parserIn(runtime: Runtime, grammar: Grammar): Promise<Parser> {
  let parser = runtime.parsers.get(grammar);
  if (!parser) {
    parser = (async () => {
      const { Language, Parser } = runtime.treeSitter;
      const made = madeIn(runtime, new Parser().setLanguage(await Language.load(shippedPath(GRAMMARS[grammar]))));
      if (!runtime.failed) ready.set(grammar, made);
      return made;
    })();
    runtime.parsers.set(grammar, parser);
  }
  return parser;
}

/**
 * The parser of `grammar` in the newest instance, for a reader that reads synchronously once loadGrammar resolved:
 * after a failure, its replacement once loaded (failure starts loading it), and a ParserFailure until then.
 */
export function readyParser(grammar: Grammar): Parser {
  const parser = ready.get(grammar);
  if (!parser) throw new ParserFailure('it failed on an earlier text', true);
  return parser;
}

/** A query of one of the grammars, compiled on first use in an instance. */
export async function loadQuery(grammar: Grammar, source: string): Promise<Query> {
  const runtime = await loadRuntime();
  const key = `${grammar}\n${source}`;
  let query = runtime.queries.get(key);
  if (!query) {
    query = (async () => madeIn(runtime, new runtime.treeSitter.Query((await parserIn(runtime, grammar)).language!, source)))();
    runtime.queries.set(key, query);
  }
  return query;
}

function madeIn<T extends object>(runtime: Runtime, made: T): T {
  runtimeOf.set(made, runtime);
  return made;
}

/**
 * Calls into tree-sitter's WebAssembly through `owner` (a parser, query or tree): a parse, or a whole read of a tree's
 * nodes, each of which is a call into it too. When it fails, its instance is given up: this call and every later one
 * through what the instance made throw ParserFailure, and the next loadGrammar or loadQuery starts a new instance.
 */
export function through<T>(owner: object, call: () => T): T {
  const runtime = runtimeOf.get(owner);
  if (runtime?.failed) throw new ParserFailure('it failed on an earlier text', true);
  try {
    return call();
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError) || !runtime) throw error;
    replace(runtime);
    throw new ParserFailure('its WebAssembly ran out of memory or stack');
  }
}

/** Gives up a failed instance, and starts loading the grammars it had in a new one. */
function replace(runtime: Runtime): void {
  runtime.failed = true;
  failedBefore = true;
  current = undefined;
  ready.clear();
  // Failing to load shows at the next loadGrammar.
  for (const grammar of runtime.parsers.keys()) loadGrammar(grammar).catch(() => undefined);
}

/** Frees a tree, unless its instance failed (whose memory is no longer to be trusted). */
export function release(tree: Tree): void {
  if (!runtimeOf.get(tree)?.failed) through(tree, () => tree.delete());
}

/** What `read` makes of a tree's nodes, each read a call into the WebAssembly that may fail as a parse may; the tree is freed after. */
export function readTree<T>(tree: Tree, read: (root: Node) => T): T {
  try {
    return through(tree, () => read(tree.rootNode));
  } finally {
    release(tree);
  }
}

/**
 * How long tree-sitter may spend on a text of `length` characters: 5 s, and 20 s more per million
 * characters (a 3 MB Go file of 40,000 functions takes seconds on a loaded machine). Its error recovery,
 * and a query over a tree nested deep, take time growing with the square of a broken stretch (20,000
 * `|` in a shell script took 20 s, a query over 80,000 `(` in a Go file 47 s; found by fuzzing). A file
 * not read by then is reported and not checked. The bound is in time because tree-sitter counts no such work:
 * its progress callback comes every 100 parse operations (a token shifted, a rule reduced), whose number
 * grows with the length of the stretch (about 250 calls per 1,000 `|`, and 85 per KB of `|%`, at any length)
 * while the versions of the parse stack it compares and merges in each grow too.
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
  return through(parser, () => {
    const tree = parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
    if (tree) return madeIn(runtimeOf.get(parser)!, tree);
    if (Date.now() <= deadline) return null;
    // A cancelled parse would resume where it stopped.
    parser.reset();
    return 'stopped';
  });
}

/** The captures of `query` in `node`, or 'stopped' when `deadline` (a Date.now() value) passes first. */
export function capturesBefore(query: Query, node: Node, deadline: number): QueryCapture[] | 'stopped' {
  const captures = through(query, () => query.captures(node, { progressCallback: () => Date.now() > deadline }));
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
