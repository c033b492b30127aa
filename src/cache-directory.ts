import { lstatSync, mkdirSync, type Stats, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import builtinModule from './builtin-module.cjs';

/*
 * merlint's per-user cache directory: V8's compiled code of the bundle (src/bundle-loader.ts) and
 * the values of YAML files validated before (src/yaml-cache.ts). Only the user may write it, as what
 * is in it runs as code; `MERLINT_CODE_CACHE=off` turns it off and `MERLINT_CODE_CACHE=DIR` moves it.
 */

export type Env = Readonly<Record<string, string | undefined>>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a file of the cache that the running build does not use is kept unchanged before it goes. */
export const UNUSED_ENTRY_LIFETIME_MS = 7 * DAY_MS;
/** Changed when the directory was last pruned. */
const PRUNED_MARK = '.pruned';

/** The directory of this Node's cache entries, or undefined when the cache is off. */
export function codeCacheDirectory(env: Env, platform: NodeJS.Platform = process.platform, home: () => string = () => homeDirectory(env)): string | undefined {
  const setting = env.MERLINT_CODE_CACHE;
  if (setting === 'off') return undefined;
  const root = setting ? setting : userCacheRoot(env, platform, home);
  return root && isAbsolute(root) ? join(root, `node-${process.version}-${process.arch}`) : undefined;
}

/** HOME where it is set, which os.homedir() reads first: node:os is loaded only without it (0.2 ms of a one-file run). */
function homeDirectory(env: Env): string {
  return env.HOME || builtinModule<typeof import('node:os')>('node:os').homedir();
}

function userCacheRoot(env: Env, platform: NodeJS.Platform, home: () => string): string | undefined {
  if (platform === 'win32') return env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'merlint', 'Cache');
  if (platform === 'darwin') return join(home(), 'Library', 'Caches', 'merlint');
  return join(env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home(), '.cache'), 'merlint');
}

/** The cache directory `env` selects, made if missing, or undefined when the cache is off or not safe to read code from. */
export function usableCacheDirectory(env: Env): string | undefined {
  const directory = codeCacheDirectory(env);
  return directory && prepareCacheDirectory(directory) ? directory : undefined;
}

/**
 * Creates `directory` (for this user only) when missing and says whether it is safe to read code
 * from: it and its parent are real directories owned by this user that no one else can write.
 * Each is looked at before it is made, as mkdir on an existing directory costs every run an exception.
 */
export function prepareCacheDirectory(directory: string): boolean {
  const parent = dirname(directory);
  try {
    for (const path of [parent, directory]) {
      let stats = lstatSync(path, { throwIfNoEntry: false });
      if (!stats) {
        if (path === parent) makeDirectory(dirname(parent));
        makeDirectory(path);
        stats = lstatSync(path);
      }
      if (!ownedByUserOnly(stats)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** One level only: Node's recursive mkdir never returns where mkdir says ENOENT under an existing directory (/proc). */
function makeDirectory(path: string): void {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** On Windows, where there are no owners and modes to check, the directory is under the user's own LOCALAPPDATA. */
function ownedByUserOnly(stats: Stats): boolean {
  const uid = process.getuid?.();
  return stats.isDirectory() && (uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0));
}

/** Readers see the old entry or the whole new one, never a part: the entry is renamed into place. */
export function writeAtomically(path: string, data: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { flag: 'wx', mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A full or read-only disk, or another run writing the same entry: the entry stays as it was.
    try {
      unlinkSync(temporary);
    } catch {
      // there was no temporary file
    }
  }
}

/**
 * Removes the regular files of `directory` that `kept` does not name and that have not changed for
 * UNUSED_ENTRY_LIFETIME_MS: entries of other merlint builds, YAML values, temporary files of runs
 * that were stopped. Entries are not rewritten when used, so a YAML value or another build's entry
 * still in use may go too; the next run that needs it writes it again. Links and directories are
 * left alone. At most once a day: runs under other V8 flags make V8 reject and rewrite entries, and
 * listing a directory of a thousand entries on each of those runs would cost more than the files.
 */
export function pruneCacheDirectory(directory: string, kept: ReadonlySet<string>, now: number = Date.now()): void {
  const mark = join(directory, PRUNED_MARK);
  try {
    if (now - lstatSync(mark).mtimeMs < DAY_MS) return;
  } catch {
    // never pruned
  }
  writeAtomically(mark, Buffer.alloc(0));
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isFile() || kept.has(entry.name) || entry.name === PRUNED_MARK) continue;
    const path = join(directory, entry.name);
    try {
      const stats = lstatSync(path);
      if (stats.isFile() && now - stats.mtimeMs > UNUSED_ENTRY_LIFETIME_MS) unlinkSync(path);
    } catch {
      // removed by another run meanwhile
    }
  }
}
