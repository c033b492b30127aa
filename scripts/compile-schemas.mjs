// Compiles JSON schemas into standalone validators at build time, so a run does not load and
// compile ajv on every start: the config schema (it cost ~40 ms of each run with a .merlint.yaml),
// the team policy schema, and the ECR lifecycle policy schema (~60 ms of each run whose Terraform
// holds a policy).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const require = createRequire(import.meta.url);
/**
 * ajv's runtime helpers that its standalone output calls require() for, and that depend on nothing: each
 * is written into the validator as a function. A require() at run time resolved ajv from node_modules
 * on every run that read a config or policies (createRequire, the package lookup, a compile with no
 * code cache: about 2 ms of a one-file run); a helper not listed here fails the build.
 */
const SELF_CONTAINED_HELPERS = new Set(['ucs2length']);
const HELPER_CALL = /require\("ajv\/dist\/runtime\/([\w-]+)"\)\.default/g;

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
  // What a file validated against: values kept by src/yaml-cache.ts are kept per schema.
  const digest = `export const schemaDigest = '${createHash('sha256').update(text).digest('hex').slice(0, 16)}';\n`;
  writeFileSync(new URL(output, import.meta.url), `${header}${digest}${withHelpersInlined(source.replace('"use strict";', ''), name)}\n`);
}

/** The validator's source with each call of ajv's require() for a runtime helper replaced by the helper itself. */
function withHelpersInlined(source, name) {
  const inlined = source.replace(HELPER_CALL, (_call, helper) => {
    if (!SELF_CONTAINED_HELPERS.has(helper)) throw new Error(`${name}: ajv's runtime helper ${helper} is not known to be self-contained; check it and add it to SELF_CONTAINED_HELPERS`);
    return `(${require(`ajv/dist/runtime/${helper}`).default.toString()})`;
  });
  if (/\brequire\(/.test(inlined)) throw new Error(`${name}: ajv's output still calls require(), which the validator cannot do without resolving node_modules at run time`);
  return inlined;
}
