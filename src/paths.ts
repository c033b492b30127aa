import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

let packageRoot: string | undefined;

/** A path in the package's own directory (compiled code lives in dist/src, beside schemas/ and fixtures/). */
export function packagePath(...parts: string[]): string {
  packageRoot ??= fileURLToPath(new URL('../../', import.meta.url));
  return join(packageRoot, ...parts);
}

/** The directory of a path relative to the scan root ('' for a file in the root itself). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * The real path of `path` in one system call (realpath(3)), as fs.realpathSync resolves it with an
 * lstat of each component in JavaScript: several times the cost, which a one-file run pays six times.
 */
export const realPath: (path: string) => string = realpathSync.native;
