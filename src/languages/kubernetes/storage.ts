import { at, field, items, scalar, type KubeObject, type KubernetesDocument, type Node, type ScalarNode } from './syntax.js';
import { partRange } from './text.js';
import { labelExpressionZones, type ZoneSetting } from './topology.js';

/*
 * Where a StorageClass creates its volumes: the zones its provisioner's parameters name and the
 * zones its allowed topologies permit; and where a PersistentVolume's disk already is: the zones its
 * required node affinity names. A volume holds the data itself, so the zone a class or a volume pins
 * is where that data lives, whichever node later reads it.
 */

/** Parameters of the in-tree and CSI provisioners that name zones, one or a comma-separated list. */
const ZONE_PARAMETERS = ['zone', 'zones', 'replica-zones'];

/** The zone settings of a StorageClass or a PersistentVolume. */
export function storageZonesOf(document: KubernetesDocument, object: KubeObject): ZoneSetting[] {
  if (object.kind === 'PersistentVolume') return labelZones(at(object.root, 'spec', 'nodeAffinity', 'required', 'nodeSelectorTerms'), 'matchExpressions', 'nodeAffinity');
  if (object.kind !== 'StorageClass') return [];
  const parameters = ZONE_PARAMETERS.flatMap((name): ZoneSetting[] => {
    const value = scalar(at(object.root, 'parameters', name));
    return value ? [{ setting: `parameters.${name}`, label: undefined, values: listItems(document, value) }] : [];
  });
  return [...parameters, ...labelZones(field(object.root, 'allowedTopologies'), 'matchLabelExpressions', 'allowedTopologies')];
}

/** The label expressions of topology terms (`nodeSelectorTerms`, `allowedTopologies`), by label. */
function labelZones(terms: Node | undefined, expressions: string, setting: string): ZoneSetting[] {
  return items(terms).flatMap((term) => labelExpressionZones(field(term, expressions), setting));
}

/** `us-east-1a, us-east-1b` as its items, each where it is written. */
function listItems(document: KubernetesDocument, value: ScalarNode): ScalarNode[] {
  return [...value.text.matchAll(/[^,\s]+/g)].map((match) => ({ ...value, value: match[0], text: match[0], range: partRange(document, value, match.index, match[0].length) }));
}
