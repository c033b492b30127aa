import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main, type Io } from '../src/cli.js';
import type { ScanResult } from '../src/engine.js';
import { FINGERPRINT_KEY } from '../src/fingerprint.js';
import { lineHashes } from '../src/reporters/line-hash.js';
import { formatSarif, SRCROOT } from '../src/reporters/sarif.js';
import type { RuleMeta } from '../src/rule.js';
import type { Finding } from '../src/types.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { sarifValidator } from './helpers/schemas.js';

const VERSION = '1.2.3';
const validateSarif = sarifValidator();

/** The parts of a SARIF log these tests read. */
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; properties: { tags: string[]; 'security-severity'?: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations?: { physicalLocation: PhysicalLocation }[] }[] }[];
    results: SarifResult[];
  }[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  locations: { physicalLocation: PhysicalLocation }[];
  relatedLocations?: { id: number; message?: { text: string } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification?: string }[];
  fixes?: unknown[];
}

interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
}

function assertValidSarif(sarif: string): SarifLog {
  const log: unknown = JSON.parse(sarif);
  const valid = validateSarif(log);
  assert.ok(valid, JSON.stringify(validateSarif.errors?.slice(0, 10), null, 2));
  return log as SarifLog;
}

async function sarifOf(directory: string, overrides: Parameters<typeof scanDirectory>[2] = {}): Promise<{ result: ScanResult; sarif: string }> {
  const result = await scanDirectory(directory, [directory], overrides);
  return { result, sarif: formatSarif(result, { version: VERSION }) };
}

test('SARIF of fixtures/ validates against the official SARIF 2.1.0 schema', async () => {
  const { result, sarif } = await sarifOf(repoPath('fixtures'));
  const log = assertValidSarif(sarif);
  assert.is(log.runs.length, 1);
  assert.is(log.runs[0]!.results.length, result.findings.length);
  assert.ok(result.findings.some((finding) => finding.suppression), 'fixtures hold suppressed findings');
});

test('SARIF of examples/ validates against the official SARIF 2.1.0 schema', async () => {
  if (!existsSync(repoPath('examples'))) return;
  const { result, sarif } = await sarifOf(repoPath('examples'));
  assertValidSarif(sarif);
  assert.ok(result.findings.length > 0, 'examples/ shows findings');
});

test('the same input scanned twice gives byte-identical SARIF, free of the scan root', async () => {
  const first = await sarifOf(repoPath('fixtures'));
  const second = await sarifOf(repoPath('fixtures'));
  assert.ok(first.sarif === second.sarif, 'two scans differ');
  assert.not.ok(first.sarif.includes(first.result.root), 'the absolute scan root would make the output machine-dependent');
});

test('ruleIndex of every result points at the rule it names', async () => {
  const { sarif } = await sarifOf(repoPath('fixtures'));
  const run = assertValidSarif(sarif).runs[0]!;
  const ids = run.tool.driver.rules.map((rule) => rule.id);
  assert.equal(ids, [...new Set(ids)].sort());
  for (const result of run.results) assert.is(ids[result.ruleIndex], result.ruleId);
});

test('results carry the finding fingerprint, GitHub’s line hash and a location relative to %SRCROOT%', async () => {
  const { result, sarif } = await sarifOf(repoPath('fixtures'));
  const results = assertValidSarif(sarif).runs[0]!.results;
  result.findings.forEach((finding, index) => {
    const { artifactLocation } = results[index]!.locations[0]!.physicalLocation;
    assert.equal(artifactLocation, { uri: finding.location.path, uriBaseId: SRCROOT });
    // Files that could not be read (MER000) have no text to hash.
    const text = result.sources.get(finding.location.path);
    const lineHash = text === undefined ? {} : { primaryLocationLineHash: lineHashes(text)[finding.location.range.start.line - 1] };
    assert.equal(results[index]!.partialFingerprints, { [FINGERPRINT_KEY]: finding.fingerprint, ...lineHash });
  });
});

test('suppressed findings stay in the output with an accepted inSource suppression and its reason', async () => {
  const { result, sarif } = await sarifOf(repoPath('fixtures'));
  const results = assertValidSarif(sarif).runs[0]!.results;
  result.findings.forEach((finding, index) => {
    // An ignore without a reason still suppresses (MER001 reports it); SARIF then has no justification.
    const expected = finding.suppression && [{ kind: 'inSource', status: 'accepted', justification: finding.suppression.justification || undefined }];
    assert.equal(results[index]!.suppressions?.map(({ kind, status, justification }) => ({ kind, status, justification })), expected);
  });
});

test('findings in a baseline carry an external suppression', async () => {
  const directory = repoPath('fixtures', 'docker', 'DKR002');
  const before = await scanDirectory(directory);
  const accepted = before.findings.find((finding) => !finding.suppression)!;
  const { sarif } = await sarifOf(directory, { baseline: { file: 'baseline.sarif', fingerprints: new Set([accepted.fingerprint]) } });
  const results = assertValidSarif(sarif).runs[0]!.results;
  const suppressed = results.filter((result) => result.suppressions);
  assert.is(suppressed.length, 1);
  assert.is(suppressed[0]!.partialFingerprints[FINGERPRINT_KEY], accepted.fingerprint);
  assert.equal(suppressed[0]!.suppressions, [{ kind: 'external', status: 'accepted', justification: 'accepted in baseline baseline.sarif' }]);
});

test('rules with a security severity are tagged security and carry it as a decimal string', async () => {
  const { result, sarif } = await sarifOf(repoPath('fixtures'));
  const descriptors = assertValidSarif(sarif).runs[0]!.tool.driver.rules;
  assert.ok(result.rules.some((rule) => rule.securitySeverity !== undefined), 'some rule has a security severity');
  result.rules.forEach((rule, index) => {
    const { properties } = descriptors[index]!;
    assert.is(properties['security-severity'], rule.securitySeverity?.toFixed(1));
    assert.is(properties.tags.includes('security'), rule.securitySeverity !== undefined || rule.tags.includes('security'));
  });
});

test('file names become percent-encoded URI references that decode to the path', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-sarif-'));
  try {
    const paths = ['with space#1.Dockerfile', '100%.Dockerfile', 'süd [dir]/a:b.Dockerfile'];
    mkdirSync(join(directory, 'süd [dir]'));
    for (const path of paths) writeFileSync(join(directory, path), 'FROM alpine\n');
    const { sarif } = await sarifOf(directory);
    const results = assertValidSarif(sarif).runs[0]!.results;
    const uris = results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.equal([...new Set(uris.map((uri) => uri.split('/').map(decodeURIComponent).join('/')))].sort(), [...paths].sort());
    assert.ok(uris.includes('s%C3%BCd%20%5Bdir%5D/a%3Ab.Dockerfile'), uris.join('\n'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

const RULE: RuleMeta = {
  id: 'TST001',
  slug: 'test-rule',
  level: 'warning',
  title: 'A rule for tests',
  rationale: 'Because.',
  remediation: 'Change it.',
  helpUri: 'https://example.com/TST001',
  kinds: ['dockerfile'],
  tags: ['testing'],
};

function syntheticResult(findings: Finding[], notices: ScanResult['notices'] = []): ScanResult {
  return { root: '/nowhere', findings, notices, rules: [RULE], sources: new Map(), fileCount: 1, elapsedMs: 1 };
}

const AT = { start: { line: 2, column: 3 }, end: { line: 2, column: 9 } };

test('related locations are numbered and keep their messages; fixes become artifact changes', () => {
  const finding: Finding = {
    ruleId: 'TST001',
    level: 'warning',
    message: 'see [the declaration](1)',
    location: { path: 'a/Dockerfile', range: AT },
    related: [{ path: 'b/Dockerfile', range: AT, message: 'declared here' }, { path: 'c/Dockerfile', range: AT }],
    fingerprint: '0123',
    fix: { description: 'pin it', replacements: [{ range: AT, text: 'alpine:3.20' }] },
  };
  const result = assertValidSarif(formatSarif(syntheticResult([finding]), { version: VERSION })).runs[0]!.results[0]!;
  assert.equal(result.relatedLocations?.map(({ id, message }) => ({ id, message })), [{ id: 1, message: { text: 'declared here' } }, { id: 2, message: undefined }]);
  assert.is(result.fixes?.length, 1);
});

test('notices become tool execution notifications; an error notice marks the run unsuccessful', () => {
  const notices: ScanResult['notices'] = [
    { level: 'warning', path: 'link.Dockerfile', message: 'link.Dockerfile: broken symbolic link; skipped' },
    { level: 'error', message: 'rule TST001 failed' },
  ];
  const run = assertValidSarif(formatSarif(syntheticResult([], notices), { version: VERSION })).runs[0]!;
  const [invocation] = run.invocations;
  assert.is(invocation!.executionSuccessful, false);
  assert.equal(invocation!.toolExecutionNotifications.map((notification) => notification.level), ['warning', 'error']);
  assert.is(invocation!.toolExecutionNotifications[0]!.locations?.[0]?.physicalLocation.artifactLocation.uri, 'link.Dockerfile');
  assert.is(invocation!.toolExecutionNotifications[1]!.locations, undefined);
  const quiet = assertValidSarif(formatSarif(syntheticResult([], [notices[0]!]), { version: VERSION })).runs[0]!;
  assert.is(quiet.invocations[0]!.executionSuccessful, true);
});

test('--format sarif:FILE writes valid SARIF that later runs accept as a --baseline', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-sarif-cli-'));
  try {
    writeFileSync(join(directory, 'Dockerfile'), 'FROM alpine:latest\nUSER 10001\n');
    const io: Io = { cwd: directory, env: {}, stdoutIsTTY: false, write: () => {}, error: () => {}, readStdin: async () => new Uint8Array() };
    assert.is(await main(['--format', 'sarif:first.sarif', '--fail-on', 'warning', '.'], io), 1);
    const first = assertValidSarif(readFileSync(join(directory, 'first.sarif'), 'utf8'));
    assert.equal(first.runs[0]!.results.map((result) => result.ruleId), ['DKR002']);
    assert.is(await main(['--format', 'sarif:second.sarif', '--fail-on', 'warning', '--baseline', 'first.sarif', '.'], io), 0);
    const second = assertValidSarif(readFileSync(join(directory, 'second.sarif'), 'utf8'));
    assert.is(second.runs[0]!.results[0]!.suppressions?.[0]?.kind, 'external');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a category becomes runAutomationDetails.id only when asked for', async () => {
  const { result } = await sarifOf(repoPath('fixtures', 'docker', 'DKR002'));
  const plain = JSON.parse(formatSarif(result, { version: VERSION })) as { runs: Record<string, unknown>[] };
  assert.is(plain.runs[0]!.automationDetails, undefined);
  const categorised = JSON.parse(formatSarif(result, { version: VERSION, sarifCategory: 'merlint-infra' })) as { runs: { automationDetails: { id: string } }[] };
  assert.is(categorised.runs[0]!.automationDetails.id, 'merlint-infra/');
  assertValidSarif(JSON.stringify(categorised));
});

test.run();
