import type { Range } from '../../types.js';
import { at, entries, field, items, scalar, text, type KubeObject, type MapEntry, type Node, type ScalarNode } from './syntax.js';
import { commandStringOf } from '../../shell/commands.js';
import { nodeAffinityTerms } from './topology.js';

/*
 * The pod spec of every kind that runs pods, and what rules ask of it: containers with their
 * command, args, env and security context; the pod's sysctls, node selector, node affinity and
 * host network. Every value keeps its node, so a finding points at it.
 */

/** Where each workload kind keeps its pod template, whose `metadata` and `spec` are the pod's (a Pod is its own). */
const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export type ContainerSection = 'containers' | 'initContainers' | 'ephemeralContainers';
const SECTIONS: readonly ContainerSection[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface EnvVar {
  readonly name: string;
  readonly nameRange: Range;
  /** `value:`; undefined with `valueFrom` or no value. */
  readonly value: ScalarNode | undefined;
  readonly valueFrom: Node | undefined;
}

export interface Container {
  readonly name: string | undefined;
  readonly section: ContainerSection;
  readonly node: Node;
  readonly image: ScalarNode | undefined;
  readonly command: readonly ScalarNode[];
  readonly args: readonly ScalarNode[];
  readonly env: readonly EnvVar[];
  readonly privileged: ScalarNode | undefined;
  readonly allowPrivilegeEscalation: ScalarNode | undefined;
  /** `securityContext.capabilities.add`. */
  readonly addedCapabilities: readonly ScalarNode[];
  /** The script of `sh -c SCRIPT` (in command or args, `-ec` and the like too), when the container runs one. */
  readonly script: ScalarNode | undefined;
}

export interface Sysctl {
  readonly name: ScalarNode;
  readonly value: ScalarNode | undefined;
}

/** A node label the pod is pinned to, with the values it may take: a nodeSelector entry or a required/preferred affinity expression. */
export interface NodePin {
  readonly label: string;
  readonly labelRange: Range;
  /** The values allowed (nodeSelector: one; `In`: several). */
  readonly values: readonly ScalarNode[];
  readonly via: 'nodeSelector' | 'node affinity';
}

export interface Workload {
  readonly object: KubeObject;
  /** `Deployment payments`. */
  readonly label: string;
  readonly podSpec: Node;
  readonly containers: readonly Container[];
  readonly hostNetwork: ScalarNode | undefined;
  readonly sysctls: readonly Sysctl[];
  readonly nodePins: readonly NodePin[];
}

export function workloadOf(object: KubeObject): Workload | undefined {
  const podSpec = field(podTemplateOf(object), 'spec');
  if (!podSpec) return undefined;
  return {
    object,
    label: `${object.kind} ${object.name ?? '(unnamed)'}`,
    podSpec,
    containers: SECTIONS.flatMap((section) => items(field(podSpec, section)).map((node) => containerOf(node, section))),
    hostNetwork: scalar(field(podSpec, 'hostNetwork')),
    sysctls: items(at(podSpec, 'securityContext', 'sysctls')).flatMap((item): Sysctl[] => {
      const name = scalar(field(item, 'name'));
      return name ? [{ name, value: scalar(field(item, 'value')) }] : [];
    }),
    nodePins: [...selectorPins(podSpec), ...affinityPins(podSpec)],
  };
}

/** The pod template of an object of a kind that runs pods (a Pod is its own), when it has a pod spec. */
export function podTemplateOf(object: KubeObject): Node | undefined {
  const path = POD_TEMPLATE_PATHS[object.kind];
  const template = path && at(object.root, ...path);
  return field(template, 'spec')?.type === 'map' ? template : undefined;
}

function containerOf(node: Node, section: ContainerSection): Container {
  const security = field(node, 'securityContext');
  const command = strings(field(node, 'command'));
  const args = strings(field(node, 'args'));
  return {
    name: text(field(node, 'name')),
    section,
    node,
    image: scalar(field(node, 'image')),
    command,
    args,
    env: items(field(node, 'env')).flatMap(envVarOf),
    privileged: scalar(field(security, 'privileged')),
    allowPrivilegeEscalation: scalar(field(security, 'allowPrivilegeEscalation')),
    addedCapabilities: strings(at(security, 'capabilities', 'add')),
    script: commandStringOf([...command, ...args]),
  };
}

function envVarOf(item: Node): EnvVar[] {
  const name = scalar(field(item, 'name'));
  if (!name) return [];
  return [{ name: name.text, nameRange: name.range, value: scalar(field(item, 'value')), valueFrom: field(item, 'valueFrom') }];
}

function strings(node: Node | undefined): ScalarNode[] {
  return items(node).flatMap((item) => scalar(item) ?? []);
}

function selectorPins(podSpec: Node): NodePin[] {
  return entries(field(podSpec, 'nodeSelector')).flatMap((entry: MapEntry): NodePin[] => {
    const value = scalar(entry.value);
    return value ? [{ label: entry.key, labelRange: entry.keyRange, values: [value], via: 'nodeSelector' }] : [];
  });
}

/** `In` expressions of required terms and of preferred terms: both place the pod, the second when it can. */
function affinityPins(podSpec: Node): NodePin[] {
  return nodeAffinityTerms(at(podSpec, 'affinity', 'nodeAffinity')).flatMap((term) =>
    items(field(term, 'matchExpressions')).flatMap((expression): NodePin[] => {
      const key = scalar(field(expression, 'key'));
      if (!key || text(field(expression, 'operator')) !== 'In') return [];
      return [{ label: key.text, labelRange: key.range, values: strings(field(expression, 'values')), via: 'node affinity' }];
    }),
  );
}
