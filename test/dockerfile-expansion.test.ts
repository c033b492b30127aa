import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EMPTY_ENVIRONMENT, expand, globalArgDefaults } from '../src/languages/dockerfile/model.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';

// The environment of an ENV or ARG: REGISTRY set, EMPTY set to the empty text, BUILT known only at build time.
const environment = EMPTY_ENVIRONMENT.set('REGISTRY', 'registry.example.sg').set('EMPTY', '').set('BUILT', null);

test('a modifier word is expanded in turn, as BuildKit expands it, only when it is taken', () => {
  const cases: [string, string | null][] = [
    ['${REGISTRY:+${REGISTRY}/}alpine', 'registry.example.sg/alpine'],
    ['${UNSET:+${REGISTRY}/}alpine', 'alpine'],
    ['${UNSET:-$REGISTRY}/app', 'registry.example.sg/app'],
    ['${UNSET:-${EMPTY:-${REGISTRY}}}', 'registry.example.sg'],
    ['${REGISTRY:-${BUILT}}', 'registry.example.sg'],
    ['${UNSET:-${BUILT}}', null],
    ['${UNSET:-a}}', 'a}'],
    ['${UNSET:-${a}', '${a'],
    ['${REGISTRY#registry.}', null],
    ['$1 ${REGISTRY:?x} $', '$1 ${REGISTRY:?x} $'],
  ];
  for (const [text, expected] of cases) assert.is(expand(text, environment), expected, text);
});

test('without the colon, an empty value is a set one', () => {
  assert.is(expand('${EMPTY-default}', environment), '');
  assert.is(expand('${EMPTY:-default}', environment), 'default');
  assert.is(expand('${EMPTY+word}', environment), 'word');
  assert.is(expand('${EMPTY:+word}', environment), '');
  assert.is(expand('${UNSET-default}|${UNSET+word}', environment), 'default|');
});

test('a global ARG default uses the ARGs declared before it; a variable it takes that is not declared is unknown', () => {
  const text = 'ARG REGISTRY=registry.example.sg\nARG BUILT\nARG A=$REGISTRY/app\nARG B=${UNDECLARED}/app\nARG C=${REGISTRY:-$UNDECLARED}\nARG D=${UNDECLARED:-$REGISTRY}\nARG E=$BUILT\nFROM alpine\n';
  const { globalArgs } = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text }).document!;
  assert.equal(Object.fromEntries(globalArgDefaults(globalArgs)), { REGISTRY: 'registry.example.sg', A: 'registry.example.sg/app', B: null, C: 'registry.example.sg', D: null, E: null });
});

test.run();
