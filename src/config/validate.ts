import { UsageError } from '../errors.js';
import { readYaml, type CompiledValidator, type Schema, type YamlFile } from '../yaml-schema.js';
import { validate as generatedValidator, valueDigest } from './config-validator.generated.js';

/** schemas/config.schema.json compiled by ajv at build time (scripts/compile-schemas.mjs). */
const schema: Schema = { validate: generatedValidator as unknown as CompiledValidator, digest: valueDigest };

/**
 * Parses YAML config text and validates it against schemas/config.schema.json, or throws a UsageError with file:line:col.
 * Rule ids under `rules:` are checked against `knownRuleIds` when given (see `checkRuleIds` for later checks).
 */
export async function validateConfigText(text: string, file: string, knownRuleIds?: ReadonlySet<string>): Promise<unknown> {
  const parsed = await parseConfigText(text, file);
  if (knownRuleIds) await checkRuleIds(parsed, knownRuleIds);
  return parsed.value;
}

export function parseConfigText(text: string, file: string): Promise<YamlFile> {
  return readYaml(text, file, schema, 'the configuration');
}

/** Every id under `rules:` names a built-in rule or a loaded team policy. */
export async function checkRuleIds(config: YamlFile, knownRuleIds: ReadonlySet<string>): Promise<void> {
  const rules = (config.value as { rules?: Record<string, unknown> }).rules ?? {};
  for (const id of Object.keys(rules)) {
    if (!knownRuleIds.has(id)) throw new UsageError(`${await config.atPath(['rules'], id)}: unknown rule id ${id} under rules (run \`merlint rules\` for the list)`);
  }
}
