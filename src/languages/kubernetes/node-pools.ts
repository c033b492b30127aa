import { at, type KubeObject } from './syntax.js';
import { labelExpressionZones, type ZoneSetting } from './topology.js';

/*
 * Where Karpenter launches nodes: a NodePool's requirements (a v1alpha5 Provisioner's, before it) on a
 * zone or region label name where its nodes run, and so every pod it schedules, with the data it handles.
 */

/** The zone and region requirements of a Karpenter NodePool or Provisioner. */
export function nodePoolZonesOf(object: KubeObject): ZoneSetting[] {
  if (!object.apiVersion.startsWith('karpenter.sh/')) return [];
  if (object.kind === 'NodePool') return labelExpressionZones(at(object.root, 'spec', 'template', 'spec', 'requirements'), 'requirements');
  if (object.kind === 'Provisioner') return labelExpressionZones(at(object.root, 'spec', 'requirements'), 'requirements');
  return [];
}
