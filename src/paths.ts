import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The package's own directory (compiled code lives in dist/src, beside schemas/ and fixtures/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
