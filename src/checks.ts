import { checksByKind, documentRules } from '../rules/index.js';
import type { Rule, RuleMeta } from './rule.js';
import type { Kind } from './types.js';

/**
 * The checks of the enabled rules that apply to a kind present in the scan, in id order, loaded now
 * with their language (one module each): a run over one Dockerfile loads no Terraform rule code.
 */
export async function loadChecks(enabled: readonly RuleMeta[], kinds: ReadonlySet<Kind>, modules = checksByKind): Promise<Rule[]> {
  const wanted = new Set(enabled.map((rule) => rule.id));
  const applies = (rule: RuleMeta) => wanted.has(rule.id) && rule.kinds.some((kind) => kinds.has(kind));
  const needed = new Set(documentRules.filter(applies).flatMap((rule) => rule.kinds.filter((kind) => kinds.has(kind)).map((kind) => modules[kind])));
  const loaded = new Map<string, Rule>();
  for (const { checks } of await Promise.all([...needed].map((load) => load()))) {
    for (const rule of checks) if (applies(rule)) loaded.set(rule.id, rule);
  }
  return [...loaded.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
