import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoPath } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_STEP_SUMMARY: '' };
const RECORD_FLAGS = `const v8 = require('node:v8');
const flags = [];
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (value) => { flags.push(value); set(value); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.FLAGS_OUT, JSON.stringify(flags)));
`;

/** The V8 flags a run of merlint in `cwd` sets as it goes. */
function flagsSet(cwd: string, args: string[]): string[] {
  const record = join(cwd, 'record-flags.cjs');
  const out = join(cwd, 'flags.json');
  writeFileSync(record, RECORD_FLAGS);
  const run = spawnSync(process.execPath, ['-r', record, repoPath('bin', 'merlint.js'), ...args], { cwd, encoding: 'utf8', env: { ...ENV, FLAGS_OUT: out } });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(readFileSync(out, 'utf8')) as string[];
}

const variable = (index: number) => `variable "setting_${index}" {\n  type        = string\n  description = "A setting of the stack, long enough to count."\n  default     = "value-${index}"\n}\n\n`;

test('a scan of more than 64 KB of source optimises its JavaScript later; a run on one small file sets no flag', () => {
  const large = Array.from({ length: 700 }, (_, index) => variable(index)).join('');
  assert.ok(large.length > 64 * 1024);
  const cwd = makeTree({ 'stack/variables.tf': large, 'lone/main.tf': variable(0) });
  assert.ok(flagsSet(cwd, ['stack']).includes('--interrupt-budget=540672'));
  assert.equal(flagsSet(join(cwd, 'lone'), ['main.tf']), []);
});

test.run();
