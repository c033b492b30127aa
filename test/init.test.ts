import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateConfigText } from '../src/config/validate.js';
import { writeStarterConfig } from '../src/init.js';
import { allRules } from '../rules/index.js';
import { UsageError } from '../src/errors.js';

test('init writes a config that validates and names the kinds of files found', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-init-'));
  writeFileSync(join(directory, 'Dockerfile'), 'FROM alpine:3.20\n');
  writeFileSync(join(directory, 'main.tf'), 'provider "aws" {}\n');
  const file = await writeStarterConfig(directory, false);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /Found here: 1 Dockerfile, 1 Terraform file\./);
  assert.match(text, /^\$schema: .*schemas\/config\.schema\.json$/m);
  const config = (await validateConfigText(text, file, new Set(allRules.map((rule) => rule.id)))) as Record<string, unknown>;
  assert.is(config.failOn, 'error');
});

test('init refuses to overwrite without --force', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-init-'));
  writeFileSync(join(directory, '.merlint.yaml'), 'failOn: note\n');
  try {
    await writeStarterConfig(directory, false);
    assert.unreachable('should refuse');
  } catch (error) {
    assert.instance(error, UsageError);
  }
  await writeStarterConfig(directory, true);
  assert.match(readFileSync(join(directory, '.merlint.yaml'), 'utf8'), /profile: singapore/);
});

test.run();
