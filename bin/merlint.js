#!/usr/bin/env node
// A CommonJS script (see bin/package.json): Node runs one without starting its ES module loader, a few ms
// sooner, and a pre-commit hook starts merlint thousands of times a day.
'use strict';
const { join } = require('node:path');
const { runBundle } = require('../dist/bundle/loader.cjs');

runBundle(join(__dirname, '..', 'dist', 'bundle'), process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
