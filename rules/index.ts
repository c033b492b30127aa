/*
 * The rules merlint ships.
 *
 * Adding a rule: write rules/<family>/<ID>-<slug>.ts holding `export default defineRule({ ...metadata, check })`
 * (metadata and check in that one file), its fixtures under fixtures/<family>/<ID>/, and run `npm run build`.
 * Nothing to list by hand: the build (scripts/rule-catalog.mjs) reads every such file and writes
 * rules/generated/: catalog.ts, the metadata that start-up, `merlint rules`, `merlint explain`,
 * SARIF's `tool.driver.rules` and the docs read, and one module per language holding the checks
 * that apply to its kinds. The engine loads a language's checks (one chunk of the bundle) only when
 * a document of that language is in the scan: a run over one Dockerfile loads no Terraform rule code.
 * Commit rules/generated/ with the rule; test/rules.test.ts fails when it differs from the rule files.
 */
export { allRules, builtinRules, checksByKind, documentRules } from './generated/catalog.js';
