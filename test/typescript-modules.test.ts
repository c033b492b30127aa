import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { projectDeclarations } from '../src/languages/typescript/globals.js';
import { byModuleKey, ModuleResolver } from '../src/languages/typescript/modules.js';
import type { ScriptDocument } from '../src/languages/typescript/document.js';
import { buildScriptModel } from '../src/languages/typescript/model.js';
import { buildWorkspace } from '../src/languages/index.js';
import { parseScript, typescriptCompiler } from '../src/languages/typescript/parser.js';
import { scriptUnits } from '../src/languages/typescript/units.js';
import type { ModelOptions } from '../src/workspace.js';

/** A resolver over files given as path → text, the scripts among them the scan's modules. */
function resolver(files: Record<string, string>): ModuleResolver {
  const scripts = Object.keys(files).filter((path) => /\.[cm]?[jt]sx?$/.test(path) && !path.endsWith('.d.ts'));
  return new ModuleResolver(byModuleKey(scripts, (path) => path), (path) => files[path]);
}

test('a relative import names the module or the index of the directory it points at', () => {
  const modules = resolver({ 'src/api/handler.ts': '', 'src/logger.ts': '', 'src/models/index.ts': '' });
  assert.is(modules.module('src/api/handler.ts', '../logger'), 'src/logger');
  assert.is(modules.module('src/api/handler.ts', '../logger.js'), 'src/logger');
  assert.is(modules.module('src/api/handler.ts', '../models'), 'src/models/index');
  assert.is(modules.module('src/api/handler.ts', './missing'), undefined);
});

test('as TypeScript resolves them: a file before the index of a directory of its name, .ts before .tsx before .js', () => {
  const modules = resolver({ 'src/a.ts': '', 'src/log.ts': '', 'src/log/index.ts': '', 'src/only/index.ts': '', 'index.ts': '' });
  assert.is(modules.module('src/a.ts', './log'), 'src/log');
  assert.is(modules.module('src/a.ts', './log/'), 'src/log');
  assert.is(modules.module('src/a.ts', './log/index'), 'src/log/index');
  assert.is(modules.module('src/a.ts', './only'), 'src/only/index');
  assert.is(modules.module('src/a.ts', '..'), 'index');
  const files = byModuleKey(['b.js', 'b.tsx', 'b.ts', 'c.jsx', 'c.js'], (path) => path);
  assert.equal([...files], [['b', 'b.ts'], ['c', 'c.js']]);
});

test('a paths pattern that matches decides: baseUrl is not tried when none of its substitutions is a module; nor for an absolute specifier', () => {
  const modules = resolver({
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "lib/*": ["vendor/*"] } } }',
    'lib/x.ts': '',
    'b.ts': '',
    'a.ts': '',
  });
  assert.is(modules.module('a.ts', 'lib/x'), undefined);
  assert.is(modules.module('a.ts', 'b'), 'b');
  assert.is(modules.module('a.ts', '/b'), undefined);
});

test('paths: an exact key before a pattern, the pattern of the longest prefix, its substitutions in order, then baseUrl', () => {
  const modules = resolver({
    // Comments and trailing commas, as tsc reads them.
    'tsconfig.json': `{
      "compilerOptions": {
        "baseUrl": "./src", // modules named from src/
        "paths": { "@app/*": ["missing/*", "app/*"], "@app/models/*": ["models/*"], "@app/config": ["settings/index.ts"], },
      },
    }`,
    'src/app/x.ts': '',
    'src/models/user.ts': '',
    'src/app/models/user.ts': '',
    'src/settings/index.ts': '',
    'src/app/config.ts': '',
    'src/shared/time.ts': '',
    'src/main.ts': '',
  });
  assert.is(modules.module('src/main.ts', '@app/x'), 'src/app/x');
  assert.is(modules.module('src/main.ts', '@app/models/user'), 'src/models/user');
  assert.is(modules.module('src/main.ts', '@app/config'), 'src/settings/index');
  assert.is(modules.module('src/main.ts', 'shared/time'), 'src/shared/time');
  assert.is(modules.module('src/main.ts', 'lodash'), undefined);
});

test('extends: relative configs, with or without .json, later ones over earlier; paths without baseUrl from the config that sets them', () => {
  const modules = resolver({
    'config/base.json': '{ "compilerOptions": { "paths": { "~shared/*": ["../shared/*"] } } }',
    'config/root.json': '{ "compilerOptions": { "baseUrl": ".." } }',
    'web/tsconfig.json': '{ "extends": ["@tsconfig/node20/tsconfig.json", "../config/base", "../config/root.json"], "compilerOptions": { "strict": true } }',
    'api/tsconfig.json': '{ "extends": "../config/base.json" }',
    'shared/time.ts': '',
    'web/page.ts': '',
    'api/server.ts': '',
    'web/components/list.ts': '',
  });
  // With baseUrl (from root.json, the repository's root) paths are read from it; without it, from config/.
  assert.is(modules.module('web/components/list.ts', 'shared/time'), 'shared/time');
  assert.is(modules.module('web/components/list.ts', '~shared/time'), undefined);
  assert.is(modules.module('api/server.ts', '~shared/time'), 'shared/time');
  assert.is(modules.module('api/server.ts', 'shared/time'), undefined);
});

test('extends as tsc finds it: a package from the nearest node_modules, a path as written before .json, a directory by its tsconfig.json', () => {
  const modules = resolver({
    'node_modules/@tsconfig/paths/tsconfig.json': '{ "compilerOptions": { "baseUrl": "../../..", "paths": { "@shared/*": ["shared/*"] } } }',
    'web/node_modules/@tsconfig/paths/tsconfig.json': '{ "compilerOptions": { "baseUrl": "../../../..", "paths": { "@web/*": ["web/*"] } } }',
    'node_modules/@acme/config/package.json': '{ "tsconfig": "./base/strict.json" }',
    'node_modules/@acme/config/base/strict.json': '{ "compilerOptions": { "baseUrl": "../../../../shared" } }',
    'web/tsconfig.json': '{ "extends": "@tsconfig/paths/tsconfig.json" }',
    'api/tsconfig.json': '{ "extends": "@tsconfig/paths" }',
    'jobs/tsconfig.json': '{ "extends": "@acme/config" }',
    'tools/tsconfig.base': '{ "compilerOptions": { "baseUrl": "../web" } }',
    'tools/tsconfig.base.json': '{ "compilerOptions": { "baseUrl": "../api" } }',
    'tools/tsconfig.json': '{ "extends": "./tsconfig.base" }',
    'tools/cli/tsconfig.json': '{ "extends": ".." }',
    'shared/time.ts': '',
    'web/page.ts': '',
    'api/server.ts': '',
    'jobs/run.ts': '',
    'tools/cli/main.ts': '',
  });
  assert.is(modules.module('web/page.ts', '@web/page'), 'web/page');
  assert.is(modules.module('web/page.ts', '@shared/time'), undefined);
  assert.is(modules.module('api/server.ts', '@shared/time'), 'shared/time');
  assert.is(modules.module('jobs/run.ts', 'time'), 'shared/time');
  assert.is(modules.module('tools/cli/main.ts', 'page'), 'web/page');
});

test('extends: a package config only inside the scan root', () => {
  const modules = resolver({ 'tsconfig.json': '{ "extends": "../node_modules/base/tsconfig.json" }', 'a.ts': '' });
  const outside = resolver({ 'app/tsconfig.json': '{ "extends": "base" }', 'app/a.ts': '' });
  assert.is(modules.module('a.ts', 'a'), undefined);
  assert.is(outside.module('app/a.ts', 'a'), undefined);
});

test('extends through a package.json exports map, as tsc 5 reads it for a config: conditions in order, patterns, null, nearest package first', () => {
  const modules = resolver({
    'node_modules/@acme/tsconfig/package.json': JSON.stringify({
      exports: {
        '.': { import: './esm.json', types: './missing.json', default: './base.json' },
        './strict': ['./missing.json', './strict.json'],
        './apps/*': './apps/*.json',
        './apps/private': null,
        './legacy': './legacy',
      },
    }),
    'node_modules/@acme/tsconfig/esm.json': '{ "compilerOptions": { "baseUrl": "../../../esm" } }',
    'node_modules/@acme/tsconfig/base.json': '{ "compilerOptions": { "baseUrl": "../../../shared" } }',
    'node_modules/@acme/tsconfig/strict.json': '{ "compilerOptions": { "baseUrl": "../../../web" } }',
    'node_modules/@acme/tsconfig/apps/api.json': '{ "compilerOptions": { "baseUrl": "../../../../api" } }',
    'node_modules/@acme/tsconfig/apps/private.json': '{ "compilerOptions": { "baseUrl": "../../../../api" } }',
    'node_modules/@acme/tsconfig/legacy.json': '{ "compilerOptions": { "baseUrl": "../../../web" } }',
    // Not exported: a package with an exports map gives nothing else, though the file is there.
    'node_modules/@acme/tsconfig/hidden.json': '{ "compilerOptions": { "baseUrl": "../../../web" } }',
    'one/tsconfig.json': '{ "extends": "@acme/tsconfig" }',
    'two/tsconfig.json': '{ "extends": "@acme/tsconfig/strict" }',
    'three/tsconfig.json': '{ "extends": "@acme/tsconfig/apps/api" }',
    'four/tsconfig.json': '{ "extends": "@acme/tsconfig/apps/private" }',
    'five/tsconfig.json': '{ "extends": "@acme/tsconfig/hidden.json" }',
    'six/tsconfig.json': '{ "extends": "@acme/tsconfig/legacy" }',
    'shared/time.ts': '',
    'web/page.ts': '',
    'api/server.ts': '',
    'esm/x.ts': '',
    ...Object.fromEntries(['one', 'two', 'three', 'four', 'five', 'six'].map((name) => [`${name}/a.ts`, ''])),
  });
  assert.is(modules.module('one/a.ts', 'time'), 'shared/time');
  assert.is(modules.module('one/a.ts', 'x'), undefined);
  assert.is(modules.module('two/a.ts', 'page'), 'web/page');
  assert.is(modules.module('three/a.ts', 'server'), 'api/server');
  assert.is(modules.module('four/a.ts', 'server'), undefined);
  assert.is(modules.module('five/a.ts', 'page'), undefined);
  assert.is(modules.module('six/a.ts', 'page'), 'web/page');
});

test('${configDir} in a config that others extend is the directory of the config a project starts from', () => {
  const modules = resolver({
    'config/base.json': '{ "compilerOptions": { "baseUrl": "${configDir}/src", "paths": { "#lib/*": ["${configDir}/lib/*", "fallback/*"] } } }',
    'config/fallback/only.ts': '',
    'web/tsconfig.json': '{ "extends": "../config/base.json" }',
    'web/src/page.ts': '',
    'web/lib/format.ts': '',
    'api/tsconfig.json': '{ "extends": "../config/base.json", "compilerOptions": { "baseUrl": "." } }',
    'api/server.ts': '',
    'api/lib/format.ts': '',
  });
  assert.is(modules.module('web/src/page.ts', 'page'), 'web/src/page');
  assert.is(modules.module('web/src/page.ts', '#lib/format'), 'web/lib/format');
  assert.is(modules.module('api/server.ts', '#lib/format'), 'api/lib/format');
  // A substitution without the template is read from the baseUrl, the project's own.
  assert.is(modules.module('web/src/page.ts', '#lib/only'), undefined);
  assert.is(modules.module('api/server.ts', 'server'), 'api/server');
});

test('the declaration files of a project as tsc includes them: files, include less exclude, the typeRoots it names; never in node_modules nor outside the root', () => {
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { typeRoots: ['./typings', './node_modules/@types', '../outside'], types: ['express', '../../escape'], outDir: 'build' },
      include: ['${configDir}/src', 'types/*.d.ts'],
      exclude: ['src/legacy'],
      files: ['extra/named.d.ts'],
    }),
    'src/global.d.ts': '',
    'src/deep/more.d.ts': '',
    'src/legacy/old.d.ts': '',
    'src/app.ts': '',
    'src/app.d.ts': '',
    'src/.hidden/x.d.ts': '',
    'types/env.d.ts': '',
    'types/nested/no.d.ts': '',
    'extra/named.d.ts': '',
    'typings/express/index.d.ts': '',
    'typings/jest/index.d.ts': '',
    'node_modules/@types/express/index.d.ts': '',
    'build/x.d.ts': '',
    'plain/tsconfig.json': '{ "compilerOptions": { "outDir": "out" } }',
    'plain/a.d.ts': '',
    'plain/out/a.d.ts': '',
    'plain/node_modules/p/index.d.ts': '',
  };
  const list = (directory: string) => {
    const prefix = directory === '' ? '' : `${directory}/`;
    const below = Object.keys(files).filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
    if (below.length === 0) return undefined;
    return { files: below.filter((name) => !name.includes('/')), directories: [...new Set(below.filter((name) => name.includes('/')).map((name) => name.split('/')[0]!))] };
  };
  const modules = resolver(files);
  const asked: string[] = [];
  const read = (path: string) => (asked.push(path), files[path]);
  const declarations = (directory: string) => projectDeclarations(typescriptCompiler(), modules.project(directory)!, { list, read }).paths.sort();
  assert.equal(declarations('src'), ['extra/named.d.ts', 'src/deep/more.d.ts', 'src/global.d.ts', 'types/env.d.ts', 'typings/express/index.d.ts']);
  assert.equal(declarations('plain'), ['plain/a.d.ts']);
  assert.equal(asked.filter((path) => path.startsWith('..')), []);
});

test('project references: a .json as written, else the tsconfig.json of the directory; never inherited through extends, nor outside the scan root', () => {
  const modules = resolver({
    'base.json': '{ "references": [{ "path": "./lib" }] }',
    'tsconfig.json': '{ "extends": "./base.json", "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "tools" }, { "path": "../outside" }, { "path": 3 }] }',
    'web/tsconfig.json': '{ "extends": "../base.json" }',
  });
  assert.equal(modules.project('')!.references, ['tsconfig.app.json', 'tools/tsconfig.json']);
  assert.equal(modules.project('web')!.references, []);
  assert.is(modules.projectAt('missing.json'), undefined);
  assert.is(modules.projectAt('tsconfig.json'), modules.project('src'));
});

test('any tsconfig and exports map is read without throwing, and nothing outside the scan root is asked for (fixed-seed property)', () => {
  const value = fc.oneof(fc.jsonValue(), fc.constantFrom('@acme/tsconfig', '@acme/tsconfig/x', '${configDir}/src', '../up', './x', '*', './*', 'x/*'));
  const options = fc.record({ baseUrl: value, paths: fc.oneof(value, fc.dictionary(fc.constantFrom('@/*', 'x', '*'), value)), typeRoots: value, types: value, outDir: value }, { requiredKeys: [] });
  const config = fc.record({ extends: value, compilerOptions: fc.oneof(value, options), include: value, exclude: value, files: value }, { requiredKeys: [] });
  const exports = fc.oneof(value, fc.dictionary(fc.constantFrom('.', './x', './*', './x/', 'require', 'default', 'import'), fc.oneof(value, fc.dictionary(fc.constantFrom('require', 'types', 'default'), value))));
  fc.assert(
    fc.property(config, exports, (tsconfig, exported) => {
      const files: Record<string, string> = {
        'app/tsconfig.json': JSON.stringify(tsconfig),
        'node_modules/@acme/tsconfig/package.json': JSON.stringify({ exports: exported }),
        'node_modules/@acme/tsconfig/x.json': JSON.stringify(tsconfig),
        'app/src/a.ts': '',
        'app/src/b.d.ts': '',
      };
      const asked: string[] = [];
      const read = (path: string) => (asked.push(path), files[path]);
      const modules = new ModuleResolver(byModuleKey(['app/src/a.ts'], (path) => path), read);
      modules.module('app/src/a.ts', '@/b');
      const list = (directory: string) => (directory === 'app/src' ? { files: ['a.ts', 'b.d.ts'], directories: [] } : directory === 'app' ? { files: ['tsconfig.json'], directories: ['src'] } : undefined);
      projectDeclarations(typescriptCompiler(), modules.project('app/src')!, { list, read });
      return asked.every((path) => !path.startsWith('../') && path !== '..');
    }),
    { seed: 13, numRuns: 300 },
  );
});

test('a package.json nested deeper than any real one is read as none, not by a parser that runs out of stack', () => {
  const deep = (key: string) => `{"${key}": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
  const files: Record<string, string> = {
    'tsconfig.json': '{ "extends": "@acme/tsconfig/base", "compilerOptions": { "typeRoots": ["./typings"] } }',
    'node_modules/@acme/tsconfig/package.json': deep('exports'),
    'node_modules/@acme/tsconfig/base/package.json': deep('tsconfig'),
    'typings/evil/package.json': deep('types'),
    'typings/evil/index.d.ts': 'interface Order { id: string }',
    'src/a.ts': '',
  };
  const modules = resolver(files);
  const list = (directory: string) => (directory === 'typings' ? { files: [], directories: ['evil'] } : undefined);
  assert.equal(projectDeclarations(typescriptCompiler(), modules.project('src')!, { list, read: (path) => files[path] }).paths, ['typings/evil/index.d.ts']);
});

test('a declaration file is named where no TypeScript module is, before a JavaScript module, its index after the file', () => {
  const modules = resolver({
    'src/a.ts': '',
    'src/types.d.ts': '',
    'src/legacy.js': '',
    'src/legacy.d.ts': '',
    'src/both.ts': '',
    'src/both.d.ts': '',
    'src/models/index.d.ts': '',
    'src/models.js': '',
  });
  assert.is(modules.module('src/a.ts', './types'), 'src/types.d');
  assert.equal(modules.declarationFile('src/types.d'), { path: 'src/types.d.ts', describes: undefined });
  assert.is(modules.module('src/a.ts', './legacy'), 'src/legacy.d');
  assert.equal(modules.declarationFile('src/legacy.d'), { path: 'src/legacy.d.ts', describes: 'src/legacy' });
  assert.is(modules.module('src/a.ts', './both'), 'src/both');
  assert.is(modules.declarationFile('src/both'), undefined);
  assert.is(modules.module('src/a.ts', './models'), 'src/models/index.d');
});

test('nothing outside the scan root, and configs that extend each other end', () => {
  const modules = resolver({
    'tsconfig.json': '{ "extends": "./other.json", "compilerOptions": { "baseUrl": ".", "paths": { "up/*": ["../*"] } } }',
    'other.json': '{ "extends": "./tsconfig.json" }',
    'a.ts': '',
    'b.ts': '',
  });
  assert.is(modules.module('a.ts', 'b'), 'b');
  assert.is(modules.module('a.ts', 'up/b'), undefined);
  assert.is(modules.module('a.ts', '../b'), undefined);
});

test('configs that extend the same bases many times over are read once each', () => {
  const files: Record<string, string> = { 'a.ts': '', 'b.ts': '' };
  // Each config extends the next twice: read without memory, the chain would be read 2^40 times.
  for (let index = 0; index < 40; index++) files[index === 0 ? 'tsconfig.json' : `c${index}.json`] = JSON.stringify({ extends: [`./c${index + 1}`, `./c${index + 1}.json`] });
  files['c40.json'] = '{ "compilerOptions": { "baseUrl": "." } }';
  assert.is(resolver(files).module('a.ts', 'b'), 'b');
});

test('scripts that import one another through a tsconfig alias are checked together (--shard, batched scans)', () => {
  const files: Record<string, string> = {
    'tsconfig.json': '{ "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }',
    'src/a.ts': "import { b } from '@app/b';",
    'src/b.ts': '',
    'src/c.ts': "import x from 'lodash';",
  };
  const units = scriptUnits(['src/a.ts', 'src/b.ts', 'src/c.ts'].map((path) => ({ path, kind: 'typescript' })), (path) => files[path], false);
  assert.equal(units.map((unit) => [...unit].sort()).sort(), [['src/a.ts', 'src/b.ts'], ['src/c.ts']]);
  // Through a declaration file beside a JavaScript module (which TypeScript reads for ./log), to the module, which runs.
  const withDeclaration: Record<string, string> = { 'log.js': '', 'log.d.ts': '', 'app.ts': "import { logger } from './log';" };
  const together = scriptUnits(['log.js', 'app.ts'].map((path) => ({ path, kind: 'typescript' })), (path) => withDeclaration[path], false);
  assert.equal(together.map((unit) => [...unit].sort()), [['app.ts', 'log.js']]);
});

test('barrels that export one another are read a few times each, not once for each path through them', async () => {
  const parts = Array.from({ length: 8 }, (_, index) => index + 1);
  const files: Record<string, string> = {
    'signup.ts': "import pino from 'pino';\nimport type { SignupEmail } from './part1';\nconst logger = pino();\nexport function logSent(sent: SignupEmail) { logger.info(sent); }\n",
    'mail.ts': 'export interface SignupEmail { to: string }\n',
  };
  for (const index of parts) files[`part${index}.ts`] = [...parts.filter((other) => other !== index).map((other) => `./part${other}`), ...(index === 8 ? ['./mail'] : [])].map((specifier) => `export * from '${specifier}';`).join('\n');
  let reads = 0;
  const documents = Object.entries(files).map(([path, text]) => {
    const { document } = parseScript({ path, kind: 'typescript', text });
    const reexports = document!.reexports;
    return Object.defineProperty(document, 'reexports', { get: () => (reads++, reexports) }) as ScriptDocument;
  });
  const options = { reader: { read: () => ({ ok: false, reason: 'no such file' }), list: () => undefined }, varFiles: [], requested: new Set() } as unknown as ModelOptions;
  const [call] = (await buildScriptModel(documents, options)).facts.logCalls!();
  assert.ok(call!.records[0]!.shaped, 'SignupEmail, exported through the barrels, is a shape of data');
  // Each lookup reads each barrel at most once for each depth it is reached at (8 at most): 7^8 paths were read before.
  assert.ok(reads < 2000, `${reads} reads`);
});

test('a search for global declarations cut short after 50,000 entries is a note of the run at the project\'s config, so a user knows why a type was not found; a search that ends is none', async () => {
  const app = 'import pino from "pino";\nconst logger = pino();\nexport function f(c: Customer) { logger.info(c); }\n';
  const global = 'interface Customer { phone: string }\n';
  const notesOf = async (crowded: number) => {
    const files: Record<string, string> = { 'tsconfig.json': '{}', 'src/app.ts': app, 'z/global.d.ts': global };
    const listings: Record<string, { files: string[]; directories: string[] }> = {
      '': { files: ['tsconfig.json'], directories: ['a', 'src', 'z'] },
      a: { files: Array.from({ length: crowded }, (_, i) => `f${i}.txt`), directories: [] },
      src: { files: ['app.ts'], directories: [] },
      z: { files: ['global.d.ts'], directories: [] },
    };
    const reader = { read: (_directory: string, path: string) => (files[path] === undefined ? { ok: false, reason: 'no such file' } : { ok: true, path, text: files[path] }), list: (directory: string) => listings[directory] };
    const document = parseScript({ path: 'src/app.ts', kind: 'typescript', text: app }).document!;
    const workspace = await buildWorkspace([document], { reader, varFiles: [], requested: new Set() } as unknown as ModelOptions);
    const [call] = workspace.facts.logCalls;
    return { shaped: call!.records[0]!.shaped, notes: workspace.notes.map((note) => `${note.location.path}:${note.location.range.start.line}:${note.location.range.start.column} ${note.message.split(", so ")[0]}`) };
  };
  assert.equal(await notesOf(10), { shaped: true, notes: [] });
  assert.equal(await notesOf(50_001), { shaped: false, notes: ['tsconfig.json:1:1 the search of this project for its global declaration files (a `.d.ts` with no import or export, a `declare global` block) stopped after listing 50,000 entries'] });
});

test.run();
