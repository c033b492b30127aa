// Times what team policies cost: a one-Dockerfile run (a pre-commit hook) and a scan of a
// generated Terraform repository of about M files, each without and with the example policy
// pack (`--policy examples/policies`, eight policies over every Terraform and Dockerfile target).
// Not a test: it prints medians and exits 0.
//   node scripts/bench-policies.mjs [M]     (after npm run build; M Terraform files, default 1000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTerraformTree } from './bench-terraform-tree.mjs';

const MERLINT = fileURLToPath(new URL('../bin/merlint.js', import.meta.url));
const PACK = fileURLToPath(new URL('../examples/policies', import.meta.url));
const TERRAFORM_FILES = Number(process.argv[2] ?? 1000);
const RUNS = 7;

function median(args, cwd) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, [MERLINT, '--fail-on', 'none', '--format', 'compact', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    if (child.status !== 0) throw new Error(`merlint ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const root = mkdtempSync(join(tmpdir(), 'merlint-bench-policies-'));
try {
  writeFileSync(join(root, 'Dockerfile'), 'FROM golang:1.25.4-bookworm AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n');
  const terraform = join(root, 'terraform');
  const { files } = generateTerraformTree(terraform, TERRAFORM_FILES);
  const rows = [
    ['one Dockerfile', median(['Dockerfile'], root), median(['--policy', PACK, 'Dockerfile'], root)],
    [`Terraform, ${files} files`, median(['terraform'], root), median(['--policy', PACK, 'terraform'], root)],
  ];
  for (const [name, without, withPolicies] of rows) {
    console.log(`${name.padEnd(28)} without policies ${without.toFixed(0).padStart(6)} ms   with the example pack ${withPolicies.toFixed(0).padStart(6)} ms   (${withPolicies >= without ? '+' : ''}${(((withPolicies - without) / without) * 100).toFixed(0)}%)`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
