import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { formatText } from '../src/reporters/text.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree, type Tree } from './helpers/tree.js';

// Huge and hostile inputs: each scan must finish with sane findings, no rule failure and no crash.
// Nothing here is timed (machines are noisy): `npm run bench` prints how long these inputs take.

const FIVE_MB = 5 * 1024 * 1024;

async function scanFiles(files: Tree): Promise<ScanResult> {
  const result = await scanDirectory(makeTree(files));
  assert.equal(result.notices.filter((notice) => notice.level === 'error'), [], 'no rule or parser failed');
  return result;
}

/** How many findings of each rule, e.g. `{ DKR006: 5000, DKR003: 1 }`. */
function counts(result: ScanResult): Record<string, number> {
  const byRule: Record<string, number> = {};
  for (const finding of result.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return byRule;
}

function lines(count: number, line: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => line(i)).join('\n');
}

/** `unit` repeated to about `size` characters. */
function repeat(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

test('Dockerfile: one stage of 20,000 instructions', async () => {
  const steps = lines(20_000, (i) =>
    [`RUN apk add pkg-${i}`, `ENV STEP_${i}=\${STEP_${i - 4}:-start}`, `COPY src/${i} /src/${i}/`, `RUN go build -o /out/app-${i} ./cmd/${i}`][i % 4]!,
  );
  const result = await scanFiles({ Dockerfile: `FROM golang:1.22.5 AS build\n${steps}\n` });
  assert.equal(counts(result), { DKR001: 1, DKR003: 1, DKR006: 5_000, DKR008: 1 });
});

test('Dockerfile: 300,000 instructions read without dockerfile-ast, and after them one it reads, or 300,000 ARGs before the FROM', async () => {
  const plainThenAst = await scanFiles({ Dockerfile: `FROM debian:12\n${'RUN true\n'.repeat(300_000)}RUN cat <<EOF\nEOF\nUSER 1000\n` });
  assert.equal(counts(plainThenAst), {});
  const argsFirst = await scanFiles({ Dockerfile: `${'ARG A=1\n'.repeat(300_000)}FROM debian:12\nUSER 1000\n` });
  assert.equal(counts(argsFirst), {});
});

test('Dockerfile: 6,000 stages each built FROM the one before, the final stage copying from the last', async () => {
  const stages = lines(6_000, (i) => `FROM s${i} AS s${i + 1}\nENV V_${i + 1}=$V_${i}\nRUN go build -o /out/b${i + 1} .`);
  const result = await scanFiles({ Dockerfile: `FROM golang:1.22.5 AS s0\n${stages}\nFROM scratch\nCOPY --from=s6000 /out /out\nUSER 65532\n` });
  assert.equal(counts(result), { DKR005: 6_000 });
});

test('Dockerfile: 40 stages that each copy from the two before them, exponentially many paths to the final stage', async () => {
  const stages = lines(38, (i) => `FROM alpine:3.22 AS s${i + 2}\nCOPY --from=s${i + 1} /out /out\nCOPY --from=s${i} /out /out`);
  const builders = 'FROM golang:1.22.5 AS s0\nRUN go build -o /out/a .\nFROM golang:1.22.5 AS s1\nRUN go build -o /out/b .';
  const result = await scanFiles({ Dockerfile: `${builders}\n${stages}\nFROM scratch\nCOPY --from=s39 /out /out\nUSER 65532\n` });
  assert.equal(counts(result), { DKR005: 2 });
});

test('Dockerfile: 2,000 stages with a mistyped COPY --from each', async () => {
  const result = await scanFiles({ Dockerfile: lines(2_000, (i) => `FROM alpine:3.22 AS stage-${i}\nUSER 10001\nCOPY --from=stagx-${i} /a /a`) });
  assert.equal(counts(result), { DKR004: 2_000 });
});

test('Dockerfile: a 5 MB RUN line of 1.7 million words', async () => {
  const result = await scanFiles({ Dockerfile: `FROM alpine:3.22\nRUN echo ${repeat('ab ', FIVE_MB)} && apk add curl\nUSER 10001\n` });
  assert.equal(counts(result), { DKR006: 1 });
});

test('Dockerfile: 62,500 findings on one 1 MB line, and a text report that quotes only the part around each', async () => {
  const result = await scanFiles({ Dockerfile: `FROM alpine:3.22\nRUN ${repeat('apk add curl && ', 1_000_000)}true\nUSER 10001\n` });
  assert.equal(counts(result), { DKR006: 62_500 });
  assert.is(new Set(result.findings.map((finding) => finding.fingerprint)).size, 62_500, 'fingerprints rank identical findings');
  const report = formatText(result);
  assert.ok(report.length < 62_500 * 1_000, `${report.length} characters of text report`);
});

test('Dockerfile: pathological shell quoting in 1 MB RUN lines', async () => {
  const quoting = ['echo "', "echo '", 'echo `', 'echo $(', 'echo \\\\', 'echo "$(\'`', '<<>>&|;(', 'echo $((((('];
  // A line that ends in the escape character, or starts a heredoc, takes in the lines after it: USER comes first.
  const files = Object.fromEntries(quoting.map((start, i) => [`q${i}/Dockerfile`, `FROM alpine:3.22\nUSER 10001\nRUN ${repeat(start, 1_000_000)}\n`]));
  assert.equal(counts(await scanFiles(files)), {});
});

test('Dockerfile: ENV A=$A$A forty times leaves A unknown rather than a terabyte long', async () => {
  const result = await scanFiles({ Dockerfile: `FROM alpine:3.22\nENV A=ab\n${'ENV A=$A$A\n'.repeat(40)}RUN apk add curl\nUSER 10001\n` });
  assert.equal(counts(result), { DKR006: 1 });
});

test('Dockerfile: 10,000 ignore comments, each covering a finding', async () => {
  const result = await scanFiles({ Dockerfile: `FROM alpine:3.22\nUSER 10001\n${lines(10_000, (i) => `# merlint-ignore DKR006 -- cached on purpose\nRUN apk add pkg-${i}`)}\n` });
  assert.equal(counts(result), { DKR006: 10_000 });
  assert.ok(result.findings.every((finding) => finding.suppression?.kind === 'inSource'));
});

test('Terraform: a 5 MB file of 40,000 resources and one outside the allowed regions', async () => {
  const buckets = lines(40_000, (i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "merlint-stress-${i}"\n  tags = { index = "${i}", team = "payments" }\n}`);
  const providers = 'provider "aws" {\n  region = "ap-southeast-1"\n}\nprovider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n';
  const text = `${providers}${buckets}\nresource "aws_s3_bucket" "abroad" {\n  provider = aws.us\n}\n`;
  assert.ok(text.length > 4_000_000);
  assert.equal(counts(await scanFiles({ 'main.tf': text })), { RES001: 1 });
});

test('Terraform: 50,000 attributes in one block', async () => {
  assert.equal(counts(await scanFiles({ 'main.tf': `locals {\n${lines(50_000, (i) => `  a${i} = "v${i}"`)}\n}\n` })), {});
});

test('Terraform: a 5 MB heredoc and a 1 MB template string with 60,000 interpolations', async () => {
  const heredoc = `locals {\n  script = <<-EOT\n${repeat('    echo "${local.name}" >> /var/log/setup.log\n', FIVE_MB)}  EOT\n  name = "x"\n}\n`;
  const template = `locals {\n  line = "${repeat('abc ${local.name} ', 1_000_000)}"\n}\n`;
  assert.equal(counts(await scanFiles({ 'heredoc.tf': heredoc, 'template.tf': template })), {});
});

test('Terraform: a lifecycle policy heredoc whose %{for} writes 10,000 rules, and the field missing in the rule after them', async () => {
  const policy = [
    'locals {\n  tags = flatten([for a in range(100) : [for b in range(100) : "v${a}.${b}"]])\n}',
    'resource "aws_ecr_lifecycle_policy" "app" {\n  repository = "app"\n  policy     = <<-EOT\n    {"rules": [',
    '    %{~ for i, tag in local.tags ~}',
    '      {"rulePriority": ${i + 1}, "selection": {"tagStatus": "tagged", "tagPrefixList": ["${tag}"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},',
    '    %{~ endfor ~}',
    '      {"rulePriority": 20000, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan"}, "action": {"type": "expire"}}',
    '    ]}\n  EOT\n}\n',
  ].join('\n');
  const result = await scanFiles({ 'main.tf': policy });
  const missing = result.findings.filter((finding) => finding.ruleId === 'ECR002');
  assert.equal(missing.map((finding) => [finding.location.range.start, finding.message.slice(0, 30)]), [[{ line: 11, column: 44 }, 'selection has no countNumber, ']]);
});

const DEEP = 10_000;
const nested: Record<string, string> = {
  parentheses: `x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}`,
  tuples: `x = ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}`,
  objects: `x = ${'{ a = '.repeat(DEEP)}1${' }'.repeat(DEEP)}`,
  sums: `x = ${lines(DEEP, () => '1').split('\n').join(' + ')}`,
  negations: `x = ${'!'.repeat(DEEP)}true`,
  calls: `x = ${'lower('.repeat(DEEP)}"A"${')'.repeat(DEEP)}`,
  directives: `x = "${'%{ if true }'.repeat(DEEP)}a${'%{ endif }'.repeat(DEEP)}"`,
  interpolations: `x = "${'${"'.repeat(DEEP)}a${'"}'.repeat(DEEP)}"`,
  // Each `[*]` takes the steps after it: it was read at 1:1, as the stack ran out.
  splats: `x = var.x${'[*].a'.repeat(DEEP)}`,
};

for (const [shape, expression] of Object.entries(nested)) {
  test(`Terraform: ${DEEP.toLocaleString('en')} levels of nested ${shape} are a MER000, not a stack overflow`, async () => {
    const result = await scanFiles({ 'main.tf': `locals {\n  ${expression}\n}\n` });
    assert.equal(counts(result), { MER000: 1 });
    assert.is(result.findings[0]!.location.range.start.line, 2);
  });
}

test(`Terraform: ${DEEP.toLocaleString('en')} nested blocks and JSON arrays are a MER000, not a stack overflow`, async () => {
  const result = await scanFiles({
    'blocks.tf': `${'dynamic "a" {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}`,
    'arrays.tf.json': `{"locals": {"x": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}`,
  });
  assert.equal(result.findings.map((finding) => `${finding.location.path} ${finding.ruleId}`), ['arrays.tf.json MER000', 'blocks.tf MER000']);
});

test('Terraform: a region reached through 10,000 chained locals is unknown, not a stack overflow', async () => {
  const chain = lines(DEEP, (i) => `  l${DEEP - i} = local.l${DEEP - i - 1}`);
  const text = `provider "aws" {\n  region = local.l${DEEP}\n}\nlocals {\n${chain}\n  l0 = "ap-southeast-1"\n}\nresource "aws_s3_bucket" "logs" {}\n`;
  const result = await scanFiles({ 'main.tf': text });
  assert.equal(counts(result), { RES003: 1 });
  assert.match(result.findings[0]!.message, 'a chain of more than');
});

test('Go and TypeScript: a log message of 20,000 concatenated names, and 10,000 nested brackets, read without overflowing the stack', async () => {
  const names = Array.from({ length: 20_000 }, (_, i) => `phone_${i}`).join(' + ');
  const result = await scanFiles({
    'deep.go': `package x\n\nimport "log"\n\nfunc f() { log.Println(${names}) }\n`,
    // One name a line: on a single line the file would be taken for minified code and skipped.
    'deep.ts': `console.log(${names.replaceAll(' + ', ' +\n')});\n`,
    'nested.ts': `const x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\nconsole.log(x);\n`,
  });
  const byFile = (path: string) => result.findings.filter((finding) => finding.location.path === path);
  assert.is(byFile('nested.ts').length, 0);
  // The innermost names are past the depth merlint reads; the last ones are reported, each at its token.
  for (const path of ['deep.go', 'deep.ts']) {
    assert.ok(byFile(path).length > 100, path);
    assert.ok(byFile(path).every((finding) => finding.ruleId === 'PDPA002'), path);
  }
});

test('Go: 40,000 functions in a 3 MB file, each logging a phone number', async () => {
  const result = await scanFiles({ 'big.go': `package x\n\nimport "go.uber.org/zap"\n\n${lines(40_000, (i) => `func f${i}(l *zap.Logger, u *User) { l.Info("x", zap.String("phone", u.Phone)) }`)}\n` });
  assert.equal(counts(result), { PDPA001: 40_000 });
});

test.run();
