// Bundles the command line into dist/bundle so that starting merlint reads a few files instead of
// hundreds of small modules; parsers and reporters stay separate chunks, loaded only when used.
// The chunks are CommonJS scripts, not ES modules: dist/bundle/loader.cjs (src/bundle-loader.ts)
// compiles them itself so that V8's code cache can be kept between runs, which Node 20 offers for
// scripts only.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { importTool } from '../tools/load.mjs';

const { build, transform } = await importTool('esbuild');

const COMMON = { platform: 'node', target: 'node20', logLevel: 'warning', minifyWhitespace: true, minifySyntax: true };
const IMPORT_META = '__importMeta';
const LOWERED_IMPORT_START = 'Promise.resolve().then(()=>__toESM(';
const LOWERED_IMPORT = `${LOWERED_IMPORT_START}require(`;
const DYNAMIC_REQUIRE = '__dynamicRequire';

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
  alias: {
    // jsonc-parser's default entry is a UMD module whose require() calls esbuild cannot follow.
    'jsonc-parser': 'jsonc-parser/lib/esm/main.js',
    // dockerfile-ast uses two functions of this package; see the module.
    'vscode-languageserver-types': './src/languages/dockerfile/lsp-types.ts',
  },
  metafile: true,
  write: false,
});
for (const file of outputFiles) writeFileSync(file.path, await asScript(file.text));

await build({ ...COMMON, entryPoints: ['src/bundle-loader.ts'], outfile: 'dist/bundle/loader.cjs', bundle: true, format: 'cjs' });

// Which source files each chunk holds, for test/rule-loading.test.ts to name what a run loaded.
const chunks = Object.fromEntries(Object.entries(metafile.outputs).map(([output, { inputs }]) => [output.replace('dist/bundle/', ''), Object.keys(inputs).sort()]));
writeFileSync('dist/bundle-chunks.json', `${JSON.stringify(chunks, null, 1)}\n`);

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
