import { at, field, items, scalar, text, type Node, type ScalarNode } from './syntax.js';

/** A setting that places something in zones or regions, and the zones it names, each pointed at where it is written. */
export interface ZoneSetting {
  /** `parameters.zone`, `allowedTopologies topology.kubernetes.io/zone`, `requirements topology.kubernetes.io/zone`. */
  readonly setting: string;
  /** The topology label of a label expression; undefined for a provisioner's parameter, which always names zones. */
  readonly label: string | undefined;
  readonly values: readonly ScalarNode[];
}

/** The values of label expressions (`key`, `operator`, `values`), by label; an expression with an operator other than `In` places nothing. */
export function labelExpressionZones(expressions: Node | undefined, setting: string): ZoneSetting[] {
  return items(expressions).flatMap((expression): ZoneSetting[] => {
    const key = text(field(expression, 'key'));
    const operator = text(field(expression, 'operator'));
    if (!key || (operator !== undefined && operator !== 'In')) return [];
    return [{ setting: `${setting} ${key}`, label: key, values: items(field(expression, 'values')).flatMap((value) => scalar(value) ?? []) }];
  });
}

/** A node affinity's required terms and its preferred terms: both place the pods, the second when it can. */
export function nodeAffinityTerms(nodeAffinity: Node | undefined): (Node | undefined)[] {
  return [
    ...items(at(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms')),
    ...items(field(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution')).map((preference) => field(preference, 'preference')),
  ];
}

/** The label expressions of a node affinity's terms, by label. */
export function nodeAffinityZones(nodeAffinity: Node | undefined, setting: string): ZoneSetting[] {
  return nodeAffinityTerms(nodeAffinity).flatMap((term) => labelExpressionZones(field(term, 'matchExpressions'), setting));
}
