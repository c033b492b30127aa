import { at, field, items, scalar, text, type KubeObject, type KubernetesDocument, type ScalarNode } from './syntax.js';
import { partRange } from './text.js';

/*
 * Where a StorageClass creates its volumes: the zones its provisioner's parameters name and the
 * zones its allowed topologies permit. A volume holds the data itself, so the zone a class pins is
 * where that data lives, whichever node later reads it.
 */

/** Parameters of the in-tree and CSI provisioners that name zones, one or a comma-separated list. */
const ZONE_PARAMETERS = ['zone', 'zones', 'replica-zones'];

/** A zone setting of a StorageClass and the zones it names, each pointed at where it is written. */
export interface StorageZones {
  /** `parameters.zone`, `allowedTopologies topology.kubernetes.io/zone`. */
  readonly setting: string;
  /** The topology label of an allowed topology; undefined for a parameter, which always names zones. */
  readonly label: string | undefined;
  readonly values: readonly ScalarNode[];
}

export function storageZonesOf(document: KubernetesDocument, object: KubeObject): StorageZones[] {
  if (object.kind !== 'StorageClass') return [];
  const parameters = ZONE_PARAMETERS.flatMap((name): StorageZones[] => {
    const value = scalar(at(object.root, 'parameters', name));
    return value ? [{ setting: `parameters.${name}`, label: undefined, values: listItems(document, value) }] : [];
  });
  const topologies = items(field(object.root, 'allowedTopologies')).flatMap((term) =>
    items(field(term, 'matchLabelExpressions')).flatMap((expression): StorageZones[] => {
      const key = text(field(expression, 'key'));
      if (!key) return [];
      return [{ setting: `allowedTopologies ${key}`, label: key, values: items(field(expression, 'values')).flatMap((value) => scalar(value) ?? []) }];
    }),
  );
  return [...parameters, ...topologies];
}

/** `us-east-1a, us-east-1b` as its items, each where it is written. */
function listItems(document: KubernetesDocument, value: ScalarNode): ScalarNode[] {
  return [...value.text.matchAll(/[^,\s]+/g)].map((match) => ({ ...value, value: match[0], text: match[0], range: partRange(document, value, match.index, match[0].length) }));
}
