import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTerminal, writeAll } from '../src/stdio.js';
import { assertUsageError } from './helpers/cli.js';
import { repoPath } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

// Output goes to the descriptors with write(2); these tests need POSIX pipes, FIFOs and a shell.
const POSIX = process.platform !== 'win32';
const MERLINT = repoPath('bin', 'merlint.js');
const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_STEP_SUMMARY: '' };

/** A directory whose Dockerfile has one finding a line: its JSON report (1.6 MB) is many times a pipe's 64 KB. */
function manyFindings(): string {
  return makeTree({ Dockerfile: 'FROM alpine:latest\n'.repeat(3000) });
}

/** Runs `script` in sh with $MERLINT set, in `cwd`; its status and stderr. */
function shell(script: string, cwd: string) {
  return spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...ENV, MERLINT, NODE: process.execPath }, timeout: 60_000 });
}

/** The JSON report of the scan of `cwd`, as merlint writes it to a file, and the run's exit code. */
function reportInFile(cwd: string): { report: string; status: number | null } {
  const run = spawnSync(process.execPath, [MERLINT, 'Dockerfile', '--format', 'json:report.json'], { cwd, encoding: 'utf8', env: ENV });
  assert.is(run.stderr, '');
  return { report: readFileSync(join(cwd, 'report.json'), 'utf8'), status: run.status };
}

test('a report many times a pipe buffer reaches a pipe whole and in order, with the exit code of the scan', () => {
  if (!POSIX) return;
  const cwd = manyFindings();
  const { report, status } = reportInFile(cwd);
  const run = shell('{ "$NODE" "$MERLINT" Dockerfile --format json; echo $? > status; } | cat > piped.json', cwd);
  assert.is(run.stderr, '');
  assert.is(readFileSync(join(cwd, 'piped.json'), 'utf8'), report);
  assert.is(readFileSync(join(cwd, 'status'), 'utf8').trim(), String(status));
});

test('a reader that goes away early (| head -c1) ends the output quietly, without a stack trace, and the exit code stays', () => {
  if (!POSIX) return;
  const cwd = manyFindings();
  const { status } = reportInFile(cwd);
  const run = shell('{ "$NODE" "$MERLINT" Dockerfile --format json 2> stderr; echo $? > status; } | head -c1', cwd);
  assert.is(run.stdout, '{');
  assert.is(readFileSync(join(cwd, 'stderr'), 'utf8'), '');
  assert.is(readFileSync(join(cwd, 'status'), 'utf8').trim(), String(status));
});

test('output that cannot be written (a full device) is one line on stderr and exit 2', () => {
  if (process.platform !== 'linux') return;
  const full = openSync('/dev/full', 'w');
  const run = spawnSync(process.execPath, [MERLINT, 'Dockerfile'], { cwd: manyFindings(), encoding: 'utf8', env: ENV, stdio: ['ignore', full, 'pipe'] });
  closeSync(full);
  assertUsageError({ status: run.status, stdout: '', stderr: run.stderr }, /^merlint: cannot write the output: no space left on the device$/);
});

test('writeAll waits out a full non-blocking pipe and writes every byte in order', async () => {
  if (!POSIX) return;
  const fifo = join(makeTree(), 'pipe');
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  const text = Array.from({ length: 40_000 }, (_, line) => `line ${line} é\n`).join('');
  // The reader starts late and reads in small pieces, so the 64 KB pipe is full while writeAll runs.
  const worker = new Worker(
    `const { readSync } = require('node:fs');
     const { parentPort, workerData } = require('node:worker_threads');
     const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
     const chunks = [];
     let total = 0;
     pause(50);
     while (total < workerData.bytes) {
       const buffer = Buffer.alloc(4096);
       let count = 0;
       try { count = readSync(workerData.fd, buffer); } catch (error) { if (error.code !== 'EAGAIN') throw error; }
       if (count === 0) pause(1);
       chunks.push(buffer.subarray(0, count));
       total += count;
     }
     parentPort.postMessage(Buffer.concat(chunks).toString('utf8'));`,
    { eval: true, workerData: { fd: reader, bytes: Buffer.byteLength(text) } },
  );
  const read = new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  try {
    writeAll(writer, text);
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  assert.is(await read, text);
  closeSync(writer);
  closeSync(reader);
});

test('a file, a pipe and /dev/null are not terminals', () => {
  if (!POSIX) return;
  const file = join(makeTree(), 'out.txt');
  writeFileSync(file, '');
  for (const path of [file, '/dev/null']) {
    const fd = openSync(path, 'r');
    assert.is(isTerminal(fd), false, path);
    closeSync(fd);
  }
  const fifo = join(makeTree(), 'pipe');
  execFileSync('mkfifo', [fifo]);
  const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  assert.is(isTerminal(fd), false, 'a FIFO');
  closeSync(fd);
});

test('a one-file run to a pipe or /dev/null creates no stdout stream: Node loads neither its stream modules nor net and tty', () => {
  if (!POSIX) return;
  const cwd = makeTree({ Dockerfile: 'FROM alpine:latest\n' });
  const record = join(cwd, 'record.cjs');
  writeFileSync(record, "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, process.moduleLoadList.join('\\n')));\n");
  for (const stdout of ['pipe', 'ignore'] as const) {
    const out = join(cwd, `modules-${stdout}.txt`);
    const run = spawnSync(process.execPath, ['-r', record, MERLINT, 'Dockerfile'], { cwd, encoding: 'utf8', env: { ...ENV, MODULES_OUT: out }, stdio: ['ignore', stdout, 'pipe'] });
    assert.is(run.stderr, '');
    const modules = readFileSync(out, 'utf8').split('\n');
    assert.equal(modules.filter((name) => /^NativeModule (stream|net|tty|zlib|internal\/fs\/sync_write_stream)$/.test(name)), [], stdout);
  }
});

test.run();
