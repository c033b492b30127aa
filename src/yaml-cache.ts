import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usableCacheDirectory, writeAtomically } from './cache-directory.js';
import { fnv1a } from './fnv1a.js';

/*
 * The values of YAML files that were parsed and passed their schema before (the config, team
 * policies), by exact text and by the digest of the validator, the YAML library and merlint's build
 * (scripts/yaml-value-digest.mjs), so that a value is used only by a build that would make it so: parsing and validating a
 * dozen small YAML files costs a pre-commit run more than checking the files it was started for. Entries
 * live in merlint's cache directory (src/cache-directory.ts), hold the text they were made from and are used
 * only for that text; only plain JSON data is kept, so a cached value is the value parsing would give. An entry is
 * named by the file's absolute path and the text's length, not by a hash of the text: hashing a
 * dozen policies cost a run about a millisecond, and the kept text is compared whole anyway.
 */

let directory: string | undefined | null = null;

function cacheDirectory(): string | undefined {
  if (directory === null) directory = usableCacheDirectory(process.env);
  return directory;
}

function entryPath(schema: string, file: string, text: string): string | undefined {
  const root = cacheDirectory();
  return root && join(root, `yaml-${schema}-${fnv1a(resolve(file)).toString(16)}-${text.length}.json`);
}

/** The value `text`, read from `file`, had when it last passed the validator of digest `schema` (Schema.digest), if it is kept. */
export function cachedValue(schema: string, file: string, text: string): unknown {
  const path = entryPath(schema, file, text);
  if (!path) return undefined;
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as { text?: unknown; value?: unknown };
    return entry.text === text ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the value of `text`, read from `file`, which passed the validator of digest `schema`. */
export function rememberValue(schema: string, file: string, text: string, value: unknown): void {
  const path = entryPath(schema, file, text);
  if (path && isJsonData(value)) writeAtomically(path, Buffer.from(JSON.stringify({ text, value })));
}

/** Whether JSON keeps `value` as it is: no infinite numbers, dates or other objects YAML can give. */
function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__')) return Object.values(value).every(isJsonData);
  return false;
}
