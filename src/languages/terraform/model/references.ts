import { posix } from 'node:path';
import type { Location } from '../../../types.js';
import type { GetAttrExpression, IndexExpression, VariableExpression } from '../hcl/syntax.js';
import { toNumber, toText } from './convert.js';
import { evaluate } from './evaluate.js';
import type { Instances, Member, Scope } from './scope.js';
import { failure, knownList, knownObject, knownString, render, unknown, type Value } from './value.js';

type Step = GetAttrExpression | IndexExpression;

export interface Resolved {
  value: Value;
  /** How many of the steps after the root name the reference used (`var.cfg.region` uses one). */
  consumed: number;
  /** Whether this was a reference to something the configuration declares, which the value's `via` records. */
  reference: boolean;
}

/** A name that is not bound locally: `var.*`, `local.*`, `module.*`, `data.*`, resources, `path.*` … */
export function resolveReference(root: VariableExpression, steps: readonly Step[], scope: Scope): Resolved {
  const name = root.name;
  const first = nameAt(steps, 0);
  const at = scope.locate(steps[0]?.range ?? root.range);
  if (name === 'path') return { value: pathValue(first, scope, at), consumed: 1, reference: false };
  if (name === 'terraform') return { value: unknown(`terraform.${first ?? ''} is decided when Terraform runs (the selected workspace)`, at), consumed: 1, reference: false };
  if (name === 'self') return { value: unknown('self is only known in provisioner and connection blocks, after apply', at), consumed: 0, reference: false };
  if (name === 'count' || name === 'each') return { value: failure(`${name} is only available in a resource or module block that sets ${name === 'each' ? 'for_each' : 'count'}`, at), consumed: 1, reference: false };
  const module = scope.module;
  if (!module) return { value: failure(`${name} cannot be used here: tfvars values and templatefile templates see no module names`, at), consumed: 0, reference: false };
  if (first === undefined) return { value: failure(`${name} must be followed by an attribute name, as in ${name}.example`, at), consumed: 0, reference: false };
  switch (name) {
    case 'var':
      return { value: module.variable(first), consumed: 1, reference: true };
    case 'local':
      return { value: module.local(first), consumed: 1, reference: true };
    case 'module': {
      const call = module.moduleCall(first);
      return call ? select(call, `module.${first}`, steps, 1, scope) : missing(`there is no module "${first}" in ${describeModule(module.address)}`, at);
    }
    case 'data': {
      const dataName = nameAt(steps, 1);
      const data = dataName === undefined ? undefined : module.resource('data', first, dataName);
      return data ? select(data, `data.${first}.${dataName}`, steps, 2, scope) : missing(`there is no data "${first}" "${dataName ?? ''}" in ${describeModule(module.address)}`, at);
    }
    default: {
      const resource = module.resource('managed', name, first);
      return resource ? select(resource, `${name}.${first}`, steps, 1, scope) : missing(`"${name}.${first}" is not declared in ${describeModule(module.address)}`, at);
    }
  }
}

function nameAt(steps: readonly Step[], index: number): string | undefined {
  const step = steps[index];
  return step?.type === 'getAttr' ? step.name : undefined;
}

function missing(reason: string, at: Location): Resolved {
  return { value: failure(reason, at), consumed: 0, reference: false };
}

export function describeModule(address: string): string {
  return address === '' ? 'the root module' : address;
}

function pathValue(name: string | undefined, scope: Scope, at: Location): Value {
  const module = scope.module;
  if (name === 'cwd') return unknown('path.cwd is the absolute directory Terraform runs in, known only at run time', at);
  if (!module || (name !== 'module' && name !== 'root')) return failure(`path.${name ?? ''} is not available here`, at);
  const path = name === 'root' ? '.' : posix.relative(module.rootDirectory, module.directory) || '.';
  return knownString(path, at);
}

/** Picks the instance a reference names (`aws_s3_bucket.logs[0]`) and the attribute after it, if any. */
function select(instances: Instances, label: string, steps: readonly Step[], from: number, scope: Scope): Resolved {
  const at = scope.locate(steps[from - 1]!.range);
  if (instances.unresolved) return { value: instances.unresolved, consumed: steps.length, reference: true };
  let consumed = from;
  // Without count or for_each there is exactly one instance.
  let chosen: Member | Value = instances.members[0]!;
  if (instances.by !== 'single') {
    const step = steps[consumed];
    if (step?.type !== 'index') {
      if (step) return missing(`${label} has ${instances.by}, so name one instance, as in ${label}[${instances.by === 'count' ? '0' : '"key"'}].${step.name}`, at);
      return { value: collection(instances, at), consumed, reference: true };
    }
    chosen = pick(instances, label, evaluate(step.key, scope), scope.locate(step.range));
    consumed += 1;
  }
  if ('kind' in chosen) return { value: chosen, consumed, reference: false };
  const attribute = nameAt(steps, consumed);
  if (attribute === undefined) return { value: chosen.whole(), consumed, reference: true };
  return { value: chosen.attribute(attribute), consumed: consumed + 1, reference: true };
}

function pick(instances: Instances, label: string, key: Value, at: Location): Member | Value {
  const [first] = instances.members;
  if (first?.expansion) return first;
  if (key.kind === 'unknown') return key;
  const wanted = instances.by === 'count' ? toNumber(key) : toText(key);
  const value = wanted.kind === 'number' || wanted.kind === 'string' ? wanted.value : undefined;
  return instances.members.find((member) => member.key === value) ?? failure(`${label}[${render(key)}] does not exist`, at);
}

/**
 * A counted or for_each resource or module named without a key: a list or map of its instances.
 * When they are unknown, the unknown keeps the resource that stands for them all, so a rule can
 * still ask where they are (`aws_subnet.public[*].id` with an unknown count still names the VPC).
 */
function collection(instances: Instances, at: Location): Value {
  const [first] = instances.members;
  if (first?.expansion) return first.resource ? { ...first.expansion, resource: first.resource } : first.expansion;
  if (instances.by === 'count') return knownList(instances.members.map((member) => member.whole()), at);
  return knownObject(instances.members.map((member) => [String(member.key), member.whole()]), at);
}
