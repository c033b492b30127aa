import { join } from 'node:path';
import { fixtureExamples } from './examples.js';
import { fixtureFilesUnder, isDirectory } from './fixtures.js';
import type { PolicyRule } from './policies/rule.js';
import type { RuleMeta } from './rule.js';

/** A rule in full: metadata, then a failing and a passing example taken from its fixtures. */
export function explain(rule: RuleMeta | PolicyRule, cwd: string = process.cwd()): string {
  const policy = 'policy' in rule ? rule.policy : undefined;
  const lines = [
    `${rule.id} ${rule.slug} — ${rule.title}`,
    '',
    `Level: ${rule.level}    Applies to: ${rule.kinds.join(', ')}    Tags: ${rule.tags.join(', ')}`,
    '',
    ...(policy ? [`Team policy: ${policy.file}`, `Target: ${policy.target}, ${policy.description}`, ''] : []),
    'Why',
    indent(rule.rationale),
    '',
    'How to fix',
    indent(rule.remediation),
  ];
  const examples = policy ? policyExamples(rule.id, policy.directory, cwd) : fixtureExamples(rule.id);
  if (examples.bad) lines.push('', `Fires on (${examples.bad.path}):`, indent(examples.bad.text));
  if (examples.good) lines.push('', `Stays quiet on (${examples.good.path}):`, indent(examples.good.text));
  if (!policy) lines.push('', `More: ${rule.helpUri}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text.replace(/\s+$/, '').split('\n').map((line) => `    ${line}`).join('\n');
}

function policyExamples(id: string, directory: string, cwd: string): ReturnType<typeof fixtureExamples> {
  const fixtures = join(directory, 'fixtures', id);
  return isDirectory(fixtures) ? fixtureExamples(id, fixtureFilesUnder(fixtures), cwd) : {};
}
