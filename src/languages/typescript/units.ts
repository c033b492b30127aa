import { posix } from 'node:path';
import { appendTo } from '../../append.js';
import { DisjointSets } from '../../disjoint-sets.js';
import type { UnitsOf } from '../../language.js';

/*
 * For --shard: scripts that import one another go together, as a logger imported from another
 * module carries its library and redaction (model.ts). Relative imports are read from the text
 * (`from './logger'`, `import('./x')`, `require('../x')`); reading more than the parser would only
 * joins scripts that need not be, which costs balance, never a finding.
 */

const RELATIVE_IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.{1,2}\/[^'"\n]*)['"]/g;

/** A module as imports name it: no extension, no trailing /index (the key model.ts resolves imports by). */
export function moduleKey(path: string): string {
  return path.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
}

export const scriptUnits: UnitsOf = (files, read) => {
  const byModule = new Map(files.map((file) => [moduleKey(file.path), file.path]));
  const joined = new DisjointSets(files.map((file) => file.path));
  for (const { path } of files) {
    for (const [, specifier] of (read(path) ?? '').matchAll(RELATIVE_IMPORT)) {
      const imported = byModule.get(moduleKey(posix.join(posix.dirname(path), specifier!)));
      if (imported) joined.join(path, imported);
    }
  }
  const units = new Map<string, string[]>();
  for (const { path } of files) appendTo(units, joined.find(path), path);
  return [...units.values()];
};
