import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

let packageRoot: string | undefined;

/** A path in the package's own directory (compiled code lives in dist/src, beside schemas/ and fixtures/). */
export function packagePath(...parts: string[]): string {
  packageRoot ??= fileURLToPath(new URL('../../', import.meta.url));
  return join(packageRoot, ...parts);
}
