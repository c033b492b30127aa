import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import builtinModule from './builtin-module.cjs';
import { pruneCacheDirectory, usableCacheDirectory, writeAtomically, type Env } from './cache-directory.js';
import { fnv1a } from './fnv1a.js';

/*
 * Starts the bundle (dist/bundle: files of CommonJS chunks, see scripts/bundle.mjs) with V8's code cache kept on disk, as Node 22's
 * compile cache does for ES modules and Node 20 cannot: a pre-commit run pays more for compiling
 * merlint's code than for checking a file. A chunk's cache entry holds its exact source, so a changed
 * chunk never meets a stale entry (V8 only compares the source's length), and what V8 compiled twice,
 * as V8 checks no checksum itself and a damaged entry would crash every run: comparing the two copies
 * finds the damage without zlib, whose stream modules cost a run more than reading the second copy.
 * The cache lives in a per-user directory that only the user may write, since what is in it runs as
 * code; `MERLINT_CODE_CACHE=off` turns it off and `MERLINT_CODE_CACHE=DIR` moves it. A run that
 * writes entries removes those of other merlint builds that have not changed for a while. An entry is
 * named by its chunk and the chunk's length: the chunks' names hold a hash of their content, but
 * cli.cjs's does not, and two builds of merlint run by one user (a global and a project's, or several
 * checkouts) otherwise replaced each other's entry of it on every run, each compiling it again.
 *
 * V8 also records the flags an entry was made under and rejects it under any others, and a run may set
 * flags as it goes (src/v8-settings.ts): the chunks' `node:v8` is the loader's, which
 * writes the entries of the chunks compiled so far before the flags change, and names those compiled
 * after by the flags set, so no run rejects what another wrote. Such an entry holds only what the run had
 * compiled when its flags changed (a directory scan's start, not a named file's path): the next run that
 * sets no flags uses it and writes it again whole, and a run whose flags change later, with more files of the
 * bundle compiled (a manifest's script read with a WebAssembly grammar), writes it again in part; else every such
 * run after a scan would compile the rest (2.7% of the CPU of a one-manifest run). A run never writes an entry
 * made under flags it has since changed.
 *
 * An entry records how many files of the bundle its writer had compiled. A run that compiled more writes the
 * entries of the files it shares with that writer again, holding what both compiled: a Terraform file of a module
 * (examples/infra: 11 files) needs more of the Terraform files than a lone one (7), and used the lone run's
 * entries compiling the rest every time (about 5% of its CPU). Not so the entry of the file every run compiles
 * first (cli.cjs): a Dockerfile run would then pay for what a Terraform run compiled there (0.5 ms, BENCHMARKS.md).
 */

type Chunk = { exports: unknown };
/** A chunk as Node wraps a CommonJS module. */
type ChunkFunction = (this: unknown, exports: unknown, require: (id: string) => unknown, module: Chunk, filename: string, dirname: string) => void;
/** A chunk's function and the path of the file of the bundle that holds it. */
type Definition = { run: ChunkFunction; filename: string };
/**
 * A compiled file of the bundle: `flags`, how many flag changes the run had made when it was compiled; `reach`, how
 * many files of the bundle the writer of its entry had compiled when it wrote it; `partial`, whether it wrote it as
 * its flags changed.
 */
type Compiled = { script: Script; source: Buffer; entry: string | undefined; cached: boolean; reach: number; partial: boolean; flags: number };
/** V8's data of an entry, its writer's reach, and whether it was written as the writer's flags changed (see Compiled). */
type CachedCode = { code: Buffer; reach: number; partial: boolean };

const HEADER_BYTES = 16;

/**
 * Loads the chunks of one bundle directory, each once, through the code cache in `cacheDirectory` if
 * any. A file of the bundle is a script whose value is an object of chunk functions by chunk name;
 * a chunk is defined by the first file compiled that holds it (small chunks are copied into several),
 * and one not yet defined is looked for in the file of its own name.
 */
export class BundleLoader {
  private readonly chunks = new Map<string, Chunk>();
  private readonly definitions = new Map<string, Definition>();
  private readonly compiled: Compiled[] = [];
  private readonly flagsSet: string[] = [];
  private chunkV8: typeof import('node:v8') | undefined;

  constructor(
    private readonly directory: string,
    private readonly cacheDirectory: string | undefined,
  ) {}

  /** The exports of chunk `name` (a file of the bundle directory), run on first use. */
  require(name: string): unknown {
    const loaded = this.chunks.get(name);
    if (loaded) return loaded.exports;
    const { run, filename } = this.definitionOf(name);
    const chunk: Chunk = { exports: {} };
    this.chunks.set(name, chunk);
    run.call(chunk.exports, chunk.exports, this.requireFrom, chunk, filename, this.directory);
    chunk.exports = withPlainFunctions(chunk.exports);
    return chunk.exports;
  }

  private definitionOf(name: string): Definition {
    if (!this.definitions.has(name)) {
      const filename = join(this.directory, name);
      const held = this.compile(filename, name).script.runInThisContext() as Record<string, ChunkFunction>;
      for (const [chunk, run] of Object.entries(held)) if (!this.definitions.has(chunk)) this.definitions.set(chunk, { run, filename });
    }
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`the bundle's file ${name} does not hold its chunk`);
    return definition;
  }

  /**
   * Writes the cache entries, made under the flags the run has now, that were missing or that V8 rejected, and
   * those this run holds more of (a failure only leaves an entry unwritten); then, as a new build is what usually
   * misses, prunes the entries of other builds. `partial`: the run's flags are about to change.
   */
  saveCache(partial = false): void {
    const reach = this.compiled.length;
    const missing = this.compiled.filter((compiled) => compiled.entry && compiled.flags === this.flagsSet.length && (!compiled.cached || this.outgrows(compiled, reach, partial)));
    for (const compiled of missing) {
      writeAtomically(compiled.entry!, cacheEntry(compiled.source, compiled.script.createCachedData(), reach, partial));
      compiled.cached = true;
      compiled.reach = reach;
      compiled.partial = partial;
    }
    if (this.cacheDirectory && missing.length > 0) pruneCacheDirectory(this.cacheDirectory, this.currentEntries(this.cacheDirectory));
  }

  /**
   * Whether this run, with `reach` files of the bundle compiled, holds more of a file than its entry: it completes an
   * entry written in part, or compiled more files than the entry's writer (of a file not compiled first, and only
   * whole if the entry is whole).
   */
  private outgrows(compiled: Compiled, reach: number, partial: boolean): boolean {
    if (compiled.partial && !partial) return true;
    if (compiled.reach >= reach) return false;
    return compiled.partial || (!partial && compiled !== this.compiled[0]);
  }

  /** The entries in the cache of this build's chunks, under any flags. */
  private currentEntries(cacheDirectory: string): Set<string> {
    const chunks = new Set(readdirSync(this.directory).map((name) => chunkKey(name, statSync(join(this.directory, name)).size)));
    return new Set(readdirSync(cacheDirectory).filter((entry) => chunks.has(chunkKeyOfEntry(entry))));
  }

  /** `node:v8` for the chunks: setting flags first writes the entries that the new flags would make V8 reject. */
  private v8ForChunks(): typeof import('node:v8') {
    const v8 = builtinModule<typeof import('node:v8')>('node:v8');
    this.chunkV8 ??= {
      ...v8,
      setFlagsFromString: (flags: string) => {
        this.saveCache(true);
        v8.setFlagsFromString(flags);
        this.flagsSet.push(flags);
      },
    };
    return this.chunkV8;
  }

  /** A chunk's require: another chunk, or one of Node's built-in modules (the bundle holds every package it uses). */
  private readonly requireFrom = (id: string): unknown => {
    if (id.startsWith('./')) return this.require(id.slice(2));
    return id === 'node:v8' ? this.v8ForChunks() : builtinModule(id);
  };

  private compile(filename: string, name: string): Compiled {
    const source = readFileSync(filename);
    const entry = this.cacheDirectory && join(this.cacheDirectory, entryName(name, source.length, this.flagsSet));
    const cached = entry ? cachedCode(entry, source) : undefined;
    const script = new Script(source.toString('utf8'), { filename, ...(cached ? { cachedData: cached.code } : {}) });
    const accepted = cached !== undefined && !script.cachedDataRejected;
    const compiled = { script, source, entry, cached: accepted, reach: accepted ? cached.reach : 0, partial: accepted && cached.partial, flags: this.flagsSet.length };
    this.compiled.push(compiled);
    return compiled;
  }
}

/**
 * A chunk's exports, once it has run, with its functions as plain values. esbuild turns each export of an ES
 * module chunk into two getters (the module's and `__toCommonJS`'s copy of it), which every call from another
 * chunk ran, and most calls of a short run are interpreted: the 1,018 real Dockerfiles took about 3% more CPU
 * with them. No module reassigns an exported function, so its value is its binding's for good; other values
 * keep their getters, as a module may assign them later.
 */
function withPlainFunctions(exports: unknown): unknown {
  if (typeof exports !== 'object' || exports === null) return exports;
  // Read by name and assigned, functions need no descriptor objects: half the time of copying every descriptor.
  const source = exports as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(source)) {
    const value = source[key];
    if (typeof value === 'function') plain[key] = value;
    else Object.defineProperty(plain, key, Object.getOwnPropertyDescriptor(source, key)!);
  }
  return plain;
}

/** The name of the cache entry of chunk `name`, `length` bytes long, compiled after `flagsSet` were set. */
export function entryName(name: string, length: number, flagsSet: readonly string[] = []): string {
  const key = chunkKey(name, length);
  return flagsSet.length === 0 ? `${key}.v8` : `${key}.${fnv1a(flagsSet.join(' ')).toString(36)}.v8`;
}

function chunkKey(name: string, length: number): string {
  return `${name}.${length.toString(36)}`;
}

function chunkKeyOfEntry(entry: string): string {
  const lengthStart = entry.indexOf('.cjs.') + '.cjs.'.length;
  return entry.slice(0, entry.indexOf('.', lengthStart));
}

/** An entry: the lengths of the source and of V8's data, its writer's reach, 1 if written in part (see Compiled), the source, then V8's data twice. */
export function cacheEntry(source: Buffer, code: Buffer, reach = 1, partial = false): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(source.length, 0);
  header.writeUInt32LE(code.length, 4);
  header.writeUInt32LE(reach, 8);
  header.writeUInt32LE(partial ? 1 : 0, 12);
  return Buffer.concat([header, source, code, code]);
}

/** V8's data of the entry at `path` if the entry was made from exactly `source` and both copies of the data agree. */
export function cachedCode(path: string, source: Buffer): CachedCode | undefined {
  let entry: Buffer;
  try {
    entry = readFileSync(path);
  } catch {
    return undefined;
  }
  if (entry.length < HEADER_BYTES) return undefined;
  const codeStart = HEADER_BYTES + source.length;
  const codeLength = entry.readUInt32LE(4);
  if (codeLength === 0 || entry.length !== codeStart + 2 * codeLength || entry.readUInt32LE(0) !== source.length) return undefined;
  if (!entry.subarray(HEADER_BYTES, codeStart).equals(source)) return undefined;
  const code = entry.subarray(codeStart, codeStart + codeLength);
  return code.equals(entry.subarray(codeStart + codeLength)) ? { code, reach: entry.readUInt32LE(8), partial: entry.readUInt32LE(12) === 1 } : undefined;
}

/** Runs the command line of the bundle in `directory` with the code cache that `env` selects; resolves to the exit code. */
export async function runBundle(directory: string, argv: string[], env: Env = process.env): Promise<number> {
  const loader = new BundleLoader(directory, usableCacheDirectory(env));
  const { main } = loader.require('cli.cjs') as { main: (argv: string[]) => Promise<number> };
  const code = await main(argv);
  loader.saveCache();
  return code;
}
