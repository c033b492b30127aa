import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { packagePath } from '../../../../paths.js';
import { validate as validatePolicy } from './policy-validator.generated.js';
import { render, typeName, type Value } from '../value.js';
import { crossRuleProblems } from './cross-rule.js';
import { field, text } from './policy.js';
import type { PolicyProblem } from './types.js';

/*
 * Why AWS would reject a lifecycle policy: schemas/ecr-lifecycle-policy.schema.json for each rule
 * on its own, then the constraints between rules. The model imports this module
 * only when the scan holds a lifecycle policy.
 */

type Schema = Record<string, unknown>;

let schema: Schema | undefined;
// Compiled by ajv at build time (scripts/compile-schemas.mjs): no ajv to load and compile at run time.
const validator = validatePolicy as unknown as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The schema as JSON, read to explain an error: a valid policy, the usual one, needs none. */
function lifecycleSchema(): Schema {
  return (schema ??= JSON.parse(readFileSync(packagePath('schemas', 'ecr-lifecycle-policy.schema.json'), 'utf8')) as Schema);
}

/** The problems of a policy document; `name` gives a JSON field's name as the author wrote it. */
export function policyProblems(document: Value, name: (jsonName: string) => string): PolicyProblem[] {
  if (document.kind === 'unknown') return [];
  validator(plain(document));
  return [...schemaProblems(validator.errors ?? [], document, name), ...crossRuleProblems(document, name)];
}

/** The document as plain JSON for Ajv. Unknown parts become null; errors about them are dropped, as nothing can be said about them. */
function plain(value: Value): unknown {
  switch (value.kind) {
    case 'list':
      return value.items.map(plain);
    case 'object':
      return Object.fromEntries([...value.entries].filter(([, entry]) => entry.kind !== 'null').map(([key, entry]) => [key, plain(entry)]));
    case 'unknown':
    case 'null':
      return null;
    default:
      return value.value;
  }
}

function schemaProblems(errors: readonly ErrorObject[], document: Value, name: (jsonName: string) => string): PolicyProblem[] {
  const plainErrors = new Set(errors.filter((error) => !conditionPath(error.schemaPath)).map((error) => error.instancePath));
  return errors.flatMap((error) => {
    // An `if` error repeats what its `then`/`else` says, and the branches of an `anyOf` are described by the anyOf.
    if (error.keyword === 'if' || /\/anyOf\/\d+\//.test(error.schemaPath)) return [];
    const problem = new SchemaError(error, document, name);
    if (!problem.known || (problem.condition && plainErrors.has(problem.condition.path))) return [];
    return [problem.describe()];
  });
}

/** The schema path of the `if` whose `then` or `else` an error comes from. */
function conditionPath(schemaPath: string): string | undefined {
  const match = /^(.*)\/(?:then|else)(?:\/|$)/.exec(schemaPath);
  return match?.[1];
}

interface Condition {
  /** The field whose value made the `then` or `else` apply, and the instance path of that field. */
  field: string;
  path: string;
  value: Value;
}

/** One Ajv error, located at the value it is about. */
class SchemaError {
  readonly instance: Value | undefined;
  readonly condition: Condition | undefined;
  readonly known: boolean;

  constructor(
    private readonly error: ErrorObject,
    document: Value,
    private readonly name: (jsonName: string) => string,
  ) {
    this.instance = valueAt(document, error.instancePath);
    this.condition = this.findCondition(document);
    const conditional = conditionPath(error.schemaPath) !== undefined;
    this.known = this.instance?.kind !== 'unknown' && (!conditional || (this.condition !== undefined && this.condition.value.kind !== 'unknown'));
  }

  describe(): PolicyProblem {
    const { error } = this;
    const when = this.condition ? ` when ${this.name(this.condition.field)} is ${render(this.condition.value)}` : '';
    switch (error.keyword) {
      case 'required':
        return this.missing(String(error.params.missingProperty));
      case 'anyOf':
        return this.missingOneOf((error.schema as Schema[]).flatMap((branch) => branch.required as string[]));
      case 'false schema':
        return this.at(this.instance!, `${this.owner()} is not allowed${when}`, `remove ${this.owner()}`);
      case 'additionalProperties': {
        const extra = String(error.params.additionalProperty);
        const accepted = Object.keys((error.parentSchema as { properties: Schema }).properties).map(this.name);
        return this.at(field(this.instance!, extra) ?? this.instance!, `${JSON.stringify(extra)} is not a field of ${this.owner()}`, `use ${alternatives(accepted)}`);
      }
      case 'enum':
      case 'const': {
        const allowed = ((error.params.allowedValues as unknown[] | undefined) ?? [error.params.allowedValue]).map((v) => JSON.stringify(v));
        return this.at(this.instance!, `${this.owner()} ${render(this.instance!)} is not accepted${when}`, `use ${alternatives(allowed)}`);
      }
      case 'type': {
        const expected = String(error.params.type) === 'integer' ? 'a whole number' : `a JSON ${String(error.params.type)}`;
        return this.at(this.instance!, `${this.owner()} must be ${expected}, not ${typeName(this.instance!)} ${render(this.instance!)}`, `write it as ${expected}`);
      }
      case 'minimum':
        return this.at(this.instance!, `${this.owner()} is ${render(this.instance!)}${when}`, `use ${String(error.params.limit)} or more`);
      case 'pattern':
        // The schema's only pattern: at most four wildcards in a tag pattern.
        return this.at(this.instance!, `the tag pattern ${render(this.instance!)} has ${(text(this.instance) ?? '').split('*').length - 1} wildcards (*), more than four`, 'use at most four * in each pattern');
      default:
        return this.at(this.instance!, `${this.owner()} ${error.message ?? 'is invalid'}`, 'correct it');
    }
  }

  private missing(property: string): PolicyProblem {
    const needed = requiredValue(this.error, property);
    const fix = `add ${this.name(property)}${needed === undefined ? '' : ` ${JSON.stringify(needed)}`}`;
    if (this.condition) return this.at(this.condition.value, `${this.name(this.condition.field)} ${render(this.condition.value)} needs ${this.name(property)}`, fix);
    return this.at(this.instance!, `${this.owner()} has no ${this.name(property)}`, fix);
  }

  /** What the error is about, named for a message: `countUnit`, `selection`, `rule 2`, `the policy`. */
  private owner(): string {
    const segments = this.error.instancePath.split('/').slice(1).map(unescape);
    const last = segments[segments.length - 1];
    if (last === undefined) return 'the policy';
    if (!/^\d+$/.test(last)) return this.name(last);
    const list = segments[segments.length - 2]!;
    return list === 'rules' ? `rule ${Number(last) + 1}` : `an item of ${this.name(list)}`;
  }

  private missingOneOf(properties: string[]): PolicyProblem {
    const names = alternatives(properties.map(this.name));
    return this.at(this.condition!.value, `${this.name(this.condition!.field)} ${render(this.condition!.value)} needs ${names}`, `add ${names}`);
  }

  private at(value: Value, message: string, fix: string): PolicyProblem {
    const related = value.via.map((location) => ({ ...location, message: 'the value is passed on here' }));
    return { location: value.origin ?? this.instance!.origin!, message, fix, ...(related.length > 0 ? { related } : {}) };
  }

  /** For an error in a `then` or `else`: the field its `if` tests, found beside the object the error is about. */
  private findCondition(document: Value): Condition | undefined {
    const ifPath = conditionPath(this.error.schemaPath);
    if (ifPath === undefined) return undefined;
    const test = pointer(lifecycleSchema(), `${ifPath}/if`) as { properties: Schema };
    const conditionField = Object.keys(test.properties)[0]!;
    // Errors inside `properties/<name>` of the branch are one level below the object the `if` tests.
    const depth = (this.error.schemaPath.slice(ifPath.length).match(/\/properties\//g) ?? []).length;
    const objectPath = this.error.instancePath.split('/').slice(0, depth ? -depth : undefined).join('/');
    const value = valueAt(document, `${objectPath}/${conditionField}`);
    return value && { field: conditionField, path: `${objectPath}/${conditionField}`, value };
  }
}

/** `a`, `a or b`, `a, b or c`. */
function alternatives(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : (items[0] ?? '');
}

/** The value a JSON pointer names, or undefined when it is absent. */
function valueAt(document: Value, path: string): Value | undefined {
  const segments = path.split('/').slice(1).map(unescape);
  return field(document, ...segments.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)));
}

function pointer(schema: Schema, path: string): unknown {
  return path.replace(/^#\//, '').split('/').map(unescape).reduce<unknown>((node, key) => (node as Schema)[key], schema);
}

function unescape(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The one value a missing property may take, when the schema fixes it: `countUnit` is always "days". */
function requiredValue(error: ErrorObject, property: string): unknown {
  const ifPath = conditionPath(error.schemaPath);
  const objectSchema = (ifPath ? pointer(lifecycleSchema(), ifPath.replace(/\/allOf\/\d+$/, '')) : error.parentSchema) as Schema;
  const constant = (schema: Schema) => ((schema.properties ?? {}) as Record<string, Schema>)[property]?.const;
  return constant(error.parentSchema as Schema) ?? constant(objectSchema);
}
