import { at, field, items, scalar, text, type KubeObject, type KubernetesDocument, type Node, type ScalarNode } from './syntax.js';
import { partRange } from './text.js';

/*
 * Where a StorageClass creates its volumes: the zones its provisioner's parameters name and the
 * zones its allowed topologies permit; and where a PersistentVolume's disk already is: the zones its
 * required node affinity names. A volume holds the data itself, so the zone a class or a volume pins
 * is where that data lives, whichever node later reads it.
 */

/** Parameters of the in-tree and CSI provisioners that name zones, one or a comma-separated list. */
const ZONE_PARAMETERS = ['zone', 'zones', 'replica-zones'];

/** A zone setting of a StorageClass or a PersistentVolume and the zones it names, each pointed at where it is written. */
export interface StorageZones {
  /** `parameters.zone`, `allowedTopologies topology.kubernetes.io/zone`, `nodeAffinity topology.kubernetes.io/zone`. */
  readonly setting: string;
  /** The topology label of an allowed topology; undefined for a parameter, which always names zones. */
  readonly label: string | undefined;
  readonly values: readonly ScalarNode[];
}

export function storageZonesOf(document: KubernetesDocument, object: KubeObject): StorageZones[] {
  if (object.kind === 'PersistentVolume') return labelZones(at(object.root, 'spec', 'nodeAffinity', 'required', 'nodeSelectorTerms'), 'matchExpressions', 'nodeAffinity');
  if (object.kind !== 'StorageClass') return [];
  const parameters = ZONE_PARAMETERS.flatMap((name): StorageZones[] => {
    const value = scalar(at(object.root, 'parameters', name));
    return value ? [{ setting: `parameters.${name}`, label: undefined, values: listItems(document, value) }] : [];
  });
  return [...parameters, ...labelZones(field(object.root, 'allowedTopologies'), 'matchLabelExpressions', 'allowedTopologies')];
}

/** The values of the label expressions of topology terms, by label; an expression with an operator other than `In` places nothing. */
function labelZones(terms: Node | undefined, expressions: string, setting: string): StorageZones[] {
  return items(terms).flatMap((term) =>
    items(field(term, expressions)).flatMap((expression): StorageZones[] => {
      const key = text(field(expression, 'key'));
      const operator = text(field(expression, 'operator'));
      if (!key || (operator !== undefined && operator !== 'In')) return [];
      return [{ setting: `${setting} ${key}`, label: key, values: items(field(expression, 'values')).flatMap((value) => scalar(value) ?? []) }];
    }),
  );
}

/** `us-east-1a, us-east-1b` as its items, each where it is written. */
function listItems(document: KubernetesDocument, value: ScalarNode): ScalarNode[] {
  return [...value.text.matchAll(/[^,\s]+/g)].map((match) => ({ ...value, value: match[0], text: match[0], range: partRange(document, value, match.index, match[0].length) }));
}
