import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assignFingerprints } from '../src/fingerprint.js';
import type { Finding } from '../src/types.js';

const LINES: Record<string, string[]> = {
  Dockerfile: ['FROM alpine:latest', 'FROM   alpine:latest  ', 'FROM alpine:latest', 'USER root'],
  'svc/Dockerfile': ['FROM alpine:latest'],
};

function finding(ruleId: string, path: string, line: number): Finding {
  return { ruleId, level: 'warning', message: 'm', location: { path, range: { start: { line, column: 1 }, end: { line, column: 2 } } }, related: [], fingerprint: '' };
}

function sorted(): Finding[] {
  return [finding('DKR002', 'Dockerfile', 1), finding('DKR002', 'Dockerfile', 2), finding('DKR003', 'Dockerfile', 2), finding('DKR002', 'Dockerfile', 3), finding('DKR003', 'Dockerfile', 4), finding('DKR002', 'svc/Dockerfile', 1)];
}

/** The fingerprint as documented: rule, path and the line's text with white space folded, then the rank among those alike. */
function expected(ruleId: string, path: string, folded: string, rank: number): string {
  return createHash('sha256').update(`${ruleId}\0${path}\0${folded}\0${rank}`).digest('hex').slice(0, 32);
}

test('fingerprints hash rule, path and folded line text, ranked among identical triples', () => {
  const findings = sorted();
  assignFingerprints(findings, (path, line) => LINES[path]![line - 1]!);
  assert.equal(
    findings.map((one) => one.fingerprint),
    [
      expected('DKR002', 'Dockerfile', 'FROM alpine:latest', 0),
      expected('DKR002', 'Dockerfile', 'FROM alpine:latest', 1),
      expected('DKR003', 'Dockerfile', 'FROM alpine:latest', 0),
      expected('DKR002', 'Dockerfile', 'FROM alpine:latest', 2),
      expected('DKR003', 'Dockerfile', 'USER root', 0),
      expected('DKR002', 'svc/Dockerfile', 'FROM alpine:latest', 0),
    ],
  );
});

test('no line is read until a fingerprint is, and the order of reading or a later sort changes none', () => {
  const inOrder = sorted();
  assignFingerprints(inOrder, (path, line) => LINES[path]![line - 1]!);
  const lazy = sorted();
  let linesRead = 0;
  assignFingerprints(lazy, (path, line) => (linesRead++, LINES[path]![line - 1]!));
  assert.is(linesRead, 0, 'assigning reads no line');
  lazy.reverse();
  const reversed = lazy.map((one) => one.fingerprint).reverse();
  assert.equal(reversed, inOrder.map((one) => one.fingerprint));
  assert.is(linesRead, 5, 'each line with a finding is read once, when the first fingerprint is');
});

test('a finding with its fingerprint read shows it to JSON like any other field', () => {
  const [first] = sorted();
  assignFingerprints([first!], () => 'FROM alpine:latest');
  assert.is((JSON.parse(JSON.stringify(first)) as Finding).fingerprint, expected('DKR002', 'Dockerfile', 'FROM alpine:latest', 0));
});

test.run();
