// Bundles the command line into dist/bundle so that starting merlint reads a few files instead of
// hundreds of small modules; parsers and reporters stay separate, loaded only when used.
// The chunks are CommonJS modules written as functions, not ES modules: the loader (src/bundle-loader.ts,
// built with the command line's start, src/bin.ts, into bin/merlint.js) compiles the files itself so that V8's code cache can be kept between runs,
// which Node 20 offers for scripts only. A file holds an object of chunk functions by chunk name:
// cli.cjs every chunk it requires as it starts, which every run loads; the file of a chunk loaded by
// import() also the chunks that one requires as it runs, beyond cli.cjs's, copying a small chunk into
// each such file that needs it. A run then reads and compiles a few files and cache entries instead of
// one for each chunk, and a language's code is one string large enough for V8 to keep out of the young
// generation, which a one-Dockerfile run would otherwise fill once more (a scavenge; BENCHMARKS.md).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importTool } from '../tools/load.mjs';

const { build, transform } = await importTool('esbuild');

const COMMON = { platform: 'node', target: 'node20', logLevel: 'warning', minifyWhitespace: true, minifySyntax: true };
const ALIAS = {
  // jsonc-parser's default entry is a UMD module whose require() calls esbuild cannot follow.
  'jsonc-parser': 'jsonc-parser/lib/esm/main.js',
  // dockerfile-ast uses two functions of this package; see the module.
  'vscode-languageserver-types': './src/languages/dockerfile/lsp-types.ts',
};
/** dockerfile-ast, which the Dockerfile parser requires only when a file needs it: a CommonJS module built into a file of its own. */
const DOCKERFILE_AST = { source: 'src/languages/dockerfile/dockerfile-ast.cts', chunk: 'dockerfile-ast.cjs' };
const IMPORT_META = '__importMeta';
const LOWERED_IMPORT_START = 'Promise.resolve().then(()=>__toESM(';
const LOWERED_IMPORT = `${LOWERED_IMPORT_START}require(`;
const DYNAMIC_REQUIRE = '__dynamicRequire';
/** Bytes of a chunk up to which it is copied into each file that requires it (the YAML library, 160 KB, is not). */
const COPIED_CHUNK_LIMIT = 32 * 1024;

rmSync('dist/bundle', { recursive: true, force: true });
mkdirSync('dist/bundle', { recursive: true });

// esbuild splits ES modules only: split first, then turn each chunk into a script.
const { metafile, outputFiles } = await build({
  ...COMMON,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  alias: ALIAS,
  // The parser requires dockerfile-ast's file by the chunk's `require` in the bundle, by Node's compiled alone (src/languages/dockerfile/parser.ts).
  define: { BUNDLED: 'true' },
  metafile: true,
  write: false,
});
const scripts = new Map();
for (const file of outputFiles) scripts.set(basename(file.path), await asScript(file.text));
const atStart = heldWith('cli.cjs', () => false);
// A larger chunk required by several files is read and compiled once, from a file of its own.
const ownFile = (chunk) => !atStart.has(chunk) && (imported(chunk) || scripts.get(chunk).length > COPIED_CHUNK_LIMIT);
const files = new Map([['cli.cjs', [...atStart]]]);
for (const chunk of [...scripts.keys()].filter(ownFile)) files.set(chunk, [...heldWith(chunk, (required) => atStart.has(required) || ownFile(required))]);
for (const [file, held] of files) writeFileSync(`dist/bundle/${file}`, `({${held.map((chunk) => definition(chunk, scripts.get(chunk))).join(',')}})`);

// A CommonJS build, so that the chunk gives the parser what Node's require gives it unbundled.
const dockerfileAst = await build({ ...COMMON, entryPoints: [DOCKERFILE_AST.source], bundle: true, format: 'cjs', alias: ALIAS, metafile: true, write: false });
writeFileSync(`dist/bundle/${DOCKERFILE_AST.chunk}`, `({${definition(DOCKERFILE_AST.chunk, `"use strict";${dockerfileAst.outputFiles[0].text}`)}})`);

await build({
  ...COMMON,
  entryPoints: ['src/bin.ts'],
  outfile: 'bin/merlint.js',
  bundle: true,
  format: 'cjs',
  banner: { js: '#!/usr/bin/env node' },
  define: { 'import.meta.url': '__filename', 'import.meta.dirname': '__dirname' },
});

// Which source files each file of the bundle holds, for test/rule-loading.test.ts to name what a run loaded.
const sources = (chunk) => Object.keys(metafile.outputs[`dist/bundle/${chunk}`].inputs);
const held = Object.fromEntries([...files].map(([file, chunks]) => [file, chunks.flatMap(sources).sort()]));
held[DOCKERFILE_AST.chunk] = Object.keys(Object.values(dockerfileAst.metafile.outputs)[0].inputs).sort();
writeFileSync('dist/bundle-chunks.json', `${JSON.stringify(held, null, 1)}\n`);

/** The chunks of the bundle that `chunk` imports (`kind`: import statements, which run with it, or import()). */
function importsOf(chunk, kind) {
  return metafile.outputs[`dist/bundle/${chunk}`].imports.filter((entry) => entry.kind === kind && !entry.external).map((entry) => basename(entry.path));
}

/** Whether some chunk loads `chunk` by import(). */
function imported(chunk) {
  return [...scripts.keys()].some((other) => importsOf(other, 'dynamic-import').includes(chunk));
}

/** `chunk` and the chunks it requires as it runs, transitively, `chunk` first, leaving out (and not following) those `elsewhere` says another file holds. */
function heldWith(chunk, elsewhere, found = new Set()) {
  found.add(chunk);
  for (const required of importsOf(chunk, 'import-statement')) if (!found.has(required) && !elsewhere(required)) heldWith(required, elsewhere, found);
  return found;
}

/** A chunk as a property of its file's object: the function Node would wrap a CommonJS module in (parenthesised, so V8 compiles it eagerly, as Node's is). */
function definition(chunk, script) {
  return `${JSON.stringify(chunk)}:(function (exports, require, module, __filename, __dirname) {${script}\n})`;
}

/** An ES module chunk as a strict CommonJS script; import() becomes require(), as the loader compiles scripts only. */
async function asScript(module) {
  const { code } = await transform(module, {
    ...COMMON,
    format: 'cjs',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': `${IMPORT_META}.url` },
  });
  // The URL is made when first read: most chunks that name it need it only on some paths.
  const importMeta = code.includes(IMPORT_META) ? `var ${IMPORT_META}={get url(){return require("node:url").pathToFileURL(__filename).href}};` : '';
  // A lowered import() calls require() where a function may declare its own `require`, which esbuild
  // cannot rename beside a direct eval (web-tree-sitter's), so it calls the chunk's require by another name.
  const imports = code.replaceAll(LOWERED_IMPORT, `${LOWERED_IMPORT_START}${DYNAMIC_REQUIRE}(`);
  const dynamicRequire = imports === code ? '' : `var ${DYNAMIC_REQUIRE}=require;`;
  return `"use strict";${importMeta}${dynamicRequire}${imports}`;
}
