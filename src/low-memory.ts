import { setFlagsFromString } from 'node:v8';

/*
 * V8 settings for large scans, where peak memory is what a repository runs into (BENCHMARKS.md,
 * "Memory"). They hold for the rest of the process, which a scan is the whole of; V8 reads them when
 * it next needs them.
 */

/**
 * For a scan of a whole directory, set before discovery, which would otherwise grow the heap first:
 * the young generation keeps its first size (1 MB semi-spaces instead of growing to 16 MB), about 30 MB
 * less, and the old generation grows by half its live size at a time rather than by V8's own larger
 * factor, which let a 10,000-file repository's peak swing between 187 and 238 MB with GC timing (172–181
 * MB with it, for the same CPU). V8 after Node 20 may raise a semi-space factor below 2 to 2 (no effect).
 */
export function keepMemoryLow(): void {
  setFlagsFromString('--semi-space-growth-factor=1 --heap-growing-percent=50');
}

/**
 * From this many files a batched scan keeps the heap small. A smaller one peaks far below
 * the 10,000-file repository of the memory benchmark, and lets it grow again: the 1,070 real `.tf`
 * files took 9% more CPU with it kept small.
 */
export const SMALL_HEAP_FILES = 5000;

/** V8's own growth of the heap (a young generation factor of 2, its own old generation factor), once a scan has turned out small. */
export function letHeapGrow(): void {
  setFlagsFromString('--semi-space-growth-factor=2 --heap-growing-percent=0');
}
