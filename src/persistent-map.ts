import { fnv1a } from './fnv1a.js';

const BITS = 4;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/**
 * An immutable map from strings to values. `set` returns a new map that shares all but a few small
 * nodes with the old one, so keeping every version of a map that changes n times costs O(n log n)
 * instead of n copies of the whole map (the environment at each of 20,000 Dockerfile instructions).
 *
 * A hash trie: each level of nodes picks a child by the next 4 bits of the key's 32-bit hash; keys
 * whose hashes are equal share a leaf.
 */
export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>(new Array(WIDTH).fill(undefined));

  private constructor(private readonly root: TrieNode<V>) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  get(key: string): V | undefined {
    return this.entry(key)?.[1];
  }

  has(key: string): boolean {
    return this.entry(key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    return new PersistentMap(withEntry(this.root, fnv1a(key), [key, value], 0));
  }

  private entry(key: string): Entry<V> | undefined {
    const hash = fnv1a(key);
    let node = this.root;
    for (let shift = 0; ; shift += BITS) {
      const child = node[(hash >>> shift) & MASK];
      if (child === undefined) return undefined;
      if (!isLeaf(child)) {
        node = child;
        continue;
      }
      return child.hash === hash ? child.entries.find(([candidate]) => candidate === key) : undefined;
    }
  }
}

type Entry<V> = readonly [string, V];

interface Leaf<V> {
  hash: number;
  entries: readonly Entry<V>[];
}

type TrieNode<V> = readonly (TrieNode<V> | Leaf<V> | undefined)[];

function isLeaf<V>(child: TrieNode<V> | Leaf<V>): child is Leaf<V> {
  return !Array.isArray(child);
}

/** A copy of `node` with the entry added; only the nodes on the way to it are copied. */
function withEntry<V>(node: TrieNode<V>, hash: number, entry: Entry<V>, shift: number): TrieNode<V> {
  const index = (hash >>> shift) & MASK;
  const child = node[index];
  const copy = node.slice();
  if (child === undefined) {
    copy[index] = { hash, entries: [entry] };
  } else if (!isLeaf(child)) {
    copy[index] = withEntry(child, hash, entry, shift + BITS);
  } else if (child.hash === hash) {
    copy[index] = { hash, entries: [...child.entries.filter(([key]) => key !== entry[0]), entry] };
  } else {
    // Two hashes that agree on the bits so far differ further on: push the leaf one level down.
    const level: (TrieNode<V> | Leaf<V> | undefined)[] = new Array(WIDTH).fill(undefined);
    level[(child.hash >>> (shift + BITS)) & MASK] = child;
    copy[index] = withEntry(level, hash, entry, shift + BITS);
  }
  return copy;
}
