import type { ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { UsageError } from '../errors.js';
import { validate as generatedValidator } from './config-validator.generated.js';

/** schemas/config.schema.json compiled by ajv at build time (scripts/compile-schemas.mjs). */
const validate = generatedValidator as unknown as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Parses YAML config text and validates it against schemas/config.schema.json, or throws a UsageError with file:line:col. */
export function validateConfigText(text: string, file: string, knownRuleIds: ReadonlySet<string>): unknown {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const syntaxError = document.errors[0];
  if (syntaxError) throw new UsageError(`${at(syntaxError.pos[0])}: ${syntaxError.message.split('\n')[0]}`);
  const value = toValue(document, at);
  if (!validate(value)) {
    const error = mostSpecific(validate.errors ?? []);
    throw new UsageError(`${at(offsetOf(document, error))}: ${describe(error)}`);
  }
  const rules = (value as { rules?: Record<string, unknown> }).rules ?? {};
  for (const id of Object.keys(rules)) {
    if (!knownRuleIds.has(id)) {
      const offset = keyOffset(document, ['rules'], id);
      throw new UsageError(`${at(offset)}: unknown rule id ${id} under rules (run \`merlint rules\` for the list)`);
    }
  }
  return value;
}

/** The document's value; an alias to an anchor not set before it (found by fuzzing) is an error at the first alias. */
function toValue(document: Document, at: (offset: number) => string): unknown {
  try {
    return document.toJS() ?? {};
  } catch (error) {
    let offset = 0;
    visit(document, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw new UsageError(`${at(offset)}: ${(error as Error).message}`);
  }
}

function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const preferred = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'if');
  return [...preferred].sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0]!;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : 'the configuration';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key ${String(error.params.additionalProperty)} in ${where}`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return `${where} has a key that is not a rule id (letters and three digits, e.g. DKR002)`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function pathOf(error: ErrorObject): string[] {
  return error.instancePath.split('/').slice(1).map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function offsetOf(document: Document, error: ErrorObject): number {
  const path = pathOf(error);
  if (error.keyword === 'additionalProperties') return keyOffset(document, path, String(error.params.additionalProperty));
  if (error.keyword === 'propertyNames') return keyOffset(document, path, String(error.params.propertyName));
  const node = document.getIn(path, true) as Node | undefined;
  return node?.range?.[0] ?? (document.contents?.range?.[0] ?? 0);
}

function keyOffset(document: Document, path: string[], key: string): number {
  const parent = path.length ? document.getIn(path, true) : document.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair && isScalar(pair.key)) return pair.key.range?.[0] ?? 0;
  }
  return 0;
}
