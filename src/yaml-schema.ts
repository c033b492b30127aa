import type { ErrorObject } from 'ajv';
import { cachedValue, rememberValue } from './yaml-cache.js';
import type { Parsed } from './parsed-yaml.js';

/*
 * YAML files checked against a JSON schema compiled at build time (the config, team policies):
 * every problem is a UsageError that names the file, line and column and the key at fault.
 * A text that passed before is not parsed again (src/yaml-cache.ts), and then the YAML library is
 * not loaded either (src/parsed-yaml.ts): it costs a run with a config and a dozen policies more
 * than reading them from the cache. Positions, needed only for a message, are read when asked for.
 */

export type CompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

export interface YamlFile {
  value: unknown;
  /** `file:line:col` of the value at `path` (or of its key when `key` is given), falling back to the nearest parent. */
  atPath(path: readonly (string | number)[], key?: string): Promise<string>;
}

/**
 * A validator compiled at build time, loaded only for a text the cache does not hold, and the digest of
 * what a value it passed depends on (scripts/yaml-value-digest.mjs).
 */
export interface Schema {
  validator: () => Promise<CompiledValidator>;
  digest: string;
}

/** Parses YAML text and validates it; `what` names the whole document in messages ("the configuration"). */
export async function readYaml(text: string, file: string, schema: Schema, what: string): Promise<YamlFile> {
  const cached = cachedValue(schema.digest, file, text);
  if (cached !== undefined) return withPositions(file, cached, async () => (await import('./parsed-yaml.js')).parseYaml(text));
  const validate = await schema.validator();
  const { value, parsed } = (await import('./parsed-yaml.js')).validYaml(text, file, validate, what);
  rememberValue(schema.digest, file, text, value);
  return withPositions(file, value, async () => parsed);
}

function withPositions(file: string, value: unknown, parse: () => Promise<Parsed>): YamlFile {
  let known: Promise<Parsed> | undefined;
  return {
    value,
    atPath: async (path, key) => (await import('./parsed-yaml.js')).positionOf(file, await (known ??= parse()), path, key),
  };
}
