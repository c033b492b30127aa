import { appendTo } from '../../append.js';
import { DisjointSets } from '../../disjoint-sets.js';
import type { UnitsOf } from '../../language.js';
import { byModuleKey, ModuleResolver, pathsByKey } from './modules.js';

/*
 * For --shard and batched scans: scripts that import one another go together, as a logger or a type
 * imported from another module carries its library, redaction and members (model.ts). Imports are read
 * from the text (`from './logger'`, `import('@app/x')`, `require('../x')`) and resolved as the model
 * resolves them (modules.ts); reading more than the parser would only joins scripts that need not be,
 * which costs balance, never a finding.
 */

const IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"\n]+)['"]/g;

export const scriptUnits: UnitsOf = (files, read) => {
  const byModule = byModuleKey(files, (file) => file.path);
  const resolver = new ModuleResolver(pathsByKey(byModule, (file) => file.path), read);
  const joined = new DisjointSets(files.map((file) => file.path));
  for (const { path } of files) {
    for (const [, specifier] of (read(path) ?? '').matchAll(IMPORT)) {
      const key = resolver.module(path, specifier!) ?? '';
      // A declaration file beside a JavaScript module gives its types; the module gives the loggers, so it goes along.
      const imported = byModule.get(resolver.declarationFile(key)?.describes ?? key);
      if (imported) joined.join(path, imported.path);
    }
  }
  const units = new Map<string, string[]>();
  for (const { path } of files) appendTo(units, joined.find(path), path);
  return [...units.values()];
};
