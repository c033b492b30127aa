import { loadGrammar, parseBefore, release } from '../../src/tree-sitter.js';

/*
 * Traps in tree-sitter's current WebAssembly instance, as it traps once a stack overrun has overwritten its data:
 * the RuntimeError of a trap, thrown where the instance is called. An instance made after it is untouched (its
 * JavaScript is evaluated anew). Each returns the undo.
 */

/** Every read of a syntax node of the current instance traps. */
export async function trapNodeReads(): Promise<() => void> {
  const tree = parseBefore(await loadGrammar('bash'), 'true\n', Number.POSITIVE_INFINITY);
  if (!tree || tree === 'stopped') throw new Error('tree-sitter-bash gave no tree');
  const node = Object.getPrototypeOf(tree.rootNode) as object;
  release(tree);
  return trapping(node, Object.getOwnPropertyNames(node).filter((name) => name !== 'constructor'), () => true);
}

/** Parsing `text` with a parser of the current instance traps. */
export async function trapParsing(text: string): Promise<() => void> {
  return trapping(Object.getPrototypeOf(await loadGrammar('bash')) as object, ['parse'], (parsed) => parsed === text);
}

function trapping(prototype: object, names: readonly string[], traps: (...args: unknown[]) => boolean): () => void {
  const originals = names.map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)!] as const);
  for (const [name, original] of originals) {
    const call = (original.get ?? original.value) as (...args: unknown[]) => unknown;
    const trapped = function (this: unknown, ...args: unknown[]): unknown {
      if (traps(...args)) throw new WebAssembly.RuntimeError('memory access out of bounds');
      return call.apply(this, args);
    };
    Object.defineProperty(prototype, name, original.get ? { ...original, get: trapped } : { ...original, value: trapped });
  }
  return () => {
    for (const [name, original] of originals) Object.defineProperty(prototype, name, original);
  };
}
