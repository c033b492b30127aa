import type { Document } from '../../languages/index.js';
import type { KubeObject, KubernetesDocument, Node } from '../../languages/kubernetes/syntax.js';
import { at as nodeAt, field, text } from '../../languages/kubernetes/syntax.js';
import { podTemplateOf, type Container, type Workload } from '../../languages/kubernetes/workloads.js';
import type { Location, Range } from '../../types.js';
import { refersByIdentity } from '../conditions.js';
import { fixedMap, lazyMap, list, scalar, type MapNode, type PolicyObject, type PolicyValue, type TargetAdapter, type Verdict } from '../target.js';

/*
 * Kubernetes objects for policies, read from the manifest model: an object is one document (or an
 * item of a List) with its YAML as the value tree, every value at the place it is written; a
 * container is one container of a workload's pod spec (init and ephemeral containers included).
 * `referencedBy` between objects: a name written in another object of the same namespace refers
 * to the object of that name (a HorizontalPodAutoscaler's scaleTargetRef.name), and a label
 * selector (`matchLabels`, or a plain map such as a Service's spec.selector) refers to the objects
 * whose pods carry those labels in the same namespace (a NetworkPolicy's spec.podSelector; an empty
 * selector selects every pod of the namespace, as NetworkPolicy reads it).
 */

function isKubernetes(document: Document): document is KubernetesDocument {
  return document.kind === 'kubernetes';
}

export const kubernetesTargets: TargetAdapter = {
  targets: {
    'kubernetes.object': {
      kinds: ['kubernetes'],
      description: 'an object (a document, or an item of a List); type: its kind (Deployment), name: metadata.name, namespace: metadata.namespace, labels: metadata.labels; paths: the manifest as written (spec.replicas, metadata.annotations["…"])',
      shape: 'any',
      objects: (document) => (isKubernetes(document) ? document.objects.map((object) => objectOf(document, object)) : []),
      referenceVerb: 'selects',
      refersTo: selects,
    },
    'kubernetes.container': {
      kinds: ['kubernetes'],
      description: 'a container of a workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob …), init and ephemeral containers included; type: the workload kind, name: the container name, namespace and labels: the workload\'s; paths: the container as written (image, securityContext.runAsNonRoot, resources.limits.memory) and section (containers, initContainers, ephemeralContainers)',
      shape: 'any',
      objects: (document, workspace) => (isKubernetes(document) ? workspace.kubernetes.workloadsIn(document).flatMap((workload) => containersOf(document, workload)) : []),
    },
  },
};

function place(document: KubernetesDocument, range: Range): Location {
  return { path: document.file.path, range };
}

/** A YAML node as a policy value; a map's entries are converted when asked for. */
function valueOf(document: KubernetesDocument, node: Node): PolicyValue {
  const where = place(document, node.range);
  if (node.type === 'scalar') return scalar(node.value, where);
  if (node.type === 'seq') return list(node.items.map((item) => valueOf(document, item)), where);
  const keys = [...new Set(node.entries.map((entry) => entry.key))];
  return lazyMap(where, () => keys, (key) => {
    const value = field(node, key);
    return value && valueOf(document, value);
  });
}

function labelsOf(node: Node | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  if (node?.type === 'map') for (const entry of node.entries) {
    const value = text(entry.value);
    if (value !== undefined) labels.set(entry.key, value);
  }
  return labels;
}

/** The namespace and labels of an object, which its containers share. */
function placedIn(object: KubeObject): Pick<PolicyObject, 'namespace' | 'labels'> {
  return { ...(object.namespace !== undefined ? { namespace: object.namespace } : {}), labels: labelsOf(nodeAt(object.root, 'metadata', 'labels')) };
}

function objectOf(document: KubernetesDocument, object: KubeObject): PolicyObject {
  return {
    type: object.kind,
    name: object.name ?? '',
    ...placedIn(object),
    header: place(document, object.kindRange),
    label: `${object.kind} ${object.name ?? '(unnamed)'}`,
    root: valueOf(document, object.root) as MapNode,
    identity: object,
  };
}

function containersOf(document: KubernetesDocument, workload: Workload): PolicyObject[] {
  const object = workload.object;
  const placed = placedIn(object);
  return workload.containers.map((container: Container) => {
    const nameNode = field(container.node, 'name');
    const root = valueOf(document, container.node);
    const section = scalar(container.section, place(document, container.node.range));
    return {
      type: object.kind,
      name: container.name ?? '',
      ...placed,
      header: place(document, (nameNode ?? container.node).range),
      label: `container ${container.name ?? '(unnamed)'} of ${workload.label}`,
      root: root.kind === 'map' ? lazyMap(root.at, () => [...root.keys(), 'section'], (key) => (key === 'section' ? section : root.get(key))) : fixedMap(place(document, container.node.range), { section }),
      identity: container,
    };
  });
}

/** The labels an object's pods carry: the pod template's for a workload, else its own. */
function podLabels(object: PolicyObject): ReadonlyMap<string, string> {
  const template = nodeAt(podTemplateOf(object.identity as KubeObject), 'metadata', 'labels');
  return template ? labelsOf(template) : object.labels;
}

/** A name or a label selector in `from` that names `object` in the same namespace. */
function selects(value: PolicyValue, object: PolicyObject, from: PolicyObject): Verdict {
  if ((from.namespace ?? 'default') !== (object.namespace ?? 'default')) return 'no';
  if (value.kind === 'scalar') return typeof value.value === 'string' && value.value === object.name ? 'yes' : 'no';
  if (value.kind !== 'map') return refersByIdentity(value, object);
  const labels = podLabels(object);
  const matchLabels = value.get('matchLabels');
  const expressions = value.get('matchExpressions');
  const plain = matchLabels === undefined && expressions === undefined;
  const byLabel = plain ? value : matchLabels;
  const labelsMatch = byLabel === undefined || (byLabel.kind === 'map' && byLabel.keys().every((key) => {
    const wanted = byLabel.get(key);
    return wanted?.kind === 'scalar' && labels.get(key) === String(wanted.value);
  }));
  const expressionsMatch = expressions === undefined || (expressions.kind === 'list' && expressions.items.every((item) => expressionHolds(item, labels)));
  return labelsMatch && expressionsMatch ? 'yes' : 'no';
}

/** One `matchExpressions` requirement: In, NotIn, Exists, DoesNotExist. */
function expressionHolds(requirement: PolicyValue, labels: ReadonlyMap<string, string>): boolean {
  if (requirement.kind !== 'map') return false;
  const key = requirement.get('key');
  const operator = requirement.get('operator');
  const values = requirement.get('values');
  if (key?.kind !== 'scalar' || operator?.kind !== 'scalar') return false;
  const label = labels.get(String(key.value));
  const listed = values?.kind === 'list' ? values.items.flatMap((item) => (item.kind === 'scalar' ? [String(item.value)] : [])) : [];
  switch (operator.value) {
    case 'In':
      return label !== undefined && listed.includes(label);
    case 'NotIn':
      return label === undefined || !listed.includes(label);
    case 'Exists':
      return label !== undefined;
    case 'DoesNotExist':
      return label === undefined;
    default:
      return false;
  }
}
