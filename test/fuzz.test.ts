import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fuzz, TARGET_NAMES } from './fuzz/run.js';

// A fixed seed and a bounded count, so that CI runs the same inputs every time; `npm run fuzz`
// runs many more (scripts/fuzz.mjs). Each input is bounded in time by the worker it runs in.
const SEED = 20261206;
const RUNS = 40;
const HANG_MS = 30_000;

for (const target of TARGET_NAMES) {
  test(`fuzz ${target}: no exception, no hang, every failure a MER000 or configuration error with a position`, async () => {
    const outcome = await fuzz(target, RUNS, SEED, HANG_MS);
    assert.is(outcome.failure, undefined, outcome.failure);
    assert.ok(outcome.runs >= RUNS, `ran ${outcome.runs} inputs`);
  });
}

// Inputs fuzzing once failed on, kept so that they stay fixed.
const FOUND: [target: string, input: string][] = [
  // dockerfile-ast threw reading the heredocs of a RUN continued onto this comment line.
  ['Dockerfile', 'RUN \\\n#\\01\n'],
  // The ECR model threw placing an error in a policy string that has a raw line break in it (no verbatim text runs).
  ['main.tfplan.json', '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_ecr_lifecycle_policy.api","mode":"managed","type":"aws_ecr_lifecycle_policy","name":"api","values":{"policy":"{\n\\"rules\\":[]}","repository":"api"}}]}}}\n'],
  // yaml threw building the value of an alias to an anchor never set.
  ['.merlint.yaml', 'rules:\n  DKR002: *a\n'],
];

for (const [target, input] of FOUND) {
  test(`found by fuzzing, ${target}: ${JSON.stringify(input)}`, async () => {
    const { FUZZ_TARGETS } = await import('./fuzz/targets.js');
    assert.is(await FUZZ_TARGETS.find((candidate) => candidate.name === target)!.check(input), undefined);
  });
}

test('every language has a fuzz target', async () => {
  const { KINDS } = await import('../src/languages/index.js');
  const { classify } = await import('../src/languages/index.js');
  const fuzzed = new Set(TARGET_NAMES.map((name) => classify(name)));
  assert.equal(KINDS.filter((kind) => !fuzzed.has(kind)), []);
});

test.run();
