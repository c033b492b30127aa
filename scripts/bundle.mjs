// Bundles the command line into dist/bundle so that starting merlint reads a few files instead of
// hundreds of small modules; parsers and reporters stay separate chunks, loaded only when used.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTool } from '../tools/load.mjs';

const { build } = await importTool('esbuild');

const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

rmSync('dist/bundle', { recursive: true, force: true });

const { metafile } = await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  alias: {
    // jsonc-parser's default entry is a UMD module whose require() calls esbuild cannot follow.
    'jsonc-parser': 'jsonc-parser/lib/esm/main.js',
    // dockerfile-ast uses two functions of this package; see the module.
    'vscode-languageserver-types': './src/languages/dockerfile/lsp-types.ts',
  },
  // CommonJS dependencies call require(); an ES module bundle must provide it.
  banner: { js: REQUIRE_SHIM },
  metafile: true,
});

// Which source files each chunk holds, for test/rule-loading.test.ts to name what a run loaded.
const chunks = Object.fromEntries(Object.entries(metafile.outputs).map(([output, { inputs }]) => [output.replace('dist/bundle/', ''), Object.keys(inputs).sort()]));
writeFileSync('dist/bundle-chunks.json', `${JSON.stringify(chunks, null, 1)}\n`);

// Most chunks hold no CommonJS code; each require() they would create costs start-up time for nothing.
for (const file of readdirSync('dist/bundle')) {
  const path = join('dist/bundle', file);
  const code = readFileSync(path, 'utf8');
  if (!/\brequire\b/.test(code.slice(REQUIRE_SHIM.length))) writeFileSync(path, code.slice(REQUIRE_SHIM.length).trimStart());
}
