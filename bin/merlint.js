#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle on disk between runs (a pre-commit hook starts
// merlint thousands of times a day); Node 20 has no such cache, and this is a no-op there.
module.enableCompileCache?.();
const { main } = await import('../dist/bundle/cli.js');

process.exitCode = await main(process.argv.slice(2));
