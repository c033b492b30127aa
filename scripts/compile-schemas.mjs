// Compiles the config schema into a standalone validator at build time, so a run with a
// .merlint.yaml does not load and compile ajv on every start (it cost ~40 ms of each run).
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schema = JSON.parse(readFileSync(new URL('../schemas/config.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
const source = standaloneCode.default(ajv, ajv.compile(schema));
const header = '// @ts-nocheck\n// Generated from schemas/config.schema.json by scripts/compile-schemas.mjs during the build; do not edit.\n';
// ajv's ES module output still calls require() for its runtime helpers.
const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
writeFileSync(new URL('../src/config/config-validator.generated.ts', import.meta.url), `${header}${prelude}${source.replace('"use strict";', '')}\n`);
