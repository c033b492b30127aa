import { join } from 'node:path';
import { runBundle } from './bundle-loader.js';

/*
 * The command line as Node starts it. scripts/bundle.mjs builds this file and the loader into one
 * CommonJS script, bin/merlint.js (bin/package.json says so): Node runs it without its ES module
 * loader, and a run resolves, reads and compiles one module before the bundle instead of two.
 *
 * The process ends as soon as the run does. Left to end by itself, Node first runs what V8 left on its
 * loop (a scavenge of a heap about to be freed), waits for V8's background work and frees the heap:
 * about 3 ms of the CPU of `examples/infra/main.tf` (BENCHMARKS.md). Every write of a run has returned
 * by then, its bytes with the kernel (src/stdio.ts); on Windows, where output goes through
 * process.stdout, a write to a pipe or console may still be under way, so there the loop runs out.
 */
runBundle(join(import.meta.dirname, '..', 'dist', 'bundle'), process.argv.slice(2)).then((code) => {
  if (process.platform === 'win32') process.exitCode = code;
  else process.exit(code);
});
