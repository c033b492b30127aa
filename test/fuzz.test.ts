import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fuzz, TARGET_NAMES } from './fuzz/run.js';
import { moduleWithOpenInterpolation } from './helpers/generated-terraform.js';

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

// Inputs fuzzing once failed on, kept so that they stay fixed; each is checked in a worker with the watchdog.
const FOUND: [target: string, input: string | (() => string)][] = [
  // dockerfile-ast threw reading the heredocs of a RUN continued onto this comment line.
  ['Dockerfile', 'RUN \\\n#\\01\n'],
  // The ECR model threw placing an error in a policy string that has a raw line break in it (no verbatim text runs).
  ['main.tfplan.json', '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_ecr_lifecycle_policy.api","mode":"managed","type":"aws_ecr_lifecycle_policy","name":"api","values":{"policy":"{\n\\"rules\\":[]}","repository":"api"}}]}}}\n'],
  // yaml threw building the value of an alias to an anchor never set.
  ['.merlint.yaml', 'rules:\n  DKR002: *a\n'],
  // Every .env with a CRLF line end: the next line was looked for from the \n, whose line ended before it, so the reader never moved on.
  ['.env', 'A=1\r\nB\r\n'],
  // A plan whose root_module names an address: a provider of the root module ('') was looked for up an endless chain of parents.
  ['main.tfplan.json', '{"format_version":"1.2","planned_values":{"root_module":{"address":"module.a","resources":[]}},"configuration":{"provider_config":{"aws":{"name":"aws"}}}}\n'],
  // An interpolation left open in a long module (found in a public VPC module): re-reading the
  // broken statement with the rest of the file blanked took tree-sitter 55 s.
  ['main.tf', () => moduleWithOpenInterpolation().text],
  // TypeScript's parser ran out of stack on 800 nested calls (and arrays, blocks, templates, `? :`, arrows): a crash, not a MER000.
  ['webhook.ts', `export const x = ${'f(\n'.repeat(3000)}1${')'.repeat(3000)};\n`],
  // A region doubled forty times: a string of 2^40 characters was built (an uncaught 'Invalid string length'), a list of 2^40 elements took all memory.
  ['main.tf', `locals {\n  s0 = "ap-southeast-1"\n  l0 = ["ap-southeast-1"]\n${Array.from({ length: 40 }, (_, index) => `  s${index + 1} = "\${local.s${index}}\${local.s${index}}"\n  l${index + 1} = concat(local.l${index}, local.l${index})\n`).join('')}}\nprovider "aws" {\n  region = "\${local.s40}\${local.l40[0]}"\n}\nresource "aws_s3_bucket" "b" {}\n`],
  // distinct() of 100,000 different strings compared each with all kept before it (5e9 comparisons).
  ['main.tf', 'provider "aws" {\n  region = length(distinct(flatten([for i in range(1000) : [for j in range(100) : "${i}-${j}"]])))\n}\nresource "aws_s3_bucket" "b" {}\n'],
  // 32,000 settings in one Makefile: each was asked whether another setting of the file turns GOPROXY off (30 s).
  ['Makefile', 'export GOSUMDB=off\n'.repeat(32_000)],
  // tree-sitter-bash's error recovery over a run of 40,000 `|` in a GitLab job's script, read several times: a minute (test/shell.test.ts has the script alone).
  ['.gitlab-ci.yml', `build:\n  script:\n    - export GOS${'|'.repeat(40_000)}\n`],
  // A tree-sitter query over 80,000 nested `(` in a Go file: 47 s.
  ['main.go', `package main\nimport "log"\nfunc f() {\n\tlog.Printf("%v", ${'('.repeat(80_000)})\n}\n`],
  // Splitting a name into words backtracked over every run of capitals: 300,000 took minutes (40,000 took 1.6 s).
  ['main.tf.json', `{"a": "x",${'CD'.repeat(150_000)} "f": "S1234567D"}`],
  // A parser directive's value was read by a pattern that backtracked over every blank in it: 200,000 took about a minute.
  ['Dockerfile', `# syntax=x${' '.repeat(200_000)}y\r\nFROM alpine:3.22\rUSER 10001\n`],
  // A Helm action was looked for from every `{{` to the end of a file where none closes: 124,000 took 9 s (a scalar left open hid them from the nesting guard).
  ['deploy/payments.yaml', `apiVersion: v1\nkind: Service\nmetadata:\n  name: "broken\nspec${'{'.repeat(250_000)}:\n`],
  // A private-module pattern too long for a JavaScript regular expression: GOP001 and GOP005 failed.
  ['.env', `GONOSUMDB=gitlab.ex${'n'.repeat(100_000)}\n`],
  // Explicit keys nested 2,260 deep: turning each key into a string took the yaml package time doubling with each level (the command line ran out of stack first).
  ['.merlint.yaml', `residency:\n${'? '.repeat(2_260)}  approvedTransfers:\n  :\n    -`],
  // tree-sitter-go's WebAssembly crashed on 17,000 nested `/R(` ('memory access out of bounds'), and so did every Go file after it.
  ['main.go', `package main\nfunc f() {\n\tfmt.Println(${'/R('.repeat(17_213)}\n}\n`],
  // tree-sitter-bash's error recovery at the end of 12,000 `|%` and an unclosed quote took all its WebAssembly's memory (2 GiB), which aborted, and so did every shell script after it in the run.
  ['scripts/start.sh', `${'|%'.repeat(12_000)}t '`],
  // A policy's `select.type` of 100 KB was made into a regular expression too large for V8: the rule failed on every Terraform file.
  ['team.policy.yaml', `id: TST002\ntitle: Databases keep a week of backups\nlevel: error\nrationale: Backups are kept.\nremediation: Keep them.\ntarget: terraform.resource\nselect:\n  type: [aws_db_instance, aws_rds${'P&i'.repeat(35_000)}_cluster]\nassert:\n  path: backup_retention_period\n  atLeast: 7\n`],
  // A manifest of 16,000 aliases (112 KB): each alias was looked up by a walk of the whole document, a minute and a half in all.
  ['deploy/payments.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: a\ndata:\n${'  - *m\n'.repeat(16_000)}`],
];

for (const [target, input] of FOUND) {
  const text = typeof input === 'string' ? input : input();
  test(`found by fuzzing, ${target}: ${JSON.stringify(text).slice(0, 80)}`, async () => {
    const outcome = await fuzz(target, 0, 0, HANG_MS, [text]);
    assert.is(outcome.failure, undefined, outcome.failure);
  });
}

test('every language has a fuzz target', async () => {
  const { KINDS } = await import('../src/languages/index.js');
  const { FUZZ_TARGETS } = await import('./fuzz/targets.js');
  const fuzzed = new Set(FUZZ_TARGETS.map((target) => target.kind));
  assert.equal(KINDS.filter((kind) => !fuzzed.has(kind)), []);
});

test.run();
