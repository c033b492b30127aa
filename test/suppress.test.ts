import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { utcDate } from '../src/suppress.js';
import { assertUsageError, merlint } from './helpers/cli.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

// Three DKR002 warnings, two of them on identical lines.
const UNPINNED = 'FROM alpine:latest AS tools\nFROM alpine:latest AS lint\nFROM busybox AS fetch\nFROM alpine:3.22\nUSER 10001\n';
const LINES_ABOVE = '# syntax=docker/dockerfile:1\n# build: docker build .\n\nARG VERSION=1\n';

test('fingerprints survive lines added above the findings', async () => {
  const root = makeTree({ Dockerfile: UNPINNED });
  const before = (await scanDirectory(root)).findings;
  writeFileSync(join(root, 'Dockerfile'), LINES_ABOVE + UNPINNED);
  const after = (await scanDirectory(root)).findings;
  assert.is(before.length, 3);
  assert.equal(after.map((finding) => finding.location.range.start.line), before.map((finding) => finding.location.range.start.line + 4));
  assert.equal(after.map((finding) => finding.fingerprint), before.map((finding) => finding.fingerprint));
  assert.is(new Set(before.map((finding) => finding.fingerprint)).size, 3, 'identical lines get distinct fingerprints');
});

/** Each baseline flag hides the findings it records, and only those. */
function baselineTest(name: string, record: (file: string) => string[]) {
  test(name, () => {
    const root = makeTree({ Dockerfile: UNPINNED });
    const scan = (...flags: string[]) => merlint(['.', '--fail-on', 'warning', '--format', 'compact', ...flags], { cwd: root });
    assert.is(scan(...record('baseline')).status, 1, 'findings before the baseline');
    const hidden = scan('--baseline', 'baseline');
    assert.is(hidden.stdout, '');
    assert.is(hidden.status, 0, hidden.stderr);
    writeFileSync(join(root, 'Dockerfile'), `${LINES_ABOVE}${UNPINNED}FROM debian AS new\nUSER 10001\n`);
    const fresh = scan('--baseline', 'baseline');
    assert.match(fresh.stdout, /^Dockerfile:10:6: warning DKR002 [^\n]+\n$/);
    assert.is(fresh.status, 1);
  });
}

baselineTest('--baseline accepts earlier JSON output', (file) => ['--format', `json:${file}`]);
baselineTest('--write-baseline writes a baseline that --baseline accepts', (file) => ['--write-baseline', file]);
baselineTest('--baseline accepts earlier SARIF output', (file) => ['--format', `sarif:${file}`]);

test('--baseline refuses a file that is not merlint output', () => {
  const root = makeTree({ Dockerfile: UNPINNED, 'baseline.json': '{"results": []}' });
  assertUsageError(merlint(['.', '--baseline', 'baseline.json'], { cwd: root }), /^merlint: baseline baseline\.json is neither merlint SARIF nor merlint JSON output$/);
});

test('in Terraform an ignore comment above an attribute covers the whole value, over several lines', async () => {
  const root = makeTree({ 'main.tf': 'provider "aws" {\n  # merlint-ignore RES001 -- the DR region, approved\n  region = (\n    "us-east-1"\n  )\n}\n' });
  const findings = (await scanDirectory(root)).findings.filter((finding) => finding.ruleId === 'RES001' || finding.ruleId === 'MER001');
  assert.equal(findings.map((finding) => [finding.ruleId, finding.location.range.start.line, finding.suppression?.kind]), [['RES001', 4, 'inSource']]);
});

test('utcDate gives the date toISOString() gives, in UTC', () => {
  for (const time of ['2026-12-06T23:59:59.999Z', '2027-01-01T00:00:00.000Z', '0999-03-04T12:00:00.000Z', '2028-02-29T08:00:00.000Z']) {
    assert.is(utcDate(new Date(time)), new Date(time).toISOString().slice(0, 10), time);
  }
});

test.run();
