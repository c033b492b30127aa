import { entries, field, items, text, type KubeObject, type Node } from './syntax.js';
import { nodeAffinityZones, type ZoneSetting } from './topology.js';

/*
 * Where Rook runs Ceph: the node affinity of each placement in a Rook object (ceph.rook.io: a CephCluster's
 * `placement` of every daemon, its storage device sets' `placement` and `preparePlacement`, a filesystem's
 * or object store's gateways) names the zones or regions of the monitors and of the OSDs, which keep the data.
 */

/** The zone and region pins of every node affinity in a Rook object's spec. */
export function rookPlacementZonesOf(object: KubeObject): ZoneSetting[] {
  return object.apiVersion.startsWith('ceph.rook.io/') ? affinityZonesBelow(field(object.root, 'spec'), '') : [];
}

/** Node affinities anywhere below `node`, named by their path in the spec: `storage.storageClassDeviceSets[set1].placement`. */
function affinityZonesBelow(node: Node | undefined, path: string): ZoneSetting[] {
  if (node?.type === 'seq') return items(node).flatMap((item, index) => affinityZonesBelow(item, `${path}[${text(field(item, 'name')) ?? index}]`));
  return entries(node).flatMap(({ key, value }) => (key === 'nodeAffinity' ? nodeAffinityZones(value, `${path} node affinity`) : affinityZonesBelow(value, path ? `${path}.${key}` : key)));
}
