import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { classify } from './languages/index.js';

/**
 * Files merlint reads that differ from `ref` in the working tree (staged or not), plus new files git
 * does not ignore; absolute paths. Deleted files are left out: there is nothing to scan.
 */
export function changedFiles(cwd: string, ref: string): string[] {
  const changed = git(cwd, ['diff', '--name-only', '--relative', '--diff-filter=d', '--no-renames', ref, '--']);
  const untracked = git(cwd, ['ls-files', '--others', '--exclude-standard']);
  const paths = new Set([...changed, ...untracked].filter((path) => classify(path) !== undefined));
  return [...paths].sort().map((path) => resolve(cwd, path));
}

function git(cwd: string, args: string[]): string[] {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.error) throw new UsageError(`--changed needs git: ${result.error.message}`);
  if (result.status !== 0) throw new UsageError(`--changed: git ${args[0]} failed: ${result.stderr.trim().split('\n')[0]}`);
  return result.stdout.split('\n').filter(Boolean);
}
