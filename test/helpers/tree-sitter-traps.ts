import { loadGrammar, parseBefore, release } from '../../src/tree-sitter.js';

/*
 * Calls into tree-sitter's current WebAssembly instance, watched: traps, as it traps once a stack overrun has
 * overwritten its data (the RuntimeError of a trap, thrown where the instance is called), or counts. An instance made
 * after it is untouched (its JavaScript is evaluated anew). Each returns the undo.
 */

/** Every read of a syntax node of the current instance traps. */
export async function trapNodeReads(): Promise<() => void> {
  return watching(await nodePrototype(), undefined, () => {
    throw new WebAssembly.RuntimeError('memory access out of bounds');
  });
}

/** Parsing `text` with a parser of the current instance traps. */
export async function trapParsing(text: string): Promise<() => void> {
  return watching(Object.getPrototypeOf(await loadGrammar('bash')) as object, ['parse'], (parsed) => {
    if (parsed === text) throw new WebAssembly.RuntimeError('memory access out of bounds');
  });
}

/** Counts the reads of syntax nodes of the current instance (of the methods and getters `names` only, where given). */
export async function countNodeReads(names?: readonly string[]): Promise<{ reads: () => number; undo: () => void }> {
  let reads = 0;
  const undo = watching(await nodePrototype(), names, () => {
    reads++;
  });
  return { reads: () => reads, undo };
}

async function nodePrototype(): Promise<object> {
  const tree = parseBefore(await loadGrammar('bash'), 'true\n', Number.POSITIVE_INFINITY);
  if (!tree || tree === 'stopped') throw new Error('tree-sitter-bash gave no tree');
  const prototype = Object.getPrototypeOf(tree.rootNode) as object;
  release(tree);
  return prototype;
}

/** Calls `before` with the arguments of every call of the methods and getters `names` of `prototype` (default: all). */
function watching(prototype: object, names: readonly string[] | undefined, before: (...args: unknown[]) => void): () => void {
  const watched = names ?? Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor');
  const originals = watched.map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)!] as const);
  for (const [name, original] of originals) {
    const call = (original.get ?? original.value) as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      before(...args);
      return call.apply(this, args);
    };
    Object.defineProperty(prototype, name, original.get ? { ...original, get: wrapped } : { ...original, value: wrapped });
  }
  return () => {
    for (const [name, original] of originals) Object.defineProperty(prototype, name, original);
  };
}
