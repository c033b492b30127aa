import { at, field, items, scalar, type KubeObject, type KubernetesDocument, type ScalarNode } from './syntax.js';
import { partRange } from './text.js';

/*
 * Where a multi-cluster Service of GKE's multi-cluster ingress serves from: each of its
 * `spec.clusters` links is `location/name`, the location a zone or a region of the cluster,
 * and the Service's pods, with the data they handle, run there.
 */

/** The locations a MultiClusterService's cluster links name, each pointed at where it is written. */
export function linkedClusterLocationsOf(document: KubernetesDocument, object: KubeObject): ScalarNode[] {
  if (object.kind !== 'MultiClusterService' || !object.apiVersion.startsWith('networking.gke.io/')) return [];
  return items(at(object.root, 'spec', 'clusters')).flatMap((cluster): ScalarNode[] => {
    const link = scalar(field(cluster, 'link'));
    const location = link && /^[^/\s]+(?=\/)/.exec(link.text)?.[0];
    return link && location ? [{ ...link, value: location, text: location, range: partRange(document, link, 0, location.length) }] : [];
  });
}
