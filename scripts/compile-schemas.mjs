// Compiles JSON schemas into standalone validators at build time, so a run does not load and
// compile ajv on every start: the config schema (it cost ~40 ms of each run with a .merlint.yaml),
// the team policy schema, and the ECR lifecycle policy schema (~60 ms of each run whose Terraform
// holds a policy).
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { yamlValueDigest } from './yaml-value-digest.mjs';

const VALIDATORS = [
  { schema: 'config.schema.json', options: { allErrors: true, strict: false }, output: '../src/config/config-validator.generated.ts' },
  { schema: 'policy.schema.json', options: { allErrors: true, strict: false }, output: '../src/policies/policy-validator.generated.ts' },
  { schema: 'ecr-lifecycle-policy.schema.json', options: { allErrors: true, verbose: true }, output: '../src/languages/terraform/model/ecr/policy-validator.generated.ts' },
];

for (const { schema: name, options, output } of VALIDATORS) {
  const text = readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8');
  const schema = JSON.parse(text);
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
  const source = standaloneCode.default(ajv, ajv.compile(schema));
  const header = `// @ts-nocheck\n// Generated from schemas/${name} by scripts/compile-schemas.mjs during the build; do not edit.\n`;
  // ajv's ES module output still calls require() for its runtime helpers.
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  // Values kept by src/yaml-cache.ts are kept per validator, YAML library and merlint build (scripts/yaml-value-digest.mjs).
  const digest = `export const valueDigest = '${yamlValueDigest(source)}';\n`;
  writeFileSync(new URL(output, import.meta.url), `${header}${prelude}${digest}${source.replace('"use strict";', '')}\n`);
}
