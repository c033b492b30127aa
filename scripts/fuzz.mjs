// Fuzzes every parser, the configuration and suppression comments with many inputs: the targets of
// test/fuzz/targets.ts, each in a worker with a hang watchdog (the test suite runs the same with a
// fixed seed and a small count). Prints the inputs run and the result per target; exits 1 on a failure.
//   npm run fuzz [-- RUNS_PER_TARGET [SEED]]     (default 2000 inputs per target, a random seed)
// MERLINT_FUZZ_SEEDS=DIR[:DIR…] adds the files under those directories to the seeds that are mutated
// (the real corpora: MERLINT_FUZZ_SEEDS=/work/real-corpus/terraform:/work/real-corpus/dockerfiles …).
import { fuzz, TARGET_NAMES } from '../dist/test/fuzz/run.js';

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
const HANG_MS = 60_000;

console.log(`fuzzing ${TARGET_NAMES.length} targets, ${runs} inputs each, seed ${seed}`);
let total = 0;
let failures = 0;
for (const target of TARGET_NAMES) {
  const started = performance.now();
  const outcome = await fuzz(target, runs, seed, HANG_MS);
  total += outcome.runs;
  if (outcome.failure) failures++;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${outcome.failure ? 'FAIL' : 'ok  '} ${target}: ${outcome.runs} inputs in ${seconds} s${outcome.failure ? `\n${outcome.failure}` : ''}`);
}
console.log(`${total} inputs, ${failures} target${failures === 1 ? '' : 's'} failed (seed ${seed})`);
process.exit(failures ? 1 : 0);
