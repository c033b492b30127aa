import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadReporter } from '../src/reporters/index.js';
import { scanDirectory } from './helpers/scan.js';

async function textOf(dockerfile: string, color = false): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-text-'));
  try {
    writeFileSync(join(directory, 'Dockerfile'), dockerfile);
    return (await loadReporter('text', { color, version: '0.0.0' }))(await scanDirectory(directory));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

test('headline, quoted line and a caret under the exact range', async () => {
  const output = await textOf('FROM alpine:3.20\nUSER root\n');
  assert.match(output, /^Dockerfile:2:6: error .* \[DKR003\/root-final-stage\]\n  \|\n2 \| USER root\n  \|      \^~~~\n/m);
  assert.match(output, /^1 error in 1 file \(\d+ ms\)\n$/m);
});

test('a secret is masked in the quoted line as well as in the message', async () => {
  const output = await textOf('FROM alpine:3.20\nENV DB_PASSWORD=hunter2-sg\nUSER 10001\n');
  assert.not.match(output, /hunter2/);
  assert.match(output, /ENV DB_PASSWORD=\*{10}\n/);
});

test('a long line is quoted as the part around the finding, cut with …', async () => {
  const output = await textOf(`FROM alpine:3.20\nRUN echo ${'a'.repeat(3000)} && apk add curl && echo ${'b'.repeat(3000)}\nUSER 10001\n`);
  const [quoted, caret] = output.split('\n').filter((line) => line.startsWith('2 |') || line.startsWith('  |  '));
  assert.is(quoted, `2 | …${'a'.repeat(96)} && apk add curl && echo ${'b'.repeat(86)}…`);
  assert.is(caret, `  | ${' '.repeat(101)}^~~~~~~`);
});

test('no colour codes unless asked for', async () => {
  assert.not.match(await textOf('FROM alpine:3.20\nUSER root\n'), /\x1b\[/);
  const coloured = await textOf('FROM alpine:3.20\nUSER root\n', true);
  assert.match(coloured, '\x1b[31m\x1b[1merror\x1b[22m\x1b[39m');
  assert.match(coloured, '\x1b[2m[DKR003/root-final-stage]\x1b[22m');
});

test.run();
