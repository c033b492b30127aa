import type { Document } from '../../languages/index.js';
import type { TerraformSource } from '../../languages/terraform/document.js';
import { aboutInstance, moduleCalls, nameLocation, type EvaluatedBlock, type ModuleCallInstance, type ProviderInstance, type ResourceInstance } from '../../languages/terraform/model/types.js';
import { member, type Value } from '../../languages/terraform/model/value.js';
import type { Location } from '../../types.js';
import type { Workspace } from '../../workspace.js';
import { refersByIdentity } from '../conditions.js';
import { lazyMap, list, scalar, type MapNode, type PolicyObject, type PolicyValue, type TargetAdapter, type TargetSpec, type Verdict } from '../target.js';

/*
 * Terraform objects for policies, read from the evaluated model (`workspace.terraform`): values are
 * what Terraform would see (variables, locals, module arguments and tfvars resolved), each at its
 * origin — the literal a developer changes — with the references it flowed through as related
 * places. A resource in a module called twice is two objects; the policy engine merges their
 * findings at one place. Attributes are open: no provider schema is at hand, so any name is a path.
 */

/** Attributes a literal name of an object is compared with, for `referencedBy` written with a name instead of a reference. */
const NAMING_ATTRIBUTES = ['name', 'bucket', 'id', 'arn'];

const RELATED_VIA = 'the value is passed on here';

function isTerraform(document: Document): document is TerraformSource {
  return document.kind === 'terraform' || document.kind === 'tfplan';
}

function resources(mode: 'managed' | 'data'): TargetSpec {
  return {
    kinds: ['terraform', 'tfplan'],
    description: `${mode === 'managed' ? 'a resource' : 'a data source'} instance (one per count / for_each key and module instance); type: the ${mode === 'managed' ? 'resource' : 'data source'} type (aws_s3_bucket), name: its label; labels: the known entries of tags or labels; paths: its arguments and nested blocks, as evaluated`,
    shape: 'any',
    objects: (document, workspace) => (isTerraform(document) ? workspace.terraform.resourcesIn(document).filter((resource) => resource.mode === mode).map(resourceObject) : []),
    refersTo,
  };
}

export const terraformTargets: TargetAdapter = {
  targets: {
    'terraform.resource': resources('managed'),
    'terraform.data': resources('data'),
    'terraform.module': {
      kinds: ['terraform'],
      description: 'a module block, per instance of its caller and count / for_each key, local or remote; type: its source as written, name: its label; paths: source, version and its arguments, as evaluated',
      shape: 'any',
      objects: (document, workspace) => (document.kind === 'terraform' ? workspace.terraform.callsIn(document).map(callObject) : []),
      refersTo,
    },
    'terraform.provider': {
      kinds: ['terraform'],
      description: 'a provider block, per module instance; type: the provider name (aws), name: its alias (empty without one); paths: its arguments (region, assume_role …), as evaluated',
      shape: 'any',
      objects: (document, workspace) => (document.kind === 'terraform' ? providerObjects(document, workspace) : []),
      refersTo,
    },
  },
};

/** How findings name an instance and lead back to the module calls that create it (src/per-origin.ts wording). */
function about(instance: ResourceInstance | ProviderInstance): Pick<PolicyObject, 'label' | 'context' | 'rootModule' | 'identity'> {
  const { subject, related, root } = aboutInstance(instance);
  return { label: subject, context: related, rootModule: root, identity: instance };
}

function resourceObject(resource: ResourceInstance): PolicyObject {
  const root = blockNode(resource, nameLocation(resource));
  return { type: resource.type, name: resource.name, labels: labelsOf(root), header: nameLocation(resource), root, ...about(resource) };
}

function callObject(call: ModuleCallInstance): PolicyObject {
  const header = nameLocation(call);
  const root = blockNode(call, header);
  const source = root.get('source');
  const context = moduleCalls(call.caller, `module.${call.name}`);
  return { type: source?.kind === 'scalar' ? String(source.value) : '', name: call.name, labels: new Map(), header, label: call.address, root, identity: call, context, rootModule: call.caller.root.directory };
}

function providerObjects(document: TerraformSource, workspace: Workspace): PolicyObject[] {
  return workspace.terraform.providersIn(document).flatMap((provider) => {
    if (!provider.config) return [];
    const { block, path } = provider.config;
    const header = { path, range: block.labels[0]?.range ?? block.typeRange };
    return [{ type: provider.name, name: provider.alias ?? '', labels: new Map(), header, root: blockNode(provider.config, header), ...about(provider) }];
  });
}

/** A block as a map: its arguments evaluated, its nested blocks as lists of maps (dynamic blocks expanded). */
function blockNode(view: EvaluatedBlock, at: Location): MapNode {
  const body = view.block.body;
  const keys = () => [...new Set([...body.attributes.map((written) => written.name), ...body.blocks.map((block) => (block.type === 'dynamic' ? block.labels[0]?.value ?? '' : block.type))])];
  return lazyMap(at, keys, (key) => {
    const value = view.attribute(key);
    const written = body.attributes.find((candidate) => candidate.name === key);
    if (value !== undefined) return fromValue(value, { path: view.path, range: written?.value.range ?? at.range });
    const nested = view.blocks(key);
    if (nested.length === 0) return undefined;
    return list(nested.map((inner) => blockNode(inner, { path: inner.path, range: inner.block.typeRange })), { path: view.path, range: nested[0]!.block.typeRange });
  });
}

/** An evaluated value as a policy value; `fallback` is where it is used, for values whose origin is not written anywhere. */
function fromValue(value: Value, fallback: Location): PolicyValue {
  const related = value.via.map((location) => ({ ...location, message: RELATED_VIA }));
  const extra = { ...(related.length ? { related } : {}), ...(value.resource ? { refers: value.resource } : {}) };
  switch (value.kind) {
    case 'unknown': {
      // Reported where the value is used, relating where it becomes unknown (a variable without a value).
      const cause = value.origin ? [{ ...value.origin, message: 'the value is unknown because of this' }] : [];
      const place = value.via[value.via.length - 1] ?? fallback;
      return { kind: 'unknown', reason: value.reason, at: place, related: [...cause, ...related.slice(0, -1)], ...(value.resource ? { refers: value.resource } : {}) };
    }
    case 'null':
      return scalar(null, value.origin, extra);
    case 'string':
    case 'number':
    case 'bool':
      return scalar(value.value, value.origin, extra);
    case 'list':
      return { ...list(value.items.map((_, index) => fromValue(member(value, index)!, fallback)), value.origin), ...extra };
    case 'object': {
      const afterApply = value.afterApply;
      return lazyMap(
        value.origin,
        () => [...value.entries.keys()],
        (key) => {
          const entry = member(value, key);
          if (entry) return fromValue(entry, fallback);
          return afterApply ? { kind: 'unknown', reason: `${afterApply}.${key} is only known after apply`, at: value.origin } : undefined;
        },
        extra,
      );
    }
  }
}

/** The known string entries of `tags` (AWS, Azure) or `labels` (Google Cloud). */
function labelsOf(root: MapNode): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  for (const name of ['tags', 'labels']) {
    const map = root.get(name);
    if (map?.kind !== 'map') continue;
    for (const key of map.keys()) {
      const entry = map.get(key);
      if (entry?.kind === 'scalar' && entry.value !== null) labels.set(key, String(entry.value));
    }
  }
  return labels;
}

/**
 * A value refers to an object taken from it by reference (`aws_ecr_repository.api.name`, through
 * locals, outputs and module arguments too), or written as a literal equal to the object's name, bucket, id or arn.
 */
function refersTo(value: PolicyValue, object: PolicyObject): Verdict {
  if (value.refers !== undefined || value.kind !== 'scalar' || typeof value.value !== 'string') return refersByIdentity(value, object);
  const literal = value.value;
  return NAMING_ATTRIBUTES.some((name) => {
    const own = object.root.get(name);
    return own?.kind === 'scalar' && own.value === literal;
  })
    ? 'yes'
    : 'no';
}
