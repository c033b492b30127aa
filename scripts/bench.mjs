// First the table of issue 13 on real files (scripts/bench-real.mjs). Then times merlint against a bare Node start: a one-Dockerfile run (what a pre-commit hook pays)
// and a scan of a generated tree of N Dockerfiles; then a generated Terraform repository of
// about M files: merlint's parse, model and rule phases in process (parse throughput beside
// HashiCorp's parser, @cdktf/hcl2json, on the same files) and the whole scan through the CLI;
// then single huge or hostile files (time and peak RSS), whose results test/stress.test.ts checks; then the shell reader
// (bench-shell.mjs), and Go and TypeScript sources (scripts/bench-sources.mjs);
// then a generated 5 MB multi-document Kubernetes file: manifests per second, parsed, modelled and
// checked in process and through the CLI (BENCH_ONLY=kubernetes runs that part alone); then the peak
// RSS and time of a whole scan of a generated 10,000-file mixed repository, in batches and in one
// pass (BENCH_ONLY=memory runs that part alone).
// Not a test: it prints medians and exits 0.
//   npm run bench [-- N [M]]     (N Dockerfiles, default 1000; M Terraform files, default 2000)
//   npm run bench -- startup     only the one-file runs beside bare node (what a pre-commit hook pays);
//                                they run in turn, one of each per round, so they see the same load
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allRules } from '../dist/rules/index.js';
import { loadChecks } from '../dist/src/checks.js';
import { defaultConfig } from '../dist/src/config/config.js';
import { discover } from '../dist/src/discover.js';
import { buildWorkspace, KINDS, parse } from '../dist/src/languages/index.js';
import { RootReader } from '../dist/src/root-reader.js';
import { EVERY_PART_REQUESTED } from '../dist/src/workspace.js';
import { realCorpusBenchmark } from './bench-real.mjs';
import { generateMixedTree } from './bench-mixed-tree.mjs';
import { generateTerraformTree } from './bench-terraform-tree.mjs';
import { shellBenchmark } from './bench-shell.mjs';
import { sourcesBenchmark } from './bench-sources.mjs';
import { importTool } from '../tools/load.mjs';

const { parse: hcl2json } = await importTool('@cdktf/hcl2json');

const MERLINT = fileURLToPath(new URL('../bin/merlint.js', import.meta.url));
const STARTUP_ONLY = process.argv[2] === 'startup';
const FILES = STARTUP_ONLY ? 1 : Number(process.argv[2] ?? 1000);
const TERRAFORM_FILES = Number(process.argv[3] ?? 2000);
const SMALL_RUNS = 15;
const TREE_RUNS = 5;
const PHASE_RUNS = 5;
/** Issue 13: a 5 MB single-line RUN scanned within this peak resident memory, in MB. */
const FIVE_MB_RUN_RSS_GOAL = 300;

const SERVICES = ['payments', 'refunds', 'ledger', 'notifications', 'fx-rates', 'webhooks', 'kyc', 'settlement', 'payouts', 'disputes', 'merchant-api', 'reconciliation'];
const GO = ['1.24.9', '1.25.3', '1.25.4'];
const DISTROLESS = 'gcr.io/distroless/static-debian12:nonroot@sha256:d093aa3e30dbadd3efe1310db061a14da60299baff8450a17fe0ccc514a16639';

/** Dockerfiles of the shapes Go teams write, clean and not, chosen by `seed`. */
const TEMPLATES = [
  (name, go) => `# syntax=docker/dockerfile:1
FROM golang:${go}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/${name} ./cmd/${name}

FROM ${DISTROLESS}
COPY --from=build /out/${name} /${name}
USER nonroot:nonroot
ENTRYPOINT ["/${name}"]
`,
  (name, go) => `ARG GO_VERSION=${go}
FROM golang:\${GO_VERSION}-alpine3.22 AS builder
RUN apk add --no-cache git ca-certificates
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 go build -o /out/${name} ./cmd/${name}

FROM alpine:3.22.2
RUN apk add --no-cache ca-certificates tzdata \\
    && adduser -S -u 10001 ${name}
COPY --from=builder /out/${name} /usr/local/bin/${name}
USER 10001
ENTRYPOINT ["/usr/local/bin/${name}"]
`,
  (name, go) => `FROM golang:${go}
WORKDIR /app
COPY . .
RUN go mod download
RUN go build -o /usr/local/bin/${name} ./cmd/${name}
EXPOSE 8080
CMD ["${name}"]
`,
  (name, go) => `FROM golang:${go}-bookworm AS build
ARG GITHUB_TOKEN=ci-${name}-token
ENV GOPROXY=https://ci:secret@goproxy.example.sg,direct
RUN apt-get update && apt-get install -y --no-install-recommends git
WORKDIR /src
COPY . .
RUN go build -o /out/${name} ./cmd/${name}

FROM scratch
COPY --from=biuld /out/${name} /${name}
ENTRYPOINT ["/${name}"]
`,
  (name) => `FROM debian:bookworm-20251117-slim
RUN apt-get update \\
    && apt-get install -y --no-install-recommends ca-certificates postgresql-client \\
    && rm -rf /var/lib/apt/lists/*
RUN <<EOF
set -eu
useradd --system --uid 10001 ${name}
mkdir -p /var/lib/${name}
EOF
COPY scripts/ /opt/${name}/
USER ${name}
ENTRYPOINT ["/opt/${name}/run.sh"]
`,
  (name) => `FROM alpine:latest
RUN apk add curl jq
COPY ${name}.sh /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/${name}.sh"]
`,
];

/** Several Dockerfiles per service directory, some nested, beside the Go and Markdown files a real tree has. */
function generateTree(root, count) {
  const names = ['Dockerfile', 'Dockerfile.dev', 'build/release.Dockerfile', 'deploy/jobs/Containerfile'];
  write(join(root, '.merlint.yaml'), 'failOn: error\nrules:\n  DKR002: error\n');
  let directories = 0;
  for (let made = 0; made < count; directories++) {
    const service = SERVICES[directories % SERVICES.length];
    const directory = join(root, `team-${directories % 7}`, `${service}-${Math.floor(directories / SERVICES.length)}`);
    write(join(directory, 'main.go'), `package main\n\nfunc main() {}\n`);
    write(join(directory, 'README.md'), `# ${service}\n`);
    for (const name of names.slice(0, 1 + (directories % names.length))) {
      if (made === count) break;
      const template = TEMPLATES[(made * 7 + directories) % TEMPLATES.length];
      write(join(directory, name), template(service, GO[made % GO.length]));
      made++;
    }
  }
  return directories;
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Median and minimum wall time in milliseconds of `runs` runs, after one warm-up run. */
function time(args, cwd, runs) {
  return timeInterleaved([{ args, cwd }], runs)[0];
}

/** Wall time of one run of `node args` in `cwd` (with `env` added to this process's), in milliseconds. */
function timeOnce({ args, cwd, env = {} }) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return elapsed;
}

/** Like `time` for several commands run in turn, one of each per round, so that on a shared machine all see the same load. */
function timeInterleaved(commands, runs) {
  for (const command of commands) timeOnce(command);
  const samples = commands.map(() => []);
  for (let run = 0; run < runs; run++) commands.forEach((command, index) => samples[index].push(timeOnce(command)));
  return samples.map(summary);
}

/** Median and minimum in milliseconds of `runs` runs of `phase` in this process after a first, cold one, whose time is kept too. */
async function timeInProcess(phase, runs) {
  const timed = async () => {
    const start = process.hrtime.bigint();
    await phase();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const first = await timed();
  const samples = [];
  for (let run = 0; run < runs; run++) samples.push(await timed());
  return { ...summary(samples), first };
}

function summary(unsorted) {
  const samples = [...unsorted].sort((a, b) => a - b);
  const middle = samples.length >> 1;
  const median = samples.length % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
  return { runs: samples.length, median, min: samples[0] };
}

const ONLY = process.env.BENCH_ONLY;
if (!ONLY) {
  realCorpusBenchmark();
  console.log();
}
const work = mkdtempSync(join(tmpdir(), 'merlint-bench-'));
try {
  if (!ONLY) {
    dockerfileBenchmark(join(work, 'dockerfiles'));
    if (STARTUP_ONLY) process.exit(0);
    console.log();
    await terraformBenchmark(join(work, 'terraform'));
    printHugeInputs(join(work, 'huge'));
    await shellBenchmark();
    await sourcesBenchmark(join(work, 'sources'), 1000);
  }
  if (!ONLY || ONLY === 'kubernetes') await kubernetesBenchmark(join(work, 'kubernetes'));
  if (!ONLY || ONLY === 'memory') memoryBenchmark(join(work, 'mixed'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Peak RSS, CPU and wall time of a whole scan of a generated mixed repository (about 10,000 files), in
 * batches (the default) and in one pass, in process (scripts/bench-memory-scan.mjs), and of the CLI
 * end to end (peak RSS by /usr/bin/time where there is one); rounds run each command in turn.
 */
function memoryBenchmark(root) {
  const made = generateMixedTree(root, 10_000, (name, seed) => TEMPLATES[seed % TEMPLATES.length](name, GO[seed % GO.length]));
  const scanner = fileURLToPath(new URL('bench-memory-scan.mjs', import.meta.url));
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  const inProcess = (budget) => () => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [scanner, root, ...(budget ? [budget] : [])], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench-memory-scan exited ${child.status}: ${child.stderr}`);
    return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, ...JSON.parse(child.stdout) };
  };
  const cli = () => {
    const args = [MERLINT, '.', '--format', 'sarif:/dev/null', '--fail-on', 'none'];
    const timed = existsSync('/usr/bin/time');
    const started = process.hrtime.bigint();
    const child = timed ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { cwd: root, encoding: 'utf8' }) : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const [user, system, kilobytes] = timed ? child.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, NaN, NaN];
    return { wallMs, cpuMs: (user + system) * 1000, peakRssMb: kilobytes / 1024 };
  };
  const commands = [
    ['whole scan in batches (default)', inProcess()],
    ['whole scan in one pass', inProcess('Infinity')],
    ['merlint CLI, SARIF, in batches', cli],
  ];
  const samples = commands.map(() => []);
  for (let round = 0; round < 3; round++) commands.forEach(([, run], index) => samples[index].push(run()));
  console.log(`\nMemory: a generated mixed repository of ${made.files} files (${made.stacks} Terraform stacks, ${made.services} services: Dockerfile, script, .env, Makefile, Compose, Go, TypeScript, manifests); load average ${load} before, ${loadavg().map((value) => value.toFixed(2)).join(' ')} after; medians of 3 rounds`);
  const median = (values) => summary(values).median;
  const width = Math.max(...commands.map(([label]) => label.length));
  console.log(`${'run'.padEnd(width)}  peak RSS       CPU      wall`);
  commands.forEach(([label], index) => {
    const runs = samples[index];
    console.log(`${label.padEnd(width)}  ${median(runs.map((run) => run.peakRssMb)).toFixed(0).padStart(5)} MB  ${ms(median(runs.map((run) => run.cpuMs)))}  ${ms(median(runs.map((run) => run.wallMs)))}`);
  });
  const findings = new Set(samples.slice(0, 2).flatMap((runs) => runs.map((run) => run.findings)));
  console.log(`findings: ${[...findings].join(', ')} (one number: batches and one pass agree); goal: peak RSS ≤ 200 MB`);
}

function dockerfileBenchmark(directory) {
  const tree = join(directory, 'tree');
  const directories = generateTree(tree, FILES);
  write(join(directory, 'single', 'Dockerfile'), TEMPLATES[0]('payments', GO[2]));

  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  const [bareNode, oneFile, oneFileWithConfig, oneFileUncached] = timeInterleaved(
    [
      { args: ['-e', ''], cwd: directory },
      { args: [MERLINT, 'Dockerfile'], cwd: join(directory, 'single') },
      { args: [MERLINT, 'team-0/payments-0/Dockerfile'], cwd: tree },
      { args: [MERLINT, 'Dockerfile'], cwd: join(directory, 'single'), env: { MERLINT_CODE_CACHE: 'off' } },
    ],
    SMALL_RUNS,
  );
  const rows = [
    ["node -e ''", bareNode],
    ['merlint, one Dockerfile', oneFile],
    ['merlint, one Dockerfile + .merlint.yaml', oneFileWithConfig],
    ['merlint, one Dockerfile, code cache off', oneFileUncached],
    ...(STARTUP_ONLY ? [] : [[`merlint, tree of ${FILES} Dockerfiles`, time([MERLINT, '.'], tree, TREE_RUNS)]]),
  ];

  console.log(`merlint benchmark: node ${process.version}, ${FILES} Dockerfiles in ${directories} service directories; load average ${load} before, ${loadavg().map((value) => value.toFixed(2)).join(' ')} after`);
  printTable(rows);
  const bare = rows[0][1].median;
  console.log(`one Dockerfile / bare node: ${(rows[1][1].median / bare).toFixed(2)}x (with config ${(rows[2][1].median / bare).toFixed(2)}x, code cache off ${(rows[3][1].median / bare).toFixed(2)}x; goal 1.3x)`);
}

/** Parse, model and rules in this process, phase by phase, beside hcl2json parsing the same files; then the CLI end to end. */
async function terraformBenchmark(tree) {
  const { stacks } = generateTerraformTree(tree, TERRAFORM_FILES);
  const { files } = await discover({ root: tree, paths: [tree], ignore: [] });
  const sources = files.map((file) => ({ path: file.path, kind: file.kind, text: readFileSync(file.absolutePath, 'utf8') }));
  const megabytes = sources.reduce((total, source) => total + Buffer.byteLength(source.text), 0) / 1e6;
  const settings = defaultConfig().settings;

  let documents = [];
  const parsing = await timeInProcess(async () => {
    documents = [];
    for (const source of sources) documents.push((await parse(source)).document);
  }, PHASE_RUNS);
  const theirs = await timeInProcess(async () => {
    for (const source of sources) await hcl2json(source.path, source.text);
  }, PHASE_RUNS);
  // Values are evaluated when first asked for, so the rules finish the evaluation the model starts: each run builds a fresh workspace.
  let workspace;
  const model = async () => {
    workspace = await buildWorkspace(documents, { reader: new RootReader(tree), varFiles: [], requested: EVERY_PART_REQUESTED });
    // Regions, transfers and the network are worked out when first asked for.
    const { regions, transfers, network } = workspace.terraform;
    return regions.uses.length + transfers.length + network.subnets.length;
  };
  let findings = 0;
  const checks = await loadChecks(allRules, new Set(KINDS));
  const rules = () => {
    findings = 0;
    const report = () => findings++;
    for (const document of documents) {
      for (const rule of checks) if (rule.kinds.includes(document.kind)) rule.check({ document, workspace, settings, report });
    }
  };
  const modelling = await timeInProcess(model, PHASE_RUNS);
  const evaluating = await timeInProcess(async () => {
    await model();
    rules();
  }, PHASE_RUNS);
  const scanning = time([MERLINT, '.'], tree, TREE_RUNS);

  console.log(`Terraform: ${sources.length} files (.tf, .tfvars) in ${stacks} stacks, ${megabytes.toFixed(2)} MB; ${workspace.terraform.resources.length} resource instances in ${workspace.terraform.modules.length} module instances, ${findings} findings`);
  const throughput = ({ median }) => `${Math.round(sources.length / (median / 1000))} files/s, ${(megabytes / (median / 1000)).toFixed(2)} MB/s`;
  const cold = ({ first }) => `first run ${ms(first).trim()}`;
  printTable([
    ['merlint parse (hand-written HCL parser)', parsing, `${throughput(parsing)}; ${cold(parsing)}`],
    ['@cdktf/hcl2json parse (HashiCorp hclsyntax)', theirs, `${throughput(theirs)}; ${cold(theirs)}`],
    ['merlint model: modules, regions, transfers, network, ECR', modelling, cold(modelling)],
    ['merlint model and every rule', evaluating, cold(evaluating)],
    ['merlint CLI scan, end to end', scanning],
  ]);
  console.log(`parse time, merlint / hcl2json: ${(parsing.median / theirs.median).toFixed(2)}x`);
}

function printTable(rows) {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`${'run'.padEnd(width)}  runs   median      min`);
  for (const [label, { runs, median, min }, note] of rows) {
    console.log(`${label.padEnd(width)}  ${String(runs).padStart(4)}  ${ms(median)}  ${ms(min)}${note ? `  ${note}` : ''}`);
  }
}

function ms(value) {
  return `${value.toFixed(1).padStart(7)} ms`;
}

/** `unit` repeated to about `size` characters. */
function repeat(unit, size) {
  return unit.repeat(Math.ceil(size / unit.length));
}

function numbered(count, line) {
  return Array.from({ length: count }, (_, i) => line(i)).join('\n');
}

/** One file each, by what it stresses: quadratic rule work, long lines, deep nesting. */
function hugeInputs() {
  const FIVE_MB = 5 * 1024 * 1024;
  return {
    'Dockerfile, one stage of 20,000 instructions': () => ({
      Dockerfile: `FROM golang:1.25.4 AS build\n${numbered(20_000, (i) => [`RUN apk add pkg-${i}`, `ENV STEP_${i}=\${STEP_${i - 4}:-start}`, `COPY src/${i} /src/${i}/`, `RUN go build -o /out/app-${i} ./cmd/${i}`][i % 4])}\n`,
    }),
    'Dockerfile, 28,000 RUN lines (5 MB)': () => ({
      Dockerfile: `FROM alpine:3.22.2\n${numbered(28_000, (i) => `RUN apk add --no-cache pkg-${i} && echo ${'x'.repeat(150)}`)}\nUSER 10001\n`,
    }),
    'Dockerfile, one 5 MB RUN line': () => ({ Dockerfile: `FROM alpine:3.22.2\nRUN echo ${repeat('ab ', FIVE_MB)} && apk add curl\nUSER 10001\n` }),
    'Dockerfile, 6,000 stages FROM each other': () => ({
      Dockerfile: `FROM golang:1.25.4 AS s0\n${numbered(6_000, (i) => `FROM s${i} AS s${i + 1}\nRUN go build -o /out/b${i + 1} .`)}\nFROM scratch\nCOPY --from=s6000 /out /out\nUSER 65532\n`,
    }),
    'Terraform, 40,000 resources (5 MB)': () => ({
      'main.tf': `provider "aws" {\n  region = "ap-southeast-1"\n}\n${numbered(40_000, (i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "merlint-bench-${i}"\n  tags = { index = "${i}", team = "payments" }\n}`)}\n`,
    }),
    'Terraform, a 5 MB heredoc': () => ({ 'main.tf': `locals {\n  script = <<-EOT\n${repeat('    echo "${local.name}" >> /var/log/setup.log\n', FIVE_MB)}  EOT\n  name = "x"\n}\n` }),
    'Terraform, a heredoc %{for} of 10,000 JSON rules': () => ({
      'main.tf': `locals {\n  tags = flatten([for a in range(100) : [for b in range(100) : "v\${a}.\${b}"]])\n}\nresource "aws_ecr_lifecycle_policy" "app" {\n  repository = "app"\n  policy     = <<-EOT\n    {"rules": [\n    %{~ for i, tag in local.tags ~}\n      {"rulePriority": \${i + 1}, "selection": {"tagStatus": "tagged", "tagPrefixList": ["\${tag}"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},\n    %{~ endfor ~}\n      {"rulePriority": 20000, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan"}, "action": {"type": "expire"}}\n    ]}\n  EOT\n}\n`,
    }),
    'Terraform, 10,000 nested tuples': () => ({ 'main.tf': `locals {\n  x = ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n}\n` }),
  };
}

/** Median wall time of a scan of each huge input, each in a directory of its own. */
function printHugeInputs(directory) {
  const rows = Object.entries(hugeInputs()).map(([label, files], index) => {
    const root = join(directory, String(index));
    let bytes = 0;
    for (const [path, text] of Object.entries(files())) {
      write(join(root, path), text);
      bytes += Buffer.byteLength(text);
    }
    return [label, bytes, time([MERLINT, '.', '--format', 'compact'], root, 3), peakRss(['.', '--format', 'compact'], root)];
  });
  console.log('\nhuge inputs (one file each, --format compact)');
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`${'input'.padEnd(width)}      size  runs   median      min   peak RSS`);
  for (const [label, bytes, { runs, median, min }, rss] of rows) {
    console.log(`${label.padEnd(width)}  ${(bytes / 1048576).toFixed(1).padStart(5)} MB  ${String(runs).padStart(4)}  ${ms(median)}  ${ms(min)}  ${rss.toFixed(0).padStart(6)} MB`);
  }
  const fiveMbRun = rows.find(([label]) => label === 'Dockerfile, one 5 MB RUN line');
  console.log(`one 5 MB RUN line: peak RSS ${fiveMbRun[3].toFixed(0)} MB (goal: at most ${FIVE_MB_RUN_RSS_GOAL} MB)`);
}

/** Peak resident memory of one CLI run in `cwd`, in MB: the child reports its own (Node cannot ask for a child's). */
function peakRss(args, cwd) {
  const report = "process.on('exit', () => process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`));";
  // `node -e` leaves no script path in process.argv, where the CLI expects one.
  const run = `${report} process.argv.splice(1, 0, ${JSON.stringify(MERLINT)}); await import(${JSON.stringify(pathToFileURL(MERLINT).href)});`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', run, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const kilobytes = /maxRSS (\d+)/.exec(child.stderr)?.[1];
  if (kilobytes === undefined) throw new Error(`merlint ${args.join(' ')} reported no peak memory: ${child.stderr}`);
  return Number(kilobytes) / 1024;
}

/** Deployments, Services, ConfigMaps and CronJobs of the shapes platform teams keep, some with findings, to about `size` bytes. */
function manifests(size) {
  const shapes = [
    (i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  namespace: team-${i % 9}\n  labels: &labels {app: svc-${i}, tier: api}\nspec:\n  replicas: 3\n  selector: {matchLabels: *labels}\n  template:\n    metadata: {labels: *labels}\n    spec:\n      nodeSelector: {topology.kubernetes.io/region: ${i % 13 === 0 ? 'ap-northeast-1' : 'ap-southeast-1'}}\n      containers:\n        - name: api\n          image: registry.example.sg/svc-${i}:1.${i % 20}.0\n          args: ["--listen=${i % 11 === 0 ? '[::]' : '0.0.0.0'}:8080", "--log-format=json"]\n          env:\n            - {name: AWS_REGION, value: ap-southeast-1}\n            - {name: DB_HOST, value: db-${i}.data.svc.cluster.local}\n            - name: DB_PASSWORD\n              valueFrom: {secretKeyRef: {name: db-${i}, key: password}}\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n`,
    (i) => `apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: team-${i % 9}}\nspec:\n  selector: {app: svc-${i}}\n  ipFamilyPolicy: ${i % 7 === 0 ? 'RequireDualStack' : 'SingleStack'}\n  ports: [{port: 443, targetPort: 8080}]\n`,
    (i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg-${i}}\ndata:\n  LISTEN_ADDR: "0.0.0.0:8080"\n  config.toml: |\n    [server]\n    bind = "0.0.0.0:8080"\n    upstream = "http://svc-${i}.team.svc:8080"\n`,
    (i) => `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: job-${i}}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: job\n              image: registry.example.sg/job:1.0\n              command: ["/bin/sh", "-c", "${i % 17 === 0 ? 'sysctl -w net.ipv6.conf.all.disable_ipv6=1 && ' : ''}exec /job --once"]\n`,
  ];
  const documents = [];
  for (let i = 0, bytes = 0; bytes < size; i++) {
    const document = shapes[i % shapes.length](i);
    documents.push(document);
    bytes += document.length + 4;
  }
  return documents;
}

/** Manifests per second on one generated 5 MB multi-document file (network.ipv6: false, so the IPv6 rules run too). */
async function kubernetesBenchmark(directory) {
  const documents = manifests(5 * 1024 * 1024);
  write(join(directory, 'all.yaml'), documents.join('---\n'));
  write(join(directory, '.merlint.yaml'), 'network:\n  ipv6: false\n');
  const config = { ...defaultConfig(), settings: { ...defaultConfig().settings, network: { ipv6: false } } };
  const source = { path: 'all.yaml', kind: 'kubernetes', text: readFileSync(join(directory, 'all.yaml'), 'utf8') };
  const checks = await loadChecks(allRules, new Set(['kubernetes']));
  let findings = 0;
  const inProcess = await timeInProcess(async () => {
    const { document } = await parse(source);
    const workspace = await buildWorkspace([document], { reader: new RootReader(directory), varFiles: [], requested: EVERY_PART_REQUESTED });
    findings = 0;
    for (const rule of checks) {
      rule.check({ document, workspace, settings: config.settings, report: () => findings++ });
    }
  }, PHASE_RUNS);
  const cli = time([MERLINT, '.', '--format', 'compact'], directory, 3);
  const megabytes = Buffer.byteLength(source.text) / 1048576;
  console.log(`\nKubernetes: one ${megabytes.toFixed(1)} MB file of ${documents.length} manifests, ${findings} findings`);
  printTable([
    ['parse, model and rules in process', inProcess, `${Math.round(documents.length / (inProcess.median / 1000)).toLocaleString('en')} manifests/s`],
    ['merlint . (CLI)', cli, `${Math.round(documents.length / (cli.median / 1000)).toLocaleString('en')} manifests/s`],
  ]);
}
