// The table of issue 13 on real public files (offline: a local checkout named by MERLINT_REAL_CORPUS,
// as third-party code is not committed here; see BENCHMARKS.md for the commits measured): merlint against
// a bare Node start for one-file runs (what a pre-commit hook pays), and against a peer parsing the
// same files in one process for whole scans. Runs are paired: each round runs every command once,
// in turn, and a ratio is taken within the round; the table gives median times and median ratios of
// wall time and of CPU time (steadier on a shared machine), with the load average before and after.
//   node scripts/bench-real.mjs [ROUNDS]     (also the first part of `npm run bench`)
//   node scripts/bench-real.mjs --peer hcl2json|dockerfilelint DIR   (a peer's one-process run)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTool, requireTool } from '../tools/load.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(HERE, '..');
const MERLINT = join(REPO, 'bin', 'merlint.js');
// A directory holding terraform-aws-modules/terraform-aws-vpc as terraform-aws-vpc/ and
// docker/awesome-compose as awesome-compose/ (any recent commit; BENCHMARKS.md names the ones measured).
const CORPUS = process.env.MERLINT_REAL_CORPUS;
const VPC = join(CORPUS ?? '', 'terraform-aws-vpc');
const COMPOSE = join(CORPUS ?? '', 'awesome-compose');

if (process.argv[2] === '--peer') await peer(process.argv[3], process.argv[4]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) realCorpusBenchmark(Number(process.argv[2] ?? 9));

/** Every file under `directory` whose name passes `wanted`, as absolute paths in a stable order. */
function filesUnder(directory, wanted) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A peer parsing (hcl2json) or linting (dockerfilelint) every file of `directory` in this one process. */
async function peer(name, directory) {
  if (name === 'hcl2json') {
    const { parse } = await importTool('@cdktf/hcl2json');
    for (const file of filesUnder(directory, (base) => base.endsWith('.tf'))) await parse(file, readFileSync(file, 'utf8'));
  } else if (name === 'dockerfilelint') {
    const dockerfilelint = requireTool('dockerfilelint');
    for (const file of filesUnder(directory, (base) => base === 'Dockerfile')) dockerfilelint.run(directory, readFileSync(file, 'utf8'));
  } else {
    throw new Error(`unknown peer ${name}`);
  }
}

export function realCorpusBenchmark(rounds = 9) {
  if (!CORPUS || !existsSync(VPC) || !existsSync(COMPOSE)) {
    console.log('real-code table skipped: set MERLINT_REAL_CORPUS to a directory holding terraform-aws-vpc/ and awesome-compose/ checkouts');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'merlint-bench-real-'));
  try {
    // Lone files: copied alone into a directory, so no context is found around them.
    cpSync(join(COMPOSE, 'nginx-golang', 'backend', 'Dockerfile'), join(work, 'dockerfile', 'Dockerfile'));
    cpSync(join(VPC, 'examples', 'simple', 'main.tf'), join(work, 'tf', 'main.tf'));
    const node = (args, cwd) => ({ args, cwd });
    const commands = {
      bare: node(['-e', ''], work),
      dockerfile: node([MERLINT, 'Dockerfile'], join(work, 'dockerfile')),
      loneTf: node([MERLINT, 'main.tf'], join(work, 'tf')),
      infra: node([MERLINT, 'infra/main.tf'], join(REPO, 'examples')),
      infraInRepository: node([MERLINT, 'examples/infra/main.tf'], REPO),
      vpcExample: node([MERLINT, 'examples/complete/main.tf'], VPC),
      vpcRoot: node([MERLINT, 'main.tf'], VPC),
      tfScan: node([MERLINT, '.'], VPC),
      hcl2json: node([join(HERE, 'bench-real.mjs'), '--peer', 'hcl2json', VPC], REPO),
      dockerScan: node([MERLINT, '.'], COMPOSE),
      dockerfilelint: node([join(HERE, 'bench-real.mjs'), '--peer', 'dockerfilelint', COMPOSE], REPO),
    };
    const before = loadavg();
    const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    for (const [name, command] of Object.entries(commands)) run(name, command); // warm the file cache
    for (let round = 0; round < rounds; round++) {
      for (const [name, command] of Object.entries(commands)) samples[name].push(run(name, command));
    }
    const after = loadavg();
    const tfCount = filesUnder(VPC, (base) => base.endsWith('.tf')).length;
    const dockerCount = filesUnder(COMPOSE, (base) => base === 'Dockerfile').length;
    console.log(`issue 13 table: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${rounds} paired rounds, load average ${before.map((value) => value.toFixed(2)).join(' ')} before, ${after.map((value) => value.toFixed(2)).join(' ')} after`);
    const rows = [
      ['one Dockerfile (awesome-compose nginx-golang)', 'dockerfile', "node -e ''", 'bare', 1.3],
      ['one lone .tf file (terraform-aws-vpc examples/simple/main.tf)', 'loneTf', "node -e ''", 'bare', 1.5],
      ['examples/infra/main.tf (10-file root module + local module), from examples/', 'infra', "node -e ''", 'bare', 2],
      // From the repository root, merlint's own fixtures are context: those with ECR policies, S3 buckets or IPv6 associations may match across modules.
      ['the same, from the merlint repository root (fixtures as context)', 'infraInRepository', "node -e ''", 'bare', undefined],
      ['terraform-aws-vpc examples/complete/main.tf, in the repository', 'vpcExample', "node -e ''", 'bare', undefined],
      ['terraform-aws-vpc main.tf (root module its examples call), in the repository', 'vpcRoot', "node -e ''", 'bare', undefined],
      [`whole scan, ${tfCount} real .tf files (terraform-aws-vpc)`, 'tfScan', '@cdktf/hcl2json, same files', 'hcl2json', 0.5],
      [`whole scan, ${dockerCount} real Dockerfiles (awesome-compose)`, 'dockerScan', 'dockerfilelint, same files', 'dockerfilelint', 0.5],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(`${'run (wall time, median)'.padEnd(width)}  merlint   yardstick                          ratio  CPU ratio  goal`);
    for (const [label, ours, yardstickLabel, yardstick, goal] of rows) {
      const ratio = (measure) => median(samples[ours].map((value, round) => value[measure] / samples[yardstick][round][measure]));
      const wall = (name) => median(samples[name].map((value) => value.wall));
      const yardstickText = `${yardstickLabel} ${seconds(wall(yardstick)).trim()}`;
      console.log(`${label.padEnd(width)}  ${seconds(wall(ours))}  ${yardstickText.padEnd(33)}  ${ratio('wall').toFixed(2).padStart(5)}x  ${ratio('cpu').toFixed(2).padStart(8)}x  ${goal ? `<= ${goal}x` : '-'}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Wall time and CPU time (user + system, Linux only, else NaN) of one run, in milliseconds. */
function run(name, { args, cwd }) {
  const cpuBefore = childrenCpu();
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${name}: node ${args.map((arg) => relative(REPO, arg) || arg).join(' ')} exited ${child.status}: ${child.stderr}`);
  return { wall: elapsed, cpu: childrenCpu() - cpuBefore };
}

/** CPU time of this process's finished children (cutime + cstime of /proc/self/stat, in ticks of 10 ms), in milliseconds. */
function childrenCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function seconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(3).padStart(6)} s`;
}
