import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules } from '../rules/index.js';
import type { ScanResult } from '../src/engine.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

interface ExpectedFinding {
  path: string;
  line: number;
  rule: string;
}

const expected = JSON.parse(readFileSync(repoPath('test', 'examples.expected.json'), 'utf8')) as ExpectedFinding[];
const key = (path: string, line: number, rule: string) => `${path}:${line} ${rule}`;

let scanned: Promise<ScanResult> | undefined;
function scanExamples(): Promise<ScanResult> {
  scanned ??= scanDirectory(repoPath('examples'));
  return scanned;
}

test('examples.expected.json points at real lines', () => {
  for (const { path, line, rule } of expected) {
    const file = repoPath('examples', path);
    assert.ok(existsSync(file), `${path} does not exist`);
    assert.ok(line >= 1 && line <= readFileSync(file, 'utf8').split('\n').length, `${path} has no line ${line}`);
    assert.match(rule, /^[A-Z]+[0-9]{3}$/, `${rule} is not a rule id`);
  }
});

// A rule that does not exist yet has no test, so this file tightens as each rule lands.
for (const rule of allRules) {
  test(`examples/: ${rule.id} fires exactly on its expected lines`, async () => {
    const findings = (await scanExamples()).findings.filter((finding) => finding.ruleId === rule.id && !finding.suppression);
    const found = findings.map((finding) => key(finding.location.path, finding.location.range.start.line, finding.ruleId));
    const wanted = expected.filter((entry) => entry.rule === rule.id).map((entry) => key(entry.path, entry.line, entry.rule));
    const messages = findings.map((finding) => `  ${key(finding.location.path, finding.location.range.start.line, finding.ruleId)}: ${finding.message}`);
    assert.equal([...new Set(found)].sort(), [...new Set(wanted)].sort(), messages.join('\n'));
  });
}

test('examples/: the team policies of examples/policies fire exactly on their expected lines', async () => {
  const result = await scanExamples();
  const policies = result.rules.filter((rule) => rule.tags.includes('team-policy')).map((rule) => rule.id);
  assert.equal(policies, ['ACME001', 'ACME002', 'ACME003', 'ACME004', 'ACME005', 'ACME006', 'ACME008', 'ACME009', 'ACME010', 'ACME011'], 'ACME007 is off in examples/.merlint.yaml');
  const findings = result.findings.filter((finding) => policies.includes(finding.ruleId) && !finding.suppression);
  const found = findings.map((finding) => key(finding.location.path, finding.location.range.start.line, finding.ruleId));
  const wanted = expected.filter((entry) => policies.includes(entry.rule)).map((entry) => key(entry.path, entry.line, entry.rule));
  assert.equal([...new Set(found)].sort(), [...new Set(wanted)].sort());
});

test('examples/.merlint.yaml applies: DKR002 raised to error, third_party/ ignored', async () => {
  const result = await scanExamples();
  assert.ok(result.rules.some((rule) => rule.id === 'DKR002' && rule.level === 'error'));
  assert.equal(result.findings.filter((finding) => finding.location.path.startsWith('third_party/')), []);
});

test.run();
