// The table of issue 13 on real public files, offline: the corpus is a local directory named by
// MERLINT_REAL_CORPUS and built once beforehand by scripts/real-corpus.mjs (third-party code is not
// committed here; scripts/real-corpus.json names the repositories, commits and licences). merlint
// against a bare Node start for one-file runs (what a pre-commit hook pays), and against a peer
// parsing or linting the same files in one process for whole scans (for manifests, when the corpus has
// them: the YAML parser merlint uses, alone). Runs are paired: each round runs
// every command once, in turn, and a ratio is taken within the round; the table gives median times
// and median ratios of wall time and of CPU time (steadier on a shared machine; each child reports its
// own, see bench-cpu-report.cjs), peak RSS, and the load average before and after.
//   node scripts/bench-real.mjs [ROUNDS]     (also the first part of `npm run bench`)
//   node scripts/bench-real.mjs --peer hcl2json|dockerfilelint|yaml DIR   (a peer's one-process run)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTool, requireTool } from '../tools/load.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(HERE, '..');
const MERLINT = join(REPO, 'bin', 'merlint.js');
const CPU_REPORT = join(HERE, 'bench-cpu-report.cjs');
const CORPUS = process.env.MERLINT_REAL_CORPUS;
const TERRAFORM = join(CORPUS ?? '', 'terraform');
const DOCKERFILES = join(CORPUS ?? '', 'dockerfiles');
const MANIFESTS = join(CORPUS ?? '', 'manifests');
const VPC = join(TERRAFORM, 'terraform-aws-modules+terraform-aws-vpc');
const LONE_DOCKERFILE = join(DOCKERFILES, 'docker+awesome-compose', 'nginx-golang', 'backend', 'Dockerfile');
/** A privileged init container whose `sh -c` script runs sysctl: the shell reader and its grammar load. */
const LONE_MANIFEST = join(MANIFESTS, 'istio+istio', 'samples', 'proxy-coredump', 'daemonset.yaml');
const isTerraform = (base) => base.endsWith('.tf');
const isDockerfile = (base) => base.startsWith('Dockerfile');
const isYaml = (base) => /\.ya?ml$/.test(base);

if (process.argv[2] === '--peer') await peer(process.argv[3], process.argv[4]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) realCorpusBenchmark(Number(process.argv[2] ?? 9));

/** Every file under `directory` whose name passes `wanted`, as absolute paths in a stable order. */
function filesUnder(directory, wanted) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A peer parsing (hcl2json) or linting (dockerfilelint) every file of `directory` in this one process.
 * A file the peer throws on is counted and skipped, so one crash does not end its run early.
 */
async function peer(name, directory) {
  const peers = {
    hcl2json: { files: isTerraform, check: hcl2jsonParser },
    dockerfilelint: { files: isDockerfile, check: () => dockerfilelintLinter(directory) },
    yaml: { files: isYaml, check: yamlParser },
  };
  if (!peers[name]) throw new Error(`unknown peer ${name}`);
  const check = await peers[name].check();
  const files = filesUnder(directory, peers[name].files);
  let failed = 0;
  for (const file of files) {
    try {
      await check(file, readFileSync(file, 'utf8'));
    } catch {
      failed++;
    }
  }
  console.error(`${name}: ${files.length} files, ${failed} failed`);
}

async function hcl2jsonParser() {
  const { parse } = await importTool('@cdktf/hcl2json');
  return (file, text) => parse(file, text);
}

/** The YAML parser merlint reads manifests with, every document of every file: what a scan costs beyond parsing. */
async function yamlParser() {
  const { parseAllDocuments } = await import('yaml');
  return (_file, text) => parseAllDocuments(text);
}

function dockerfilelintLinter(directory) {
  const dockerfilelint = requireTool('dockerfilelint');
  return (_file, text) => dockerfilelint.run(directory, text);
}

export function realCorpusBenchmark(rounds = 9) {
  if (!CORPUS || !existsSync(VPC) || !existsSync(LONE_DOCKERFILE)) {
    console.log('real-code table skipped: build the corpus with `node scripts/real-corpus.mjs DIR` and set MERLINT_REAL_CORPUS=DIR');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'merlint-bench-real-'));
  try {
    // Lone files: copied alone into a directory, so no context is found around them.
    cpSync(LONE_DOCKERFILE, join(work, 'dockerfile', 'Dockerfile'));
    cpSync(join(VPC, 'examples', 'simple', 'main.tf'), join(work, 'tf', 'main.tf'));
    const manifests = existsSync(LONE_MANIFEST);
    if (manifests) cpSync(LONE_MANIFEST, join(work, 'manifest', 'daemonset.yaml'));
    const node = (args, cwd) => ({ args, cwd });
    // A one-file run is timed against a bare Node start of its own (withBareStartBeforeEachOneFileRun).
    const oneFile = (args, cwd) => ({ args, cwd, pairedWithBareStart: true });
    const commands = {
      bare: node(['-e', ''], work),
      dockerfile: oneFile([MERLINT, 'Dockerfile'], join(work, 'dockerfile')),
      loneTf: oneFile([MERLINT, 'main.tf'], join(work, 'tf')),
      infra: oneFile([MERLINT, 'infra/main.tf'], join(REPO, 'examples')),
      infraInRepository: oneFile([MERLINT, 'examples/infra/main.tf'], REPO),
      vpcExample: oneFile([MERLINT, 'examples/complete/main.tf'], VPC),
      vpcRoot: oneFile([MERLINT, 'main.tf'], VPC),
      tfScan: node([MERLINT, '.'], TERRAFORM),
      hcl2json: node([join(HERE, 'bench-real.mjs'), '--peer', 'hcl2json', TERRAFORM], REPO),
      dockerScan: node([MERLINT, '.'], DOCKERFILES),
      dockerfilelint: node([join(HERE, 'bench-real.mjs'), '--peer', 'dockerfilelint', DOCKERFILES], REPO),
      ...(manifests && {
        manifest: oneFile([MERLINT, 'daemonset.yaml'], join(work, 'manifest')),
        manifestScan: node([MERLINT, '.'], MANIFESTS),
        yaml: node([join(HERE, 'bench-real.mjs'), '--peer', 'yaml', MANIFESTS], REPO),
      }),
    };
    const steps = withBareStartBeforeEachOneFileRun(commands);
    const before = loadavg();
    const samples = Object.fromEntries(steps.map(([name]) => [name, []]));
    // The code cache starts empty in a directory of this run's own, so its entries are written by the
    // warm-up round (the one-Dockerfile run first), not by whatever ran merlint last (a test suite's scans).
    const env = { MERLINT_CODE_CACHE: join(work, 'code-cache') };
    for (const [name, command] of steps) run(name, command, env); // warm the file and code caches
    for (let round = 0; round < rounds; round++) {
      for (const [name, command] of steps) samples[name].push(run(name, command, env));
    }
    const after = loadavg();
    const tfCount = filesUnder(TERRAFORM, isTerraform).length;
    const tfRepositories = readdirSync(TERRAFORM).length;
    const dockerCount = filesUnder(DOCKERFILES, isDockerfile).length;
    const dockerRepositories = readdirSync(DOCKERFILES).length;
    console.log(`issue 13 table: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${rounds} paired rounds, load average ${before.map((value) => value.toFixed(2)).join(' ')} before, ${after.map((value) => value.toFixed(2)).join(' ')} after`);
    const rows = [
      [`one Dockerfile (${relative(DOCKERFILES, LONE_DOCKERFILE)})`, 'dockerfile', "node -e ''", 'bare', 1.3],
      ['one lone .tf file (terraform-aws-vpc examples/simple/main.tf)', 'loneTf', "node -e ''", 'bare', 1.5],
      ['examples/infra/main.tf (10-file root module + local module), from examples/', 'infra', "node -e ''", 'bare', 2],
      // From the repository root, merlint's own fixtures are context: those with ECR policies, S3 buckets or IPv6 associations may match across modules.
      ['the same, from the merlint repository root (fixtures as context)', 'infraInRepository', "node -e ''", 'bare', undefined],
      ['terraform-aws-vpc examples/complete/main.tf, in the repository', 'vpcExample', "node -e ''", 'bare', undefined],
      ['terraform-aws-vpc main.tf (root module its examples call), in the repository', 'vpcRoot', "node -e ''", 'bare', undefined],
      [`whole scan, ${tfCount} real .tf files (${tfRepositories} repositories)`, 'tfScan', '@cdktf/hcl2json, same files', 'hcl2json', 0.5],
      [`whole scan, ${dockerCount} real Dockerfiles (${dockerRepositories} repositories)`, 'dockerScan', 'dockerfilelint, same files', 'dockerfilelint', 0.5],
      ...(manifests ? manifestRows() : []),
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(`${'run (median of rounds)'.padEnd(width)}  merlint wall  CPU      peak     yardstick wall, CPU                      ratio  CPU ratio  goal`);
    for (const [label, ours, yardstickLabel, yardstick, goal] of rows) {
      const paired = yardstick === 'bare' ? bareBefore(ours) : yardstick;
      const ratio = (measure) => median(samples[ours].map((value, round) => value[measure] / samples[paired][round][measure]));
      const of = (name, measure) => median(samples[name].map((value) => value[measure]));
      const yardstickText = `${yardstickLabel} ${seconds(of(paired, 'wall')).trim()}, ${seconds(of(paired, 'cpu')).trim()}`;
      const peak = `${of(ours, 'peakMb').toFixed(0).padStart(4)} MB`;
      console.log(`${label.padEnd(width)}  ${seconds(of(ours, 'wall'))}  ${seconds(of(ours, 'cpu'))}  ${peak}  ${yardstickText.padEnd(40)}  ${ratio('wall').toFixed(2).padStart(5)}x  ${ratio('cpu').toFixed(2).padStart(8)}x  ${goal ? `<= ${goal}x` : '-'}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function manifestRows() {
  const yamlCount = filesUnder(MANIFESTS, isYaml).length;
  const repositories = readdirSync(MANIFESTS).length;
  return [
    ['one manifest with a sh -c script (istio samples/proxy-coredump/daemonset.yaml)', 'manifest', "node -e ''", 'bare', undefined],
    [`whole scan, ${yamlCount} real YAML files (${repositories} repositories of manifests)`, 'manifestScan', 'yaml parseAllDocuments, same files', 'yaml', undefined],
  ];
}

/**
 * The commands of a round in order, with a bare Node start measured just before each one-file run and
 * paired with it, both after an unmeasured bare start. The first process after a whole scan (the YAML
 * peer frees a quarter of a gigabyte as it exits) is slowed, so one bare start at the head of each
 * round, right after that peer, made every one-file ratio look better than it was.
 */
function withBareStartBeforeEachOneFileRun(commands) {
  const { bare, ...rest } = commands;
  return Object.entries(rest).flatMap(([name, command]) =>
    command.pairedWithBareStart ? [['settle', bare], [bareBefore(name), bare], [name, command]] : [[name, command]],
  );
}

function bareBefore(name) {
  return `bare before ${name}`;
}

/** Wall time, CPU time (user + system, as the child reports it) in milliseconds, and peak RSS in MB of one run. */
function run(name, { args, cwd }, env) {
  const report = join(tmpdir(), `merlint-bench-${process.pid}.json`);
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', CPU_REPORT, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env, MERLINT_BENCH_REPORT: report } });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${name}: node ${args.map((arg) => relative(REPO, arg) || arg).join(' ')} exited ${child.status}: ${child.stderr}`);
  const { cpu, peakMb } = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report);
  return { wall: elapsed, cpu, peakMb };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function seconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(3).padStart(6)} s`;
}
