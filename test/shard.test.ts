import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { mergeSarifFiles } from '../src/merge-sarif.js';
import { checkedTogether } from '../src/languages/index.js';
import { formatSarif } from '../src/reporters/sarif.js';
import { parseShard, shardOf } from '../src/shard.js';
import type { Finding } from '../src/types.js';
import { assertUsageError, merlint } from './helpers/cli.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { sarifValidator } from './helpers/schemas.js';

const validateSarif = sarifValidator();

function key(finding: Finding): string {
  return JSON.stringify([finding.location, finding.ruleId, finding.message, finding.related, finding.fingerprint, finding.suppression ?? null]);
}

async function shards(root: string, count: number): Promise<ScanResult[]> {
  const parts: ScanResult[] = [];
  for (let index = 1; index <= count; index++) parts.push(await scanDirectory(root, [root], { shard: { index, count } }));
  return parts;
}

for (const directory of ['fixtures', 'examples']) {
  test(`the shards of a scan of ${directory}/ find, together, exactly what one scan finds (1 to 5 shards)`, async () => {
    const root = repoPath(directory);
    const whole = (await scanDirectory(root)).findings.map(key).sort();
    assert.ok(whole.length > 0);
    for (let count = 1; count <= 5; count++) {
      const parts = await shards(root, count);
      const union = parts.flatMap((part) => part.findings.map(key));
      assert.equal([...new Set(union)].sort(), whole, `${count} shards`);
      assert.is(union.length, whole.length, `${count} shards: no finding reported by two shards`);
      if (count > 1) assert.ok(parts.filter((part) => part.findings.length > 0).length > 1, `${count} shards: the work is spread`);
    }
  });
}

test('a Terraform root module and the local modules it calls stay in one shard', async () => {
  const root = repoPath('examples');
  for (const part of await shards(root, 3)) {
    const paths = [...part.sources.keys()].filter((path) => path.startsWith('infra/'));
    if (paths.length === 0) continue;
    assert.ok(paths.some((path) => path.startsWith('infra/modules/')), 'the called modules come along');
    assert.ok(paths.includes('infra/main.tf'), 'with their root');
  }
});

test('the units of a repository of 200,000 Dockerfiles are listed, one a file, without overflowing the stack', async () => {
  const files = Array.from({ length: 200_000 }, (_, index) => ({ path: `service-${index}/Dockerfile`, kind: 'dockerfile' as const }));
  const units = await checkedTogether(files, () => 'FROM alpine:3.19\n', new Set());
  assert.is(units.length, files.length);
  assert.equal(units[199_999], ['service-199999/Dockerfile']);
});

test('--shard is INDEX/COUNT with 1 ≤ INDEX ≤ COUNT', () => {
  assert.equal(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/2']) assert.throws(() => parseShard(bad), /--shard must be INDEX\/COUNT/, bad);
});

test('merge-sarif joins the shards’ SARIF into one valid run equal to the SARIF of one scan', async () => {
  const root = repoPath('examples');
  const directory = mkdtempSync(join(tmpdir(), 'merlint-merge-'));
  try {
    const files = (await shards(root, 3)).map((part, index) => {
      const file = join(directory, `part-${index + 1}.sarif`);
      writeFileSync(file, formatSarif(part, { version: '1.2.3' }));
      return file;
    });
    const merged = JSON.parse(mergeSarifFiles(files.reverse()).text) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const whole = JSON.parse(formatSarif(await scanDirectory(root), { version: '1.2.3' })) as typeof merged;
    assert.ok(validateSarif(merged), JSON.stringify(validateSarif.errors?.slice(0, 5)));
    assert.is(merged.runs.length, 1);
    assert.equal(merged.runs[0]!.results, whole.runs[0]!.results);
    assert.equal(merged.runs[0]!.tool.driver.rules.map((rule) => rule.id), whole.runs[0]!.tool.driver.rules.map((rule) => rule.id));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('merlint merge-sarif writes the merged log, exits by --fail-on, and refuses what is not merlint SARIF', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-merge-'));
  try {
    writeFileSync(join(directory, 'Dockerfile'), 'FROM golang:1.22\nUSER 10001\n');
    writeFileSync(join(directory, 'ok.Dockerfile'), 'FROM alpine\nUSER 10001\n');
    const cwd = directory;
    for (const index of [1, 2]) assert.is(merlint(['--shard', `${index}/2`, '--format', `sarif:part-${index}.sarif`, '--fail-on', 'none', '.'], { cwd }).status, 0);
    const merged = merlint(['merge-sarif', 'part-1.sarif', 'part-2.sarif'], { cwd });
    assert.is(merged.status, 1, merged.stderr);
    const results = (JSON.parse(merged.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results.map((result) => result.ruleId);
    assert.equal(results, ['DKR001', 'DKR002']);
    assert.is(merlint(['merge-sarif', '--fail-on', 'none', 'part-1.sarif', 'part-2.sarif'], { cwd }).status, 0);
    writeFileSync(join(directory, 'other.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'trivy' } }, results: [] }] }));
    assertUsageError(merlint(['merge-sarif', 'part-1.sarif', 'other.sarif'], { cwd }), /other\.sarif holds a run of trivy, not of merlint$/);
    assertUsageError(merlint(['merge-sarif', 'missing.sarif'], { cwd }), /cannot read SARIF .*missing\.sarif: no such file or directory$/);
    assertUsageError(merlint(['--shard', '3/2', '.'], { cwd }), /--shard must be INDEX\/COUNT/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a tsconfig.json linked to one outside the scan root is not read to put scripts together', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-shard-'));
  try {
    const [root, outside] = [join(directory, 'root'), join(directory, 'outside')];
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@x/*": ["./*"] } } }');
    symlinkSync(join(outside, 'tsconfig.json'), join(root, 'tsconfig.json'));
    writeFileSync(join(root, 'a.ts'), "import { log } from '@x/b';\n");
    writeFileSync(join(root, 'b.ts'), 'export const log = console;\n');
    const files = ['a.ts', 'b.ts'].map((path) => ({ path, absolutePath: join(root, path), kind: 'typescript' as const, target: true }));
    // Read, the outside config would join a.ts to b.ts, and one shard would hold both.
    for (const index of [1, 2]) assert.is((await shardOf(files, { index, count: 2 }, root, new Set())).length, 1, `shard ${index}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
