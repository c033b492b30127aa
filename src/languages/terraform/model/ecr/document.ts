import type { Location } from '../../../../types.js';
import { nameLocation } from '../types.js';
import { decodeJson } from '../json.js';
import type { EvaluatedBlock, ResourceInstance } from '../types.js';
import { knownList, knownObject, knownString, unknown, type Value } from '../value.js';

export const POLICY_DOCUMENT_DATA_SOURCE = 'aws_ecr_lifecycle_policy_document';

/** A lifecycle policy as JSON values, and how its fields are named where it is written. */
export interface PolicyDocument {
  document: Value;
  fieldName(jsonName: string): string;
}

/**
 * The document a `policy` argument holds: JSON text (a heredoc, `file()`, `templatefile()`,
 * `jsonencode`), or `data.aws_ecr_lifecycle_policy_document.<name>.json`, whose JSON the
 * provider renders from the data source's blocks only when Terraform runs; merlint reads the
 * blocks instead, so findings point at the HCL arguments.
 */
export function policyDocument(policy: Value | undefined, at: Location): PolicyDocument {
  const source = policy?.resource;
  if (policy?.kind === 'unknown' && source?.mode === 'data' && source.type === POLICY_DOCUMENT_DATA_SOURCE) {
    return { document: fromDataSource(source), fieldName: (name) => DATA_SOURCE_NAMES[name] ?? name };
  }
  return { document: policy ? decodeJson(policy) : unknown('the policy is not set', at), fieldName: (name) => name };
}

/** Argument and block names of the data source, by the JSON field they become. */
const DATA_SOURCE_NAMES: Record<string, string> = {
  rulePriority: 'priority',
  tagStatus: 'tag_status',
  tagPrefixList: 'tag_prefix_list',
  tagPatternList: 'tag_pattern_list',
  storageClass: 'storage_class',
  countType: 'count_type',
  countUnit: 'count_unit',
  countNumber: 'count_number',
  targetStorageClass: 'target_storage_class',
};

const RULE_FIELDS = ['rulePriority', 'description'];
const SELECTION_FIELDS = ['tagStatus', 'tagPrefixList', 'tagPatternList', 'storageClass', 'countType', 'countUnit', 'countNumber'];
const ACTION_FIELDS = ['type', 'targetStorageClass'];

function fromDataSource(source: ResourceInstance): Value {
  const at = nameLocation(source);
  return knownObject([['rules', knownList(source.blocks('rule').map(ruleValue), at)]], at);
}

/** A `rule` block as the provider renders it; without an `action` block the provider writes `{"type": "expire"}`. */
function ruleValue(rule: EvaluatedBlock): Value {
  const [selection] = rule.blocks('selection');
  const [action] = rule.blocks('action');
  const entries = fields(rule, RULE_FIELDS);
  if (selection) entries.push(['selection', knownObject(fields(selection, SELECTION_FIELDS), nameLocation(selection))]);
  const implicitAction = knownObject([['type', knownString('expire', nameLocation(rule))]], nameLocation(rule));
  entries.push(['action', action ? knownObject(fields(action, ACTION_FIELDS), nameLocation(action)) : implicitAction]);
  return knownObject(entries, nameLocation(rule));
}

function fields(block: EvaluatedBlock, jsonNames: readonly string[]): [string, Value][] {
  return jsonNames.flatMap((name): [string, Value][] => {
    const value = block.attribute(DATA_SOURCE_NAMES[name] ?? name);
    return value && value.kind !== 'null' ? [[name, value]] : [];
  });
}
