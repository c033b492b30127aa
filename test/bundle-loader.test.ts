import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BundleLoader, cacheEntry, cachedCode, entryName } from '../src/bundle-loader.js';
import { codeCacheDirectory, prepareCacheDirectory, pruneCacheDirectory, UNUSED_ENTRY_LIFETIME_MS } from '../src/cache-directory.js';
import { merlint } from './helpers/cli.js';
import { repoPath } from './helpers/scan.js';

const VERSIONED = `node-${process.version}-${process.arch}`;
const HOME = () => '/home/ana';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'merlint-code-cache-'));
}

/** A file of a bundle holding `chunks` (name: source), as scripts/bundle.mjs writes one. */
function bundleFile(chunks: Record<string, string>): string {
  const definitions = Object.entries(chunks).map(([name, source]) => `${JSON.stringify(name)}:(function (exports, require, module, __filename, __dirname) {${source}\n})`);
  return `({${definitions.join(',')}})`;
}

const MAIN = '"use strict";const { basename } = require("node:path");const part = require("./part.cjs");exports.answer = () => part.value + 1;exports.name = basename(__filename);';

/** A two-chunk bundle: main.cjs requires ./part.cjs and a Node module. */
function bundle(part = 'exports.value = 41;'): string {
  const directory = scratch();
  writeFileSync(join(directory, 'main.cjs'), bundleFile({ 'main.cjs': MAIN }));
  writeFileSync(join(directory, 'part.cjs'), bundleFile({ 'part.cjs': part }));
  return directory;
}

/** The name of the cache entry of chunk `name` of the bundle in `directory`, made under no flags. */
function entryOf(directory: string, name: string): string {
  return entryName(name, statSync(join(directory, name)).size);
}

const CLI_ENTRY = () => entryOf(repoPath('dist', 'bundle'), 'cli.cjs');

function run(directory: string, cache: string | undefined): { answer: number; name: string } {
  if (cache) assert.ok(prepareCacheDirectory(cache));
  const loader = new BundleLoader(directory, cache);
  const main = loader.require('main.cjs') as { answer: () => number; name: string };
  const result = { answer: main.answer(), name: main.name };
  loader.saveCache();
  return result;
}

test("a chunk's exported functions are plain values once it has run; other exports stay live", () => {
  // As esbuild exports an ES module's bindings from a CommonJS chunk: a getter for each.
  const part = 'let count = 0; const next = () => ++count; Object.defineProperty(module.exports, "next", { get: () => next, enumerable: true }); Object.defineProperty(module.exports, "count", { get: () => count, enumerable: true });';
  const loader = new BundleLoader(bundle(part), undefined);
  const exports = loader.require('part.cjs') as { next: () => number; count: number };
  assert.is(typeof Object.getOwnPropertyDescriptor(exports, 'next')!.value, 'function');
  assert.is(exports.next(), 1);
  assert.is(exports.count, 1);
  assert.equal(Object.keys(exports), ['next', 'count']);
  assert.is(loader.require('part.cjs'), exports);
});

test('the cache directory: per user and platform, moved or turned off by MERLINT_CODE_CACHE, one per Node version', () => {
  assert.is(codeCacheDirectory({}, 'linux', HOME), `/home/ana/.cache/merlint/${VERSIONED}`);
  assert.is(codeCacheDirectory({ XDG_CACHE_HOME: '/var/cache/ana' }, 'linux', HOME), `/var/cache/ana/merlint/${VERSIONED}`);
  assert.is(codeCacheDirectory({ XDG_CACHE_HOME: 'relative' }, 'linux', HOME), `/home/ana/.cache/merlint/${VERSIONED}`);
  assert.is(codeCacheDirectory({}, 'darwin', HOME), `/home/ana/Library/Caches/merlint/${VERSIONED}`);
  assert.is(codeCacheDirectory({ LOCALAPPDATA: '/appdata' }, 'win32', HOME), `/appdata/merlint/Cache/${VERSIONED}`);
  assert.is(codeCacheDirectory({}, 'win32', HOME), undefined);
  assert.is(codeCacheDirectory({ MERLINT_CODE_CACHE: '/tmp/mine' }, 'linux', HOME), `/tmp/mine/${VERSIONED}`);
  assert.is(codeCacheDirectory({ MERLINT_CODE_CACHE: 'mine' }, 'linux', HOME), undefined);
  assert.is(codeCacheDirectory({ MERLINT_CODE_CACHE: 'off' }, 'linux', HOME), undefined);
});

test('the cache directory is under HOME where it is set, else under the home directory the system gives', () => {
  assert.is(codeCacheDirectory({ HOME: '/home/bo' }, 'linux'), `/home/bo/.cache/merlint/${VERSIONED}`);
  assert.is(codeCacheDirectory({}, 'linux'), join(homedir(), '.cache', 'merlint', VERSIONED));
});

test('the command line runs without HOME, the loader finding the home directory itself', () => {
  const { HOME: _home, XDG_CACHE_HOME: _cache, MERLINT_CODE_CACHE: _setting, ...env } = process.env;
  const run = spawnSync(process.execPath, [repoPath('bin', 'merlint.js'), '--version'], { encoding: 'utf8', env });
  assert.is(run.stderr, '');
  assert.is(run.status, 0);
});

test('the process ends when the run does, whatever is left on its event loop (on Windows, where output may still be on its way, the loop runs out)', () => {
  if (process.platform === 'win32') return;
  const cwd = scratch();
  writeFileSync(join(cwd, 'Dockerfile'), 'FROM alpine:latest\n');
  writeFileSync(join(cwd, 'linger.cjs'), 'setTimeout(() => {}, 60_000);\n');
  const run = spawnSync(process.execPath, ['-r', './linger.cjs', repoPath('bin', 'merlint.js'), 'Dockerfile', '--format', 'compact'], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, MERLINT_CODE_CACHE: 'off' } });
  assert.is(run.signal, null, 'ended by itself, not by the timeout');
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stdout, /DKR002/);
  rmSync(cwd, { recursive: true, force: true });
});

test('a cache directory is made for the user alone, and one that others can write or that is a link is not used', () => {
  const root = scratch();
  const made = join(root, 'cache', VERSIONED);
  assert.ok(prepareCacheDirectory(made));
  assert.is(statSync(made).mode & 0o777, 0o700);

  chmodSync(join(root, 'cache'), 0o777);
  assert.not.ok(prepareCacheDirectory(made), 'its parent is writable by all');
  chmodSync(join(root, 'cache'), 0o700);
  chmodSync(made, 0o770);
  assert.not.ok(prepareCacheDirectory(made), 'writable by the group');

  const elsewhere = join(root, 'elsewhere');
  mkdirSync(elsewhere, { mode: 0o700 });
  symlinkSync(elsewhere, join(root, 'cache', 'linked'));
  assert.not.ok(prepareCacheDirectory(join(root, 'cache', 'linked')), 'a symbolic link');
  assert.not.ok(prepareCacheDirectory(join(root, 'missing', 'missing', 'cache', VERSIONED)), 'too far from an existing directory');
  if (process.platform === 'linux') assert.not.ok(prepareCacheDirectory(`/proc/.cache/merlint/${VERSIONED}`), 'under /proc (a HOME there once hung the run)');
  rmSync(root, { recursive: true, force: true });
});

test('an entry is used only for the exact source it was made from', () => {
  const directory = scratch();
  const path = join(directory, 'entry.v8');
  const source = Buffer.from('exports.a = 1;');
  writeFileSync(path, cacheEntry(source, Buffer.from('code')));
  assert.equal(cachedCode(path, source), { code: Buffer.from('code'), reach: 1, partial: false });
  writeFileSync(path, cacheEntry(source, Buffer.from('code'), 3, true));
  assert.equal(cachedCode(path, source), { code: Buffer.from('code'), reach: 3, partial: true });
  assert.is(cachedCode(path, Buffer.from('exports.a = 2;')), undefined, 'same length, other source');
  assert.is(cachedCode(path, Buffer.from('exports.a = 10;')), undefined, 'other length');
  writeFileSync(path, cacheEntry(source, Buffer.alloc(0)));
  assert.is(cachedCode(path, source), undefined, 'no code');
  const damaged = cacheEntry(source, Buffer.from('code'));
  damaged[damaged.length - 1] = 0;
  writeFileSync(path, damaged);
  assert.is(cachedCode(path, source), undefined, 'damaged code');
  assert.is(cachedCode(join(directory, 'missing.v8'), source), undefined);
  rmSync(directory, { recursive: true, force: true });
});

test('an entry cut short anywhere, grown, or damaged in either copy of the code is refused, never thrown on', () => {
  const directory = scratch();
  const path = join(directory, 'entry.v8');
  const source = Buffer.from('exports.a = 1;');
  const whole = cacheEntry(source, Buffer.from('compiled'));
  for (let length = 0; length < whole.length; length++) {
    writeFileSync(path, whole.subarray(0, length));
    assert.is(cachedCode(path, source), undefined, `cut to ${length} bytes`);
  }
  writeFileSync(path, Buffer.concat([whole, Buffer.from('x')]));
  assert.is(cachedCode(path, source), undefined, 'a byte more');
  const firstCopy = 16 + source.length;
  const damaged = Buffer.from(whole);
  damaged[firstCopy] = 0;
  writeFileSync(path, damaged);
  assert.is(cachedCode(path, source), undefined, 'damaged first copy');
  rmSync(directory, { recursive: true, force: true });
});

test('chunks run alike without a cache, when filling it and when using it; a used entry is not rewritten', () => {
  const directory = bundle();
  const cache = join(scratch(), VERSIONED);
  assert.equal(run(directory, undefined), { answer: 42, name: 'main.cjs' });
  assert.equal(run(directory, cache), { answer: 42, name: 'main.cjs' });
  assert.equal(readdirSync(cache).sort(), ['.pruned', entryOf(directory, 'main.cjs'), entryOf(directory, 'part.cjs')]);

  const past = new Date('2020-01-01T00:00:00Z');
  for (const entry of readdirSync(cache)) utimesSync(join(cache, entry), past, past);
  assert.equal(run(directory, cache), { answer: 42, name: 'main.cjs' });
  for (const entry of readdirSync(cache)) assert.equal(statSync(join(cache, entry)).mtime, past, `${entry} was used, not rewritten`);
});

test('a run that compiled more files of the bundle writes the entries of the files it shares with their writer again, all but the first file’s; one that compiled no more leaves them', () => {
  const directory = bundle();
  writeFileSync(join(directory, 'wider.cjs'), bundleFile({ 'wider.cjs': '"use strict";exports.more = require("./part.cjs").value * 2;' }));
  const cache = join(scratch(), VERSIONED);
  const past = new Date('2020-01-01T00:00:00Z');
  const written = () => Object.fromEntries(readdirSync(cache).filter((name) => name.endsWith('.v8')).map((name) => [name, statSync(join(cache, name)).mtime.getTime() !== past.getTime()]));
  const wider = () => {
    const loader = new BundleLoader(directory, cache);
    (loader.require('main.cjs') as { answer: () => number }).answer();
    assert.equal(loader.require('wider.cjs'), { more: 82 });
    loader.saveCache();
  };
  run(directory, cache);
  for (const entry of readdirSync(cache)) utimesSync(join(cache, entry), past, past);
  wider();
  assert.equal(written(), { [entryOf(directory, 'main.cjs')]: false, [entryOf(directory, 'part.cjs')]: true, [entryOf(directory, 'wider.cjs')]: true });
  assert.is(readFileSync(join(cache, entryOf(directory, 'part.cjs'))).readUInt32LE(8), 3, 'written by a run that compiled three files');
  for (const entry of readdirSync(cache)) utimesSync(join(cache, entry), past, past);
  assert.equal(run(directory, cache), { answer: 42, name: 'main.cjs' });
  wider();
  assert.ok(Object.values(written()).every((changed) => !changed), 'runs that compile no more files rewrite nothing');
});

test('an entry that is damaged or that was made from another source is replaced, and the chunk still runs', () => {
  const directory = bundle();
  const cache = join(scratch(), VERSIONED);
  run(directory, cache);
  const entry = join(cache, entryOf(directory, 'part.cjs'));
  const good = readFileSync(entry);
  const damaged = Buffer.from(good);
  damaged.fill(7, damaged.length - 16);
  writeFileSync(entry, damaged);
  assert.equal(run(directory, cache), { answer: 42, name: 'main.cjs' });
  assert.ok(readFileSync(entry).equals(good), 'the damaged entry is rewritten');

  // As long as the old: the same entry, made again.
  writeFileSync(join(directory, 'part.cjs'), bundleFile({ 'part.cjs': 'exports.value = 99;' }));
  assert.equal(run(directory, cache), { answer: 100, name: 'main.cjs' });
  assert.ok(readFileSync(entry).subarray(16).toString('latin1').startsWith(bundleFile({ 'part.cjs': 'exports.value = 99;' })), 'made from the new source');
});

test('a file may hold several chunks: one entry for them, each run once and only when required, the first file compiled that holds one its __filename', () => {
  const directory = scratch();
  const counted = '"use strict";globalThis.partRuns = (globalThis.partRuns ?? 0) + 1;exports.value = 41;exports.file = require("node:path").basename(__filename);';
  writeFileSync(join(directory, 'main.cjs'), bundleFile({ 'main.cjs': MAIN, 'part.cjs': counted, 'unused.cjs': 'throw new Error("ran");' }));
  // A chunk copied into a second file, as a small chunk is into each file that requires it.
  writeFileSync(join(directory, 'later.cjs'), bundleFile({ 'later.cjs': '"use strict";exports.part = require("./part.cjs");', 'part.cjs': counted }));
  const cache = join(scratch(), VERSIONED);
  for (const cached of [undefined, cache, cache]) {
    (globalThis as { partRuns?: number }).partRuns = 0;
    const loader = new BundleLoader(directory, cached && (prepareCacheDirectory(cached) ? cached : undefined));
    const main = loader.require('main.cjs') as { answer: () => number; name: string };
    assert.equal({ answer: main.answer(), name: main.name }, { answer: 42, name: 'main.cjs' });
    assert.equal(loader.require('part.cjs'), { value: 41, file: 'main.cjs' });
    assert.equal(loader.require('later.cjs'), { part: { value: 41, file: 'main.cjs' } });
    assert.is((globalThis as { partRuns?: number }).partRuns, 1);
    loader.saveCache();
  }
  assert.equal(readdirSync(cache).sort(), ['.pruned', entryOf(directory, 'later.cjs'), entryOf(directory, 'main.cjs')]);
});

/** Makes `path` look last changed `days` days ago (a link itself, not what it points to). */
function age(path: string, days: number): void {
  const then = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  lutimesSync(path, then, then);
}

test('pruning removes files unchanged for a week that the build does not name, and never follows a link', () => {
  const directory = scratch();
  const outside = join(scratch(), 'not-the-cache.txt');
  writeFileSync(outside, 'kept');
  const files = ['cli.cjs.v8', 'chunk-OLD.cjs.v8', 'chunk-RECENT.cjs.v8', 'yaml-1-2-3.json', 'cli.cjs.v8.123.tmp'];
  for (const file of files) writeFileSync(join(directory, file), 'entry');
  for (const file of files.filter((name) => name !== 'chunk-RECENT.cjs.v8')) age(join(directory, file), 30);
  symlinkSync(outside, join(directory, 'chunk-LINK.cjs.v8'));
  age(join(directory, 'chunk-LINK.cjs.v8'), 30);
  age(outside, 30);
  mkdirSync(join(directory, 'node-v0-x64'));
  age(join(directory, 'node-v0-x64'), 30);

  pruneCacheDirectory(join(directory, 'missing'), new Set());
  pruneCacheDirectory(directory, new Set(['cli.cjs.v8']));
  assert.equal(readdirSync(directory).sort(), ['.pruned', 'chunk-LINK.cjs.v8', 'chunk-RECENT.cjs.v8', 'cli.cjs.v8', 'node-v0-x64']);
  assert.is(readFileSync(outside, 'utf8'), 'kept');

  writeFileSync(join(directory, 'chunk-OLD.cjs.v8'), 'entry');
  age(join(directory, 'chunk-OLD.cjs.v8'), 30);
  pruneCacheDirectory(directory, new Set(['cli.cjs.v8']));
  assert.ok(existsSync(join(directory, 'chunk-OLD.cjs.v8')), 'pruned at most once a day');

  const now = Date.now() + UNUSED_ENTRY_LIFETIME_MS + 60_000;
  pruneCacheDirectory(directory, new Set(['cli.cjs.v8']), now);
  assert.equal(readdirSync(directory).sort(), ['.pruned', 'chunk-LINK.cjs.v8', 'cli.cjs.v8', 'node-v0-x64'], 'a week on, the recent entry goes too');
});

test('a run that writes an entry prunes the entries of other builds; a run that uses every entry leaves them', () => {
  const directory = bundle();
  const cache = join(scratch(), VERSIONED);
  run(directory, cache);
  const stale = join(cache, 'chunk-OTHERBUILD.cjs.v8');
  writeFileSync(stale, 'entry');
  age(stale, 30);
  run(directory, cache);
  assert.ok(existsSync(stale), 'no entry was written, so nothing was pruned');

  writeFileSync(join(directory, 'part.cjs'), bundleFile({ 'part.cjs': 'exports.value = 99;' }));
  age(join(cache, '.pruned'), 2);
  assert.equal(run(directory, cache), { answer: 100, name: 'main.cjs' });
  assert.equal(readdirSync(cache).sort(), ['.pruned', entryOf(directory, 'main.cjs'), entryOf(directory, 'part.cjs')]);
});

test('two builds whose chunk of one name differs keep an entry each in a shared cache, neither rewriting the other’s', () => {
  const first = bundle('exports.value = 41;');
  const second = bundle('exports.value = 41 + 0;');
  const cache = join(scratch(), VERSIONED);
  run(first, cache);
  run(second, cache);
  const past = new Date('2020-01-01T00:00:00Z');
  for (const entry of readdirSync(cache)) utimesSync(join(cache, entry), past, past);
  for (const directory of [first, second, first]) assert.equal(run(directory, cache), { answer: 42, name: 'main.cjs' });
  assert.equal(readdirSync(cache).sort(), ['.pruned', entryOf(first, 'main.cjs'), entryOf(first, 'part.cjs'), entryOf(second, 'part.cjs')].sort());
  for (const entry of readdirSync(cache)) assert.equal(statSync(join(cache, entry)).mtime, past, `${entry} was used, not rewritten`);
});

test('the CLI prints the same with the code cache off, filling it, using it and when V8 rejects it, and leaves a directory others can write alone', () => {
  const cache = scratch();
  const args = ['--format', 'compact', 'fixtures/docker/DKR001'];
  const off = merlintWithCache(args, 'off');
  assert.is(off.status, 1, off.stderr);
  assert.equal(merlintWithCache(args, cache), off);
  const entry = join(cache, VERSIONED, CLI_ENTRY());
  assert.equal(merlintWithCache(args, cache), off);

  // Whole and made from this source, but not V8's data: V8 checks its own header and rejects it (a compile cache of
  // another Node build reads the same way); the run compiles the chunk and writes a good entry.
  const notV8 = cacheEntry(readFileSync(repoPath('dist', 'bundle', 'cli.cjs')), Buffer.alloc(256, 1));
  writeFileSync(entry, notV8);
  assert.equal(merlintWithCache(args, cache), off);
  assert.not.ok(readFileSync(entry).equals(notV8), 'the rejected entry is rewritten');

  chmodSync(cache, 0o777);
  rmSync(join(cache, VERSIONED), { recursive: true });
  assert.equal(merlintWithCache(args, cache), off);
  assert.not.ok(existsSync(join(cache, VERSIONED)), 'nothing written where others could have written');
  rmSync(cache, { recursive: true, force: true });
});

test('runs that set V8 flags as they go (a directory scan; a script read with a WebAssembly grammar) use the entries they wrote', () => {
  const cache = scratch();
  const entries = () => Object.fromEntries(readdirSync(join(cache, VERSIONED)).filter((name) => name.endsWith('.v8')).map((name) => [name, statSync(join(cache, VERSIONED, name)).mtimeMs]));
  for (const args of [['--format', 'compact', 'fixtures/network/NET003'], ['--format', 'compact', 'fixtures/network/NET003/start.sh']]) {
    const first = merlintWithCache(args, cache);
    const written = entries();
    assert.equal(merlintWithCache(args, cache), first);
    assert.equal(entries(), written, `${args.join(' ')}: no entry rewritten`);
  }
  rmSync(cache, { recursive: true, force: true });
});

test('an entry written as a directory scan set its flags is written whole by the next run that sets none, then kept', () => {
  const cache = scratch();
  const entry = join(cache, VERSIONED, CLI_ENTRY());
  const namedFile = ['--format', 'compact', 'fixtures/network/NET003/Dockerfile'];
  merlintWithCache(['--format', 'compact', 'fixtures/network/NET003'], cache);
  const partial = readFileSync(entry);
  assert.is(partial.readUInt32LE(12), 1, 'written in part');
  assert.is(partial.readUInt32LE(8), 1, 'when the run had compiled one file');
  merlintWithCache(namedFile, cache);
  const whole = readFileSync(entry);
  assert.is(whole.readUInt32LE(12), 0, 'written whole');
  assert.ok(whole.length > partial.length, 'with the code the named file compiled');
  merlintWithCache(namedFile, cache);
  assert.ok(readFileSync(entry).equals(whole), 'kept');
  rmSync(cache, { recursive: true, force: true });
});

test('an entry written in part is written again by a run whose flags change after it compiled more files, then kept by such runs', () => {
  const cache = scratch();
  const entry = join(cache, VERSIONED, CLI_ENTRY());
  // Reading the script with the WebAssembly grammar sets a V8 flag, after its languages' files were compiled.
  const script = ['--format', 'compact', 'fixtures/network/NET003/start.sh'];
  const printed = merlintWithCache(script, 'off');
  merlintWithCache(['--format', 'compact', 'fixtures/network/NET003'], cache);
  const scanStart = readFileSync(entry);
  assert.equal(merlintWithCache(script, cache), printed);
  const further = readFileSync(entry);
  assert.ok(further.readUInt32LE(8) > scanStart.readUInt32LE(8), `reach ${further.readUInt32LE(8)}, after the scan's ${scanStart.readUInt32LE(8)}`);
  assert.ok(further.length > scanStart.length, 'with the code compiled before its flags changed');
  assert.equal(merlintWithCache(script, cache), printed);
  assert.ok(readFileSync(entry).equals(further), 'kept by a run that reaches no further');
  merlintWithCache(['--format', 'compact', 'fixtures/network/NET003/Dockerfile'], cache);
  assert.is(readFileSync(entry).readUInt32LE(12), 0, 'written whole by a run that sets no flags');
  rmSync(cache, { recursive: true, force: true });
});

test('every chunk the CLI requires as it starts is in cli.cjs: a run that only starts compiles one file', () => {
  const cache = scratch();
  const run = merlintWithCache(['--version'], cache);
  assert.is(run.status, 0, run.stderr);
  assert.equal(readdirSync(join(cache, VERSIONED)).sort(), ['.pruned', CLI_ENTRY()]);
  rmSync(cache, { recursive: true, force: true });
});

function merlintWithCache(args: string[], cache: string) {
  const previous = process.env.MERLINT_CODE_CACHE;
  process.env.MERLINT_CODE_CACHE = cache;
  try {
    const { status, stdout, stderr } = merlint(args, { cwd: repoPath() });
    return { status, stdout, stderr };
  } finally {
    if (previous === undefined) delete process.env.MERLINT_CODE_CACHE;
    else process.env.MERLINT_CODE_CACHE = previous;
  }
}

test("a run loads no node:module: the chunks' built-in modules come through a CommonJS require, not createRequire, which loaded Node's ES module loader with it", () => {
  const cwd = scratch();
  writeFileSync(join(cwd, 'Dockerfile'), 'FROM alpine:latest\n');
  writeFileSync(join(cwd, 'record.cjs'), "process.on('exit', () => require('node:fs').writeFileSync('modules.txt', process.moduleLoadList.join('\\n')));\n");
  const run = spawnSync(process.execPath, ['-r', './record.cjs', repoPath('bin', 'merlint.js'), 'Dockerfile', '--format', 'sarif'], { cwd, encoding: 'utf8', env: { ...process.env, MERLINT_CODE_CACHE: join(cwd, 'cache') } });
  assert.is(run.status, 1, run.stderr);
  const modules = readFileSync(join(cwd, 'modules.txt'), 'utf8').split('\n');
  assert.ok(modules.includes('NativeModule crypto'), 'SARIF fingerprints were hashed with node:crypto');
  assert.not.ok(modules.includes('NativeModule module'));
});

test.run();
