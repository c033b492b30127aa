import { setFlagsFromString } from 'node:v8';

/*
 * V8 settings for a scan of a whole directory, where peak memory is what a large repository runs
 * into and a few percent of CPU is not (BENCHMARKS.md, "Memory"). They hold for the rest of the
 * process, which a scan is the whole of; the flags are read when V8 next needs them, so they are set
 * before discovery, which would otherwise grow the young generation first.
 */
export function keepMemoryLow(): void {
  // The young generation keeps its first size (1 MB semi-spaces instead of growing to 16 MB): about
  // 35 MB less for a few percent more CPU. V8 after Node 20 may raise a factor below 2 to 2 (no effect).
  setFlagsFromString('--semi-space-growth-factor=1');
  // WebAssembly grammars (tree-sitter's Go and bash) stay with V8's baseline compiler: TurboFan's
  // compile of a grammar's lexer takes about 40 MB while it runs and keeps 20 MB, for a parse that is
  // a small part of any scan measured.
  setFlagsFromString('--liftoff-only');
}
