import { member, type Value } from '../value.js';

/*
 * Reading a lifecycle policy document (JSON values with positions) the way ECR reads it. A field
 * written as null counts as absent: `jsonencode` keeps nulls (`countUnit = try(x, null)`), and
 * whether AWS refuses them is not documented, so merlint neither refuses nor relies on them.
 */

/** The value at `path` inside `value`, or undefined when a step is absent or null; an unknown step gives that unknown. */
export function field(value: Value, ...path: (string | number)[]): Value | undefined {
  let current: Value | undefined = value;
  for (const key of path) {
    current = current.kind === 'unknown' ? current : member(current, key);
    if (!current || current.kind === 'null') return undefined;
  }
  return current;
}

/** A known string's text; undefined for anything else. */
export function text(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** The rules of a policy, or undefined when the list itself is not known. */
export function policyRules(document: Value): Value[] | undefined {
  const rules = field(document, 'rules');
  return rules?.kind === 'list' ? [...rules.items] : undefined;
}

/** The storage class a rule selects: `standard` unless written; undefined when it cannot be known. */
export function storageClass(rule: Value): string | undefined {
  const written = field(rule, 'selection', 'storageClass');
  return written ? text(written) : field(rule, 'selection')?.kind === 'object' ? 'standard' : undefined;
}
