import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules } from '../rules/index.js';
import type { Finding } from '../src/types.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

/** A finding merlint must report on the Terraform of examples/infra; paths are relative to examples/, as in findings. */
interface ExpectedFinding {
  path: string;
  line: number;
  rule: string;
}

const expected = JSON.parse(readFileSync(repoPath('test', 'examples-infra.expected.json'), 'utf8')) as ExpectedFinding[];
const key = (path: string, line: number, rule: string) => `${path}:${line} ${rule}`;

let scanned: Promise<Finding[]> | undefined;
function infraFindings(): Promise<Finding[]> {
  scanned ??= scanDirectory(repoPath('examples')).then((result) => result.findings.filter((finding) => finding.location.path.startsWith('infra/') && !finding.suppression));
  return scanned;
}

test('examples-infra.expected.json points at real lines', () => {
  for (const { path, line, rule } of expected) {
    const file = repoPath('examples', path);
    assert.ok(existsSync(file), `${path} does not exist`);
    assert.ok(line >= 1 && line <= readFileSync(file, 'utf8').split('\n').length, `${path} has no line ${line}`);
    assert.match(rule, /^[A-Z]+[0-9]{3}$/, `${rule} is not a rule id`);
  }
});

// Rules that are not merged yet (RES, ECR) have no test here until they are.
for (const rule of allRules) {
  test(`examples/infra: ${rule.id} fires exactly on its expected lines`, async () => {
    const findings = (await infraFindings()).filter((finding) => finding.ruleId === rule.id);
    const found = findings.map((finding) => key(finding.location.path, finding.location.range.start.line, finding.ruleId));
    const wanted = expected.filter((entry) => entry.rule === rule.id).map((entry) => key(entry.path, entry.line, entry.rule));
    const messages = findings.map((finding) => `  ${key(finding.location.path, finding.location.range.start.line, finding.ruleId)}: ${finding.message}`);
    assert.equal([...new Set(found)].sort(), [...new Set(wanted)].sort(), messages.join('\n'));
  });
}

test.run();
