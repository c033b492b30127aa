import { setFlagsFromString } from 'node:v8';

/*
 * V8 settings for large scans, where peak memory is what a repository runs into (BENCHMARKS.md,
 * "Memory"). They hold for the rest of the process, which a scan is the whole of; V8 reads them when
 * it next needs them.
 */

/**
 * For a scan of a whole directory, set before discovery, which would otherwise grow the young
 * generation first: it keeps its first size (1 MB semi-spaces instead of growing to 16 MB), about
 * 30 MB less. V8 after Node 20 may raise a factor below 2 to 2 (no effect).
 */
export function keepMemoryLow(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * From this many files a batched scan keeps the young generation small. A smaller one peaks far below
 * the 10,000-file repository of the memory benchmark, and lets it grow again: the 1,070 real `.tf`
 * files took 9% more CPU with it kept small.
 */
export const SMALL_YOUNG_GENERATION_FILES = 5000;

/** V8's own growth of the young generation (factor 2), once a scan has turned out small. */
export function letYoungGenerationGrow(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}
