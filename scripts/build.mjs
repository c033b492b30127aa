// Builds merlint: the config validator from its schema, the rule catalog (scripts/rule-catalog.mjs),
// the TypeScript type-checked and compiled to dist/ (what the tests and scripts import), and the bundle
// in dist/bundle that bin/merlint.js runs.
// The tools come from tools/node_modules (scripts/tools.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../tools/node_modules/typescript/bin/tsc', import.meta.url));

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

for (const directory of ['dist/src', 'dist/rules', 'dist/test']) rmSync(new URL(`../${directory}`, import.meta.url), { recursive: true, force: true });
run(['scripts/compile-schemas.mjs']);
run(['scripts/rule-catalog.mjs']);
run([tsc, '-p', 'tsconfig.json']);
run(['scripts/bundle.mjs']);
await copyGrammars();

/** web-tree-sitter and the grammars, into dist/grammars (shipped and committed, as dist/bundle is). */
async function copyGrammars() {
  const { SHIPPED_FILES } = await import('../dist/src/tree-sitter.js');
  const target = new URL('../dist/grammars/', import.meta.url);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const require = createRequire(import.meta.url);
  for (const [name, specifier] of Object.entries(SHIPPED_FILES)) copyFileSync(require.resolve(specifier), new URL(name, target));
}
