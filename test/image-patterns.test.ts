import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchesImagePattern, splitImage, type ImageReference } from '../src/languages/dockerfile/model.js';

function image(reference: string): ImageReference {
  const parts = splitImage(reference);
  return { written: reference, resolved: reference, ...parts, untagged: parts.tag === undefined && parts.digest === undefined, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, stage: undefined };
}

const cases: [reference: string, pattern: string, matches: boolean][] = [
  ['registry.example.sg/base/go-runtime:1.4@sha256:abc', 'registry.example.sg/base/*', true],
  ['registry.example.sg/base/team/go-runtime:1.4', 'registry.example.sg/base/*', false],
  ['registry.example.sg/base/team/go-runtime:1.4', 'registry.example.sg/base/**', true],
  ['docker.io/library/alpine:3.20', 'alpine:3.*', true],
  ['alpine:3.20@sha256:abc', 'alpine', true],
  ['Registry.Example.SG/base/api:1', 'registry.example.sg/base/*', true],
  ['alpine:3.20', 'alp.ne:*', false],
];

for (const [reference, pattern, matches] of cases) {
  test(`${pattern} ${matches ? 'matches' : 'does not match'} ${reference}`, () => {
    assert.is(matchesImagePattern(image(reference), [pattern]), matches);
  });
}

test.run();
