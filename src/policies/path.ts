import type { PolicyValue, Shape, UnknownNode } from './target.js';

/*
 * Paths into an object's value tree: `tags.data-classification`, `ingress[0].from_port`,
 * `ingress[*].cidr_blocks`, `tags["kubernetes.io/role"]`. A key applied to a list (nested
 * Terraform blocks such as `versioning.enabled`) means each element, and a list without elements
 * is then "not set"; `[*]` means each element too, and holds vacuously for an empty list.
 */

export type Segment = { key: string } | { index: number } | { each: true };

const SEGMENT = /^(?:([^.[\]"\s]+)|\[(\d+)\]|\[\*\]|\["((?:[^"\\]|\\.)*)"\])/;

/** The segments of a path, or a message saying what is wrong with its syntax. */
export function parsePath(text: string): Segment[] | string {
  const segments: Segment[] = [];
  let rest = text;
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match) return `path ${JSON.stringify(text)} cannot be read at ${JSON.stringify(rest)}: write keys separated by dots, [n], [*] or ["odd.key"]`;
    if (match[1] !== undefined) segments.push({ key: match[1] });
    else if (match[2] !== undefined) segments.push({ index: Number(match[2]) });
    else if (match[3] !== undefined) segments.push({ key: JSON.parse(`"${match[3]}"`) as string });
    else segments.push({ each: true });
    rest = rest.slice(match[0].length);
    if (rest.startsWith('.') && !rest.startsWith('.[') && rest.length > 1) rest = rest.slice(1);
    else if (rest.length > 0 && !rest.startsWith('[')) return `path ${JSON.stringify(text)} cannot be read at ${JSON.stringify(rest)}`;
  }
  return segments.length > 0 ? segments : `path ${JSON.stringify(text)} is empty`;
}

export function formatPath(segments: readonly Segment[]): string {
  return segments
    .map((segment, position) => {
      if ('each' in segment) return '[*]';
      if ('index' in segment) return `[${segment.index}]`;
      if (/^[^.[\]"\s]+$/.test(segment.key)) return position === 0 ? segment.key : `.${segment.key}`;
      return `[${JSON.stringify(segment.key)}]`;
    })
    .join('');
}

/** Why a path cannot exist in a tree of this shape (an unknown field, a step into text), or undefined when it can. */
export function pathProblem(segments: readonly Segment[], shape: Shape): string | undefined {
  let current = shape;
  for (let position = 0; position < segments.length; position++) {
    const segment = segments[position]!;
    const soFar = formatPath(segments.slice(0, position)) || 'the object';
    if (current === 'any') return undefined;
    if (current === 'scalar') return `${soFar} holds a single value, so ${formatPath(segments)} has nothing to step into`;
    if ('list' in current) {
      current = current.list;
      if ('key' in segment) position--;
      continue;
    }
    if ('key' in segment === false) return `${soFar} is not a list, so [${'index' in segment ? segment.index : '*'}] does not apply`;
    const key = (segment as { key: string }).key;
    if ('map' in current) current = current.map;
    else {
      const next = current.fields[key];
      if (!next) return `${soFar} has no field ${JSON.stringify(key)}; it has ${Object.keys(current.fields).sort().join(', ')}`;
      current = next;
    }
  }
  return undefined;
}

/** Where one path leads in one object: each branch ends at a value, at nothing, or at something that cannot be known. */
export type Branch =
  | { kind: 'found'; node: Exclude<PolicyValue, UnknownNode> }
  | { kind: 'missing' }
  /** `leaf`: the value the path names is there but unknown; otherwise a value on the way is, so whether the path exists is unknown too. */
  | { kind: 'unknown'; node: UnknownNode; leaf: boolean };

export function resolve(node: PolicyValue, segments: readonly Segment[], position = 0): Branch[] {
  if (node.kind === 'unknown') return [{ kind: 'unknown', node, leaf: position === segments.length }];
  if (position === segments.length) return [{ kind: 'found', node }];
  const segment = segments[position]!;
  const next = (child: PolicyValue | undefined) => (child === undefined ? [{ kind: 'missing' } as const] : resolve(child, segments, position + 1));
  if ('each' in segment) {
    if (node.kind === 'list') return node.items.flatMap(next);
    if (node.kind === 'map') return node.keys().flatMap((key) => next(node.get(key)));
    return [{ kind: 'missing' }];
  }
  if ('index' in segment) return node.kind === 'list' ? next(node.items[segment.index]) : [{ kind: 'missing' }];
  if (node.kind === 'map') {
    const child = node.get(segment.key);
    // `ingress[*]` over no ingress blocks at all: each of none holds, as over an empty list.
    if (child === undefined && segments[position + 1] !== undefined && 'each' in segments[position + 1]!) return [];
    return next(child);
  }
  if (node.kind === 'list') return node.items.length === 0 ? [{ kind: 'missing' }] : node.items.flatMap((item) => resolve(item, segments, position));
  return [{ kind: 'missing' }];
}
