import { at, entries, field, scalar, type KubeObject, type Node } from './syntax.js';
import { nodeAffinityZones, type ZoneSetting } from './topology.js';

/*
 * Where the Spark operator (sparkoperator.k8s.io) runs a SparkApplication's pods: the node selector of the
 * application, which both roles take, and the node selectors and node affinity of its driver and executors.
 * A zone or region they pin is where the job runs, with the data it reads and writes.
 */

const ROLES = ['driver', 'executor'] as const;

/** The zone and region pins of a SparkApplication, or of the application a ScheduledSparkApplication runs. */
export function sparkPodZonesOf(object: KubeObject): ZoneSetting[] {
  const spec = applicationSpec(object);
  if (!spec) return [];
  return [...selectorZones(field(spec, 'nodeSelector'), 'nodeSelector'), ...ROLES.flatMap((role) => roleZones(field(spec, role), role))];
}

function applicationSpec(object: KubeObject): Node | undefined {
  if (!object.apiVersion.startsWith('sparkoperator.k8s.io/')) return undefined;
  if (object.kind === 'SparkApplication') return field(object.root, 'spec');
  return object.kind === 'ScheduledSparkApplication' ? at(object.root, 'spec', 'template') : undefined;
}

function roleZones(role: Node | undefined, name: string): ZoneSetting[] {
  return [...selectorZones(field(role, 'nodeSelector'), `${name}.nodeSelector`), ...nodeAffinityZones(at(role, 'affinity', 'nodeAffinity'), `${name} node affinity`)];
}

function selectorZones(selector: Node | undefined, setting: string): ZoneSetting[] {
  return entries(selector).flatMap(({ key, value }): ZoneSetting[] => {
    const written = scalar(value);
    return written ? [{ setting: `${setting} ${key}`, label: key, values: [written] }] : [];
  });
}
