import type { LineIndex } from '../../positions.js';
import type { DocumentBase, Range } from '../../types.js';

/*
 * A manifest as merlint reads it: YAML (or JSON) nodes that each keep the range they are written
 * at. Aliases and merge keys are resolved: an aliased node is the anchored node itself, so a
 * finding in it points where the value is written.
 */

export type Node = MapNode | SeqNode | ScalarNode;

export interface ScalarNode {
  readonly type: 'scalar';
  /** The value as YAML 1.1 reads it (Kubernetes' YAML library): `yes` is true, `012` is 10. */
  readonly value: string | number | boolean | null;
  /** The value as text: what a string field of the API would receive. */
  readonly text: string;
  /** The range of the value, without quotes. */
  readonly range: Range;
  /** Written on one line without escapes, so a part of `text` can be pointed at from `range.start`. */
  readonly verbatim: boolean;
}

export interface MapEntry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: Node;
}

export interface MapNode {
  readonly type: 'map';
  readonly entries: readonly MapEntry[];
  readonly range: Range;
}

export interface SeqNode {
  readonly type: 'seq';
  readonly items: readonly Node[];
  readonly range: Range;
}

/** One Kubernetes object: a document of the file, or an item of a `List`. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly root: MapNode;
  /** Where the object's `kind` is written, for findings about the object as a whole. */
  readonly kindRange: Range;
}

export interface KubernetesDocument extends DocumentBase {
  kind: 'kubernetes';
  objects: KubeObject[];
  /** A Helm chart template (`{{ … }}` actions): not YAML until rendered, so nothing in it is checked. */
  helmTemplate: boolean;
  /** Offsets to positions in the file, for rules that point inside a value. */
  lines: LineIndex;
}

/** The value at `key` of a map, or undefined. */
export function field(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'map') return undefined;
  // The last entry wins, as in Kubernetes' decoder.
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

/** The node at a path of keys. */
export function at(node: Node | undefined, ...keys: string[]): Node | undefined {
  let current = node;
  for (const key of keys) current = field(current, key);
  return current;
}

export function scalar(node: Node | undefined): ScalarNode | undefined {
  return node?.type === 'scalar' && node.value !== null ? node : undefined;
}

/** A string-like scalar's text, or undefined for maps, lists and nulls. */
export function text(node: Node | undefined): string | undefined {
  return scalar(node)?.text;
}

export function items(node: Node | undefined): readonly Node[] {
  return node?.type === 'seq' ? node.items : [];
}

export function entries(node: Node | undefined): readonly MapEntry[] {
  return node?.type === 'map' ? node.entries : [];
}
