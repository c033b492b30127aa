import { join } from 'node:path';
import { runBundle } from './bundle-loader.js';

/*
 * The command line as Node starts it. scripts/bundle.mjs builds this file and the loader into one
 * CommonJS script, bin/merlint.js (bin/package.json says so): Node runs it without its ES module
 * loader, and a run resolves, reads and compiles one module before the bundle instead of two.
 */
runBundle(join(import.meta.dirname, '..', 'dist', 'bundle'), process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
