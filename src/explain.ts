import { fixtureExamples } from './examples.js';
import type { RuleMeta } from './rule.js';

/** A rule in full: metadata, then a failing and a passing example taken from its fixtures. */
export function explain(rule: RuleMeta): string {
  const lines = [
    `${rule.id} ${rule.slug} — ${rule.title}`,
    '',
    `Level: ${rule.level}    Applies to: ${rule.kinds.join(', ')}    Tags: ${rule.tags.join(', ')}`,
    '',
    'Why',
    indent(rule.rationale),
    '',
    'How to fix',
    indent(rule.remediation),
  ];
  const examples = fixtureExamples(rule.id);
  if (examples.bad) lines.push('', `Fires on (${examples.bad.path}):`, indent(examples.bad.text));
  if (examples.good) lines.push('', `Stays quiet on (${examples.good.path}):`, indent(examples.good.text));
  lines.push('', `More: ${rule.helpUri}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text.replace(/\s+$/, '').split('\n').map((line) => `    ${line}`).join('\n');
}
