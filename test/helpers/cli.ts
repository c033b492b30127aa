import { spawnSync } from 'node:child_process';
import * as assert from 'uvu/assert';
import { repoPath } from './scan.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  stdin?: string | Uint8Array;
  /** Kill the run after this many milliseconds (status null): for tests of inputs that once hung. */
  timeoutMs?: number;
}

/** Runs the built command line (`node bin/merlint.js`) the way a user does, without colour. */
export function merlint(args: string[], options: CliOptions = {}): CliRun {
  const child = spawnSync(process.execPath, [repoPath('bin', 'merlint.js'), ...args], {
    cwd: options.cwd ?? repoPath(),
    input: options.stdin ?? '',
    encoding: 'utf8',
    ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_STEP_SUMMARY: '' },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Exit code 2 with exactly one line on stderr, matching `pattern`, and no stack trace. */
export function assertUsageError(run: CliRun, pattern: RegExp): void {
  assert.is(run.status, 2, `exit code; stderr: ${run.stderr}`);
  const lines = run.stderr.split('\n').filter(Boolean);
  assert.is(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');
}
