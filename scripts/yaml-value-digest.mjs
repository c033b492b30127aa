// The digest that keys the values src/yaml-cache.ts keeps for a schema: a value read from the cache
// skips parsing and validation, so it may be used only by a build that would make the same value and
// pass it the same way. It covers the validator's code (the schema, as ajv compiled it), the YAML
// library's version, merlint's version, and merlint's modules a value is made by (src/parsed-yaml.ts
// and what it imports): a build that changes any of them names its entries anew.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What the digest is made of, as this checkout and its installed YAML library have it. */
export function yamlValueInputs() {
  return {
    yamlVersion: createRequire(import.meta.url)('yaml/package.json').version,
    merlintVersion: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    code: valueCode(),
  };
}

/** The digest of `validatorCode` with the other inputs (yamlValueInputs). */
export function yamlValueDigest(validatorCode, inputs) {
  const { yamlVersion, merlintVersion, code } = inputs;
  return createHash('sha256').update(JSON.stringify([validatorCode, yamlVersion, merlintVersion, code])).digest('hex').slice(0, 16);
}

/** The text of src/parsed-yaml.ts and of every module of merlint it imports (type-only imports left out), by path. */
function valueCode() {
  const texts = new Map();
  const pending = [join(root, 'src', 'parsed-yaml.ts')];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (texts.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    texts.set(file, text);
    for (const [, module] of text.matchAll(/^import (?!type )[^'"]*from '(\.[^']+)\.js';$/gm)) pending.push(join(dirname(file), `${module}.ts`));
  }
  return [...texts].map(([file, text]) => [relative(root, file).split('\\').join('/'), text]).sort(([a], [b]) => (a < b ? -1 : 1));
}
