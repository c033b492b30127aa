import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoPath } from './scan.js';

/* What installing merlint looks like from outside: a checkout without node_modules, an empty npm cache. */

/** A copy of the files git tracks in this checkout, as a runner's checkout of the action has them: no node_modules, no tools. */
export function trackedCopy(): string {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-checkout-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoPath(), encoding: 'utf8' });
  for (const path of listed.stdout.split('\0').filter(Boolean)) {
    let source: string;
    try {
      source = repoPath(path);
      if (!statSync(source).isFile()) continue;
    } catch {
      continue; // deleted in the working tree
    }
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    copyFileSync(source, join(directory, path));
  }
  return directory;
}

/** Bytes of the files under `directory`: an npm cache that started empty holds what was downloaded. */
export function bytesUnder(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
