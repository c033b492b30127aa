// GitHub code scanning's rules for uploaded SARIF ("SARIF support for code scanning" in GitHub's docs):
// the properties it requires, and its limits per file, run, rule and result.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { formatSarif, MAX_DESCRIPTION, MAX_RESULTS } from '../src/reporters/sarif.js';
import type { RuleMeta } from '../src/rule.js';
import type { Finding, Level } from '../src/types.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

const MAX_RULE_NAME = 255;
/** GitHub accepts 20 tags per rule but shows only 10. */
const MAX_SHOWN_TAGS = 10;
const PROBLEM_SEVERITIES = ['error', 'warning', 'recommendation'];

interface Descriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  properties: { tags: string[]; 'security-severity'?: string; 'problem.severity'?: string };
}

interface Result {
  ruleId: string;
  level: Level;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
}

interface Run {
  tool: { driver: { name: string; rules: Descriptor[] } };
  automationDetails?: unknown;
  invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  results: Result[];
}

function runsOf(result: ScanResult): Run[] {
  return (JSON.parse(formatSarif(result, { version: '1.2.3' })) as { runs: Run[] }).runs;
}

const RULE: RuleMeta = {
  id: 'TST001',
  slug: 'test-rule',
  level: 'note',
  title: 'A rule for tests',
  rationale: 'Because.',
  remediation: 'Change it.',
  helpUri: 'https://example.com/TST001',
  kinds: ['dockerfile'],
  tags: ['testing'],
};

function syntheticResult(findings: Finding[], rules: RuleMeta[] = [RULE]): ScanResult {
  return { root: '/nowhere', findings, notices: [], rules, sources: new Map(), fileCount: 1, elapsedMs: 1 };
}

function finding(line: number, level: Level, suppressed = false): Finding {
  return {
    ruleId: RULE.id,
    level,
    message: `finding on line ${line}`,
    location: { path: 'Dockerfile', range: { start: { line, column: 1 }, end: { line, column: 5 } } },
    related: [],
    fingerprint: String(line),
    ...(suppressed ? { suppression: { kind: 'inSource' as const, justification: 'reviewed' } } : {}),
  };
}

test('one run per file and no automationDetails of its own, so that upload-sarif’s category input applies', async () => {
  const runs = runsOf(await scanDirectory(repoPath('fixtures')));
  assert.is(runs.length, 1);
  assert.is(runs[0]!.automationDetails, undefined);
});

test('every rule carries what GitHub requires, within its limits', async () => {
  const { rules } = runsOf(await scanDirectory(repoPath('fixtures')))[0]!.tool.driver;
  assert.ok(rules.length > 0);
  for (const rule of rules) {
    const { properties } = rule;
    assert.ok(rule.name.length > 0 && rule.name.length <= MAX_RULE_NAME, `${rule.id} name`);
    for (const text of [rule.shortDescription.text, rule.fullDescription.text]) assert.ok(text.length > 0 && text.length <= MAX_DESCRIPTION, `${rule.id} description of ${text.length} characters`);
    assert.ok(rule.help.text.length > 0, `${rule.id} help`);
    assert.ok(properties.tags.length <= MAX_SHOWN_TAGS, `${rule.id} has ${properties.tags.length} tags`);
    if (properties['security-severity'] === undefined) {
      assert.ok(PROBLEM_SEVERITIES.includes(properties['problem.severity'] ?? ''), `${rule.id} problem.severity`);
    } else {
      const score = Number(properties['security-severity']);
      assert.match(properties['security-severity'], /^\d+\.\d$/);
      assert.ok(score > 0 && score <= 10 && properties.tags.includes('security'), `${rule.id} security-severity ${score}`);
    }
  }
});

test('every result has a message, one location with a full region relative to the repository root, and a fingerprint', async () => {
  const { results } = runsOf(await scanDirectory(repoPath('examples')))[0]!;
  assert.ok(results.length > 0);
  for (const result of results) {
    assert.ok(result.message.text.trim().length > 0, result.ruleId);
    assert.is(result.locations.length, 1);
    const { artifactLocation, region } = result.locations[0]!.physicalLocation;
    assert.not.match(artifactLocation.uri, /^(?:[a-z][a-z0-9+.-]*:|\/)/i, 'neither a scheme nor an absolute path');
    assert.equal(Object.keys(region).sort(), ['endColumn', 'endLine', 'startColumn', 'startLine']);
    assert.ok(Object.values(result.partialFingerprints).every((fingerprint) => fingerprint.length > 0));
  }
});

test('a description over 1,024 characters is cut to whole sentences; the help keeps all of it', () => {
  const sentence = 'Personal data stays in Singapore unless a transfer has a recorded basis. ';
  const rationale = sentence.repeat(20).trim();
  const [descriptor] = runsOf(syntheticResult([], [{ ...RULE, rationale }]))[0]!.tool.driver.rules;
  assert.ok(rationale.length > MAX_DESCRIPTION);
  assert.is(descriptor!.fullDescription.text, sentence.repeat(Math.floor(MAX_DESCRIPTION / sentence.length)).trim());
  assert.ok(descriptor!.help.text.startsWith(rationale));
});

test(`a run keeps at most ${MAX_RESULTS} results: unsuppressed and most severe first, in their order, and says how many it left out`, () => {
  const notes = Array.from({ length: MAX_RESULTS }, (_, index) => finding(index + 3, 'note'));
  const findings = [finding(1, 'note', true), finding(2, 'error', true), ...notes, finding(MAX_RESULTS + 3, 'error')];
  const run = runsOf(syntheticResult(findings))[0]!;
  assert.is(run.results.length, MAX_RESULTS);
  const kept = run.results.map((result) => result.message.text);
  assert.equal(kept.slice(0, 2), ['finding on line 3', 'finding on line 4']);
  assert.is(kept.at(-1), `finding on line ${MAX_RESULTS + 3}`);
  assert.not.ok(kept.includes(`finding on line ${MAX_RESULTS + 2}`), 'the last note makes room for the error');
  const [notification] = run.invocations[0]!.toolExecutionNotifications;
  assert.is(notification?.level, 'warning');
  assert.match(notification!.message.text, /^3 findings are left out/);
});

test.run();
