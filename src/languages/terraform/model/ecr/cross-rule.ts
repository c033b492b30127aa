import type { NumberValue, StringValue, Value } from '../value.js';
import { field, policyRules, storageClass, text } from './policy.js';
import type { PolicyProblem } from './types.js';

/** The constraints between rules that a schema cannot state. */
export function crossRuleProblems(document: Value, name: (jsonName: string) => string): PolicyProblem[] {
  const rules = policyRules(document) ?? [];
  return [...duplicatePriorities(rules, name), ...anyRulesNotLast(rules, name), ...extraUntaggedRules(rules, name)];
}

interface Ranked {
  rule: Value;
  priority: NumberValue;
  number: number;
}

function ranked(rules: readonly Value[]): Ranked[] {
  return rules.flatMap((rule) => {
    const priority = field(rule, 'rulePriority');
    return priority?.kind === 'number' ? [{ rule, priority, number: priority.value }] : [];
  });
}

function duplicatePriorities(rules: readonly Value[], name: (jsonName: string) => string): PolicyProblem[] {
  const first = new Map<number, Ranked>();
  return ranked(rules).flatMap((entry) => {
    const earlier = first.get(entry.number);
    if (!earlier) {
      first.set(entry.number, entry);
      return [];
    }
    return [{
      location: entry.priority.origin,
      message: `${name('rulePriority')} ${entry.number} is already taken by another rule`,
      fix: `give each rule its own ${name('rulePriority')}`,
      related: [{ ...earlier.priority.origin, message: `the other rule with ${name('rulePriority')} ${entry.number}` }],
    }];
  });
}

/** AWS evaluates the `any` rule last among the rules of its storage class, so it must have the highest priority of them. */
function anyRulesNotLast(rules: readonly Value[], name: (jsonName: string) => string): PolicyProblem[] {
  const all = ranked(rules);
  return all.flatMap((entry) => {
    const storage = storageClass(entry.rule);
    if (text(field(entry.rule, 'selection', 'tagStatus')) !== 'any' || storage === undefined) return [];
    const later = all.find((other) => other.number > entry.number && storageClass(other.rule) === storage);
    if (!later) return [];
    return [{
      location: entry.priority.origin,
      message: `the ${name('tagStatus')} "any" rule has ${name('rulePriority')} ${entry.number}, lower than another rule's ${later.number}, but it must come last`,
      fix: `give it the highest ${name('rulePriority')} in the policy`,
      related: [{ ...later.priority.origin, message: `a rule with a higher ${name('rulePriority')}` }],
    }];
  });
}

/** "Only one rule is allowed to select untagged images" (AWS's lifecycle policy evaluation rules); the error AWS returns says "per storage class". */
function extraUntaggedRules(rules: readonly Value[], name: (jsonName: string) => string): PolicyProblem[] {
  const first = new Map<string, StringValue>();
  return rules.flatMap((rule) => {
    const status = field(rule, 'selection', 'tagStatus');
    const storage = storageClass(rule);
    if (status?.kind !== 'string' || status.value !== 'untagged' || storage === undefined) return [];
    const earlier = first.get(storage);
    if (!earlier) {
      first.set(storage, status);
      return [];
    }
    return [{
      location: status.origin,
      message: `a second ${name('tagStatus')} "untagged" rule for ${storage} storage, where only one rule may select untagged images`,
      fix: 'merge the untagged rules into one',
      related: [{ ...earlier.origin, message: 'the first untagged rule' }],
    }];
  });
}
