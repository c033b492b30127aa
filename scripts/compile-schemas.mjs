// Compiles the JSON schemas that a run validates against into standalone validators at build time,
// so a run with a .merlint.yaml or team policies does not load and compile ajv on every start (~40 ms).
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const VALIDATORS = [
  { schema: 'config.schema.json', output: '../src/config/config-validator.generated.ts' },
  { schema: 'policy.schema.json', output: '../src/policies/policy-validator.generated.ts' },
];

for (const { schema, output } of VALIDATORS) {
  const parsed = JSON.parse(readFileSync(new URL(`../schemas/${schema}`, import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  const source = standaloneCode.default(ajv, ajv.compile(parsed));
  const header = `// @ts-nocheck\n// Generated from schemas/${schema} by scripts/compile-schemas.mjs during the build; do not edit.\n`;
  // ajv's ES module output still calls require() for its runtime helpers.
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  writeFileSync(new URL(output, import.meta.url), `${header}${prelude}${source.replace('"use strict";', '')}\n`);
}
