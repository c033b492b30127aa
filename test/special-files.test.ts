import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decode, readRegularFile } from '../src/source.js';
import { assertUsageError, merlint, type CliRun } from './helpers/cli.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree, type Tree } from './helpers/tree.js';

// A FIFO opened for reading waits for a writer that never comes; each run is killed after
// KILL_AFTER_MS so that a regression fails the test (status null) instead of hanging the suite.
const KILL_AFTER_MS = 20_000;
const FROM = 'FROM alpine:3.22\n';

/** A new tree with a FIFO at each of `fifos` (relative paths). */
function treeWithFifos(files: Tree, fifos: string[]): string {
  const root = makeTree(files);
  for (const fifo of fifos) execFileSync('mkfifo', [join(root, fifo)]);
  return root;
}

/** A text-format run: notices are printed after the findings. */
function run(root: string, args: string[]): CliRun {
  return merlint(args, { cwd: root, timeoutMs: KILL_AFTER_MS });
}

function assertFinished(result: CliRun): void {
  assert.ok(result.status !== null, `merlint did not finish within ${KILL_AFTER_MS} ms (it read a FIFO?)`);
}

test('a regular file is read whole, byte for byte, whatever its size; /proc, whose files report no size, to its end', () => {
  const root = makeTree({});
  for (const size of [0, 1, 4095, 4096, 70_000, 1_000_003]) {
    const bytes = Buffer.from(Array.from({ length: size }, (_, index) => (index * 7 + (index >> 9)) & 0xff));
    writeFileSync(join(root, 'file'), bytes);
    const read = readRegularFile(join(root, 'file'));
    assert.ok(read.ok && read.bytes.equals(bytes), `${size} bytes`);
  }
  const status = readRegularFile('/proc/self/status');
  assert.ok(status.ok && status.bytes.toString().includes('Pid:'));
});

test('files decode alike one after another, a file that is not valid text between them changing nothing', () => {
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const inputs = [Buffer.from('FROM alpine # é\n'), Buffer.from([0x46, 0xc3, 0x28, 0x0a]), utf16('FROM é\n'), Buffer.from([0xff, 0xfe, 0x00, 0xd8]), Buffer.from('USER 1\n')];
  const expected = [{ ok: true, text: 'FROM alpine # é\n' }, false, { ok: true, text: 'FROM é\n' }, false, { ok: true, text: 'USER 1\n' }];
  for (const round of [1, 2]) inputs.forEach((bytes, index) => {
    const decoded = decode(bytes);
    if (expected[index] === false) assert.not.ok(decoded.ok, `input ${index}, round ${round}`);
    else assert.equal(decoded, expected[index], `input ${index}, round ${round}`);
  });
});

test('a file git-crypt encrypted (a locked clone) is skipped with a note, not a MER000; other binary files still are one', () => {
  const locked = Buffer.concat([Buffer.from('\0GITCRYPT\0'), Buffer.from([0x3f, 0xd0, 0x3c, 0x06, 0x90, 0x7c, 0x00, 0x0f])]);
  const root = makeTree({ 'env/terraform.tfvars': locked, 'env/main.tf': 'provider "aws" {\n  region = "ap-southeast-1"\n}\n', 'bin/tool.tfvars': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]) });
  const result = run(root, ['-f', 'json', '.']);
  const report = JSON.parse(result.stdout) as { findings: { ruleId: string; location: { path: string } }[]; notices: { level: string; path?: string; message: string }[] };
  assert.equal(
    report.findings.map((finding) => `${finding.ruleId} ${finding.location.path}`),
    ['MER000 bin/tool.tfvars'],
  );
  const note = report.notices.find((notice) => notice.path === 'env/terraform.tfvars');
  assert.is(note?.level, 'note');
  assert.match(note?.message ?? '', /env\/terraform\.tfvars: encrypted with git-crypt, so it is not checked; run merlint after `git-crypt unlock`/);
});

test('a workflow that is a Jinja template is one note at its first tag on a line of its own, not a MER000', async () => {
  const workflow = 'name: deploy\non: push\n{% raw %}\nconcurrency: ${{ github.ref }}\n{% endraw %}\nenv:\n  GOPROXY: {{ proxy }}\n';
  const result = await scanDirectory(makeTree({ '.github/workflows/deploy.yml': workflow }));
  assert.equal(result.findings, []);
  assert.equal(
    result.notices.map((notice) => `${notice.level} ${notice.message}`),
    ['note .github/workflows/deploy.yml:3:1: a Jinja template (`{% raw %}` on a line of its own), not YAML until it is rendered, so it is not checked; check the file it renders into'],
  );
});

test('a FIFO named on the command line is refused with a notice and never opened for reading', () => {
  const root = treeWithFifos({}, ['Dockerfile.fifo']);
  const result = run(root, ['Dockerfile.fifo']);
  assertFinished(result);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /Dockerfile\.fifo: a FIFO \(named pipe\), not a regular file; skipped without reading it/);
});

test('a FIFO beside regular files: the others are scanned, the FIFO gets a notice', () => {
  const root = treeWithFifos({ 'api/Dockerfile': 'FROM alpine\nUSER 10001\n' }, ['Dockerfile']);
  const result = run(root, ['Dockerfile', 'api/Dockerfile']);
  assertFinished(result);
  assert.match(result.stdout, /Dockerfile: a FIFO/);
  assert.match(result.stdout, /api\/Dockerfile:1:6: .*DKR002/);
});

test('FIFOs met while walking a directory, directly or through a symbolic link, are skipped with a notice', () => {
  const root = treeWithFifos({ 'svc/Dockerfile': 'FROM alpine\nUSER 10001\n', 'svc/Dockerfile.link': { link: '../pipes/Dockerfile' } }, ['main.tf', 'notes.fifo']);
  execFileSync('mkdir', [join(root, 'pipes')]);
  execFileSync('mkfifo', [join(root, 'pipes', 'Dockerfile')]);
  const result = run(root, ['.']);
  assertFinished(result);
  assert.match(result.stdout, /main\.tf: a FIFO \(named pipe\), not a regular file/);
  assert.match(result.stdout, /pipes\/Dockerfile: a FIFO/);
  assert.match(result.stdout, /svc\/Dockerfile\.link: a FIFO/);
  assert.not.match(result.stdout, /notes\.fifo/, 'no notice for a file merlint would not read anyway');
  assert.match(result.stdout, /svc\/Dockerfile:1:6: .*DKR002/);
});

test('a character device named on the command line is refused, not read to its end', () => {
  const result = merlint(['/dev/zero'], { cwd: '/dev', timeoutMs: KILL_AFTER_MS });
  assertFinished(result);
  assert.match(result.stdout, /zero: a device, not a regular file/);
});

test('a FIFO as the config file is a usage error, not a hang', () => {
  const root = treeWithFifos({ Dockerfile: FROM }, ['.merlint.yaml']);
  const result = run(root, ['Dockerfile']);
  assertFinished(result);
  assertUsageError(result, /cannot read config .*\.merlint\.yaml: a FIFO \(named pipe\), not a regular file/);
});

test('a FIFO given as a baseline or as SARIF to merge is a usage error, not a hang', () => {
  const root = treeWithFifos({ Dockerfile: FROM }, ['baseline.json', 'part.sarif']);
  for (const [args, what] of [[['--baseline', 'baseline.json', 'Dockerfile'], 'baseline'], [['merge-sarif', 'part.sarif'], 'SARIF']] as const) {
    const result = run(root, [...args]);
    assertFinished(result);
    assertUsageError(result, new RegExp(`cannot read ${what} .*: a FIFO \\(named pipe\\), not a regular file`));
  }
});

test.run();
