import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { repoPath } from './scan.js';

/** Characters RFC 3986 allows in a URI: unreserved, reserved, and percent-encoded octets. */
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

export function isUri(text: string): boolean {
  return SCHEME.test(text) && URI_CHARACTERS.test(text);
}

/** A relative reference must not look like it starts with a scheme: no `:` before the first `/`, `?` or `#`. */
export function isUriReference(text: string): boolean {
  return URI_CHARACTERS.test(text) && (SCHEME.test(text) || !/^[^/?#]*:/.test(text));
}

/** Ajv with the string formats our schemas use, checked here rather than through another dependency. */
export function newAjv(): Ajv {
  return new Ajv({ allErrors: true, formats: { uri: isUri, 'uri-reference': isUriReference, 'date-time': DATE_TIME } });
}

export function schemaValidator(file: string): ValidateFunction {
  return newAjv().compile(readSchema(file));
}

/**
 * The official SARIF 2.1.0 schema (Errata 01) declares draft-04, which Ajv 8 does not read. It uses
 * no keyword whose meaning changed after draft-04 (no boolean exclusiveMinimum/Maximum), so it is
 * compiled as draft-07 once its draft-04 `id` is renamed `$id`.
 */
export function sarifValidator(): ValidateFunction {
  const { $schema, id, ...schema } = readSchema('sarif-2.1.0.schema.json');
  if ($schema !== 'http://json-schema.org/draft-04/schema#') throw new Error(`unexpected SARIF schema dialect ${String($schema)}`);
  return newAjv().compile({ $schema: 'http://json-schema.org/draft-07/schema#', $id: String(id), ...schema });
}

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(repoPath('schemas', file), 'utf8')) as Record<string, unknown>;
}
