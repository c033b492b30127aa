/*
 * The V8 settings of a run, each decided here from what the run holds. They hold for the rest of the
 * process, which a run is the whole of; V8 reads them when it next needs them. node:v8 is loaded only
 * to set one (it brings Node's stream modules with it: a millisecond of a pre-commit run).
 */

import type { Kind } from './types.js';

/**
 * Above this many bytes of source a scan optimises its JavaScript later. TurboFan compiles a function
 * once it has spent its interrupt budget a few times; merlint's code is broad and a run short, and most
 * of what TurboFan compiled (on the second core, which CPU time counts) never paid back: the 1,070 real
 * `.tf` files took about a third less CPU with eight times the budget, a one-file run in
 * terraform-aws-vpc as much (BENCHMARKS.md). What runs hot in a long scan is still optimised, later. A
 * smaller scan is left alone: what the flag would spare it is mostly compiled by the time the files are known.
 */
export const LATE_OPTIMISATION_BYTES = 64 * 1024;

/**
 * From this many files a batched scan keeps the heap small. A smaller one peaks far below the
 * 10,000-file repository of the memory benchmark, and lets it grow again: the 1,070 real `.tf` files
 * took 9% more CPU with it kept small.
 */
export const SMALL_HEAP_FILES = 5000;

/**
 * For a scan of a whole directory, set before discovery, which would otherwise grow the heap first:
 * the young generation keeps its first size (1 MB semi-spaces instead of growing to 16 MB), about 30 MB
 * less, and the old generation grows by half its live size at a time rather than by V8's own larger
 * factor, which let a 10,000-file repository's peak swing between 187 and 238 MB with GC timing (172–181
 * MB with it, for the same CPU). V8 after Node 20 may raise a semi-space factor below 2 to 2 (no effect).
 */
export async function keepMemoryLow(): Promise<void> {
  await setV8Flags('--semi-space-growth-factor=1 --heap-growing-percent=50');
}

/**
 * Once the files are known: a scan of more than LATE_OPTIMISATION_BYTES optimises later (a multiple of
 * V8's interrupt budget, 67,584 bytes of bytecode in Node 20), and a batched one of fewer than
 * SMALL_HEAP_FILES files lets the heap grow as V8 would (a young generation factor of 2, its own old
 * generation factor).
 */
export async function settleForScan(scan: { files: number; bytes: number; batched: boolean; kinds: ReadonlySet<Kind> }): Promise<void> {
  if (scan.bytes > LATE_OPTIMISATION_BYTES) await setV8Flags(`--interrupt-budget=${lateBudgetFactor(scan.kinds) * 67_584}`);
  if (scan.batched && scan.files < SMALL_HEAP_FILES) await setV8Flags('--semi-space-growth-factor=2 --heap-growing-percent=0');
}

/**
 * How many times V8's interrupt budget a scan past LATE_OPTIMISATION_BYTES takes. Eight, and 32 for a scan of
 * Dockerfiles alone, whose parser and rules are many short functions over small files: the 1,018 real
 * Dockerfiles took about 10% less CPU with 32 than with 8 (16 was between, 64 and 128 no better), where the
 * 1,070 real `.tf` files and 1,208 YAML manifests took 11–12% more (BENCHMARKS.md).
 */
export function lateBudgetFactor(kinds: ReadonlySet<Kind>): number {
  return kinds.size === 1 && kinds.has('dockerfile') ? 32 : 8;
}

/**
 * WebAssembly is compiled by V8's baseline compiler only. A grammar's lexer and parse table are a few
 * huge functions: optimising them took about 0.5 s of CPU for bash (on a background thread that the
 * process then waits for at exit), more than any scan's parsing gained from it.
 */
export async function compileWebAssemblyBaselineOnly(): Promise<void> {
  await setV8Flags('--liftoff-only');
}

async function setV8Flags(flags: string): Promise<void> {
  (await import('node:v8')).setFlagsFromString(flags);
}
