/*
 * A built-in module of Node by name, loaded when first asked for. This module is CommonJS so that its
 * require loads one synchronously wherever merlint runs (the bundle's chunks, the command line's start,
 * the ES modules of dist/src), without `node:module`: `createRequire` loaded that module, and with it
 * Node's ES module loader and source maps, about a millisecond of a one-Dockerfile run (BENCHMARKS.md).
 */
function builtinModule<T = unknown>(id: string): T {
  return require(id) as T;
}

export = builtinModule;
