import type { Note } from '../../../language.js';
import type { Location, RelatedLocation } from '../../../types.js';

export type { Note };
import type { Block, Expression } from '../hcl/syntax.js';
import type { TerraformDocument, TerraformSource } from '../document.js';
import type { Network } from './network.js';
import type { EcrFacts } from './ecr/types.js';
import type { TerraformRegions } from './regions.js';
import type { Transfer } from './transfers.js';
import type { UnknownValue, Value } from './value.js';

/**
 * The evaluated Terraform configuration of a scan: what rules read through
 * `workspace.terraform`. Instances exist only where Terraform would create them, so a resource
 * with `count = 0` has none; a resource whose `count` or `for_each` cannot be evaluated has
 * one instance that stands for all of them, with `expansion` saying why.
 */
export interface TerraformModel {
  /** One instance per root module: a directory with .tf files that no scanned module calls. */
  readonly roots: readonly ModuleInstance[];
  /** Every module instance, roots first, then the modules they call, depth first. */
  readonly modules: readonly ModuleInstance[];
  /** Every resource and data source instance in every module instance. */
  readonly resources: readonly ResourceInstance[];
  /** Every provider configuration, per module instance that declares it. */
  readonly providers: readonly ProviderInstance[];
  /** Every `module` block, once per instance of the module that writes it and per count / for_each key; remote modules included. */
  readonly calls: readonly ModuleCallInstance[];
  /** Resource and data source instances declared in `document` (several per block when a module is called several times). */
  resourcesIn(document: TerraformSource): readonly ResourceInstance[];
  /** Provider configurations declared in `document`, one per module instance. */
  providersIn(document: TerraformSource): readonly ProviderInstance[];
  /** `module` blocks written in `document`, evaluated per instance (see `calls`). */
  callsIn(document: TerraformSource): readonly ModuleCallInstance[];
  /** What the model left out and why: remote modules not fetched, module cycles, the depth limit. */
  readonly notes: readonly Note[];
  /** The VPCs and subnets of every module instance and whether each has IPv6; computed on first use. */
  readonly network: Network;
  /** The ECR repositories, their lifecycle policies and the registry scanning configuration. */
  readonly ecr: EcrFacts;
  /** The cloud regions in use: where each provider configuration and resource is placed, and where that is written. */
  readonly regions: TerraformRegions;
  /** Data copied into another region: replication, replicas, backup copies, geo-redundant storage, multi-region locations. */
  readonly transfers: readonly Transfer[];
}

/** A block's configuration, evaluated in the scope it is written in. */
export interface EvaluatedBlock {
  /** The block as written; for a block made by `dynamic`, its `content` block. */
  readonly block: Block;
  /** The file the block is written in. */
  readonly path: string;
  /** The attribute's value, or undefined when the attribute is not written. */
  attribute(name: string): Value | undefined;
  /** The nested blocks of one type, in the order written, with `dynamic` blocks of that type expanded. */
  blocks(type: string): EvaluatedBlock[];
  /** Any expression, evaluated where the block is (with `count.index`, `each` and `dynamic` iterators in scope). */
  evaluate(expression: Expression): Value;
}

/**
 * Where a block's name is written (a resource's name label, or the type of a block without labels): where
 * a finding about the whole block, or about an argument it lacks, points. It lives here rather than with
 * the evaluator so that rules can use it without loading the evaluator.
 */
export function nameLocation(view: EvaluatedBlock): Location {
  const { labels, typeRange } = view.block;
  return { path: view.path, range: labels[labels.length - 1]?.range ?? typeRange };
}

/** `aws_s3_bucket.logs`, `module.dr.aws_s3_bucket.logs[0]`, `provider "aws.tokyo"`, `provider "aws" of module.dr`. */
export function instanceLabel(instance: ResourceInstance | ProviderInstance): string {
  if (isResource(instance)) return instance.address;
  return `provider "${instance.key}"${instance.module.address ? ` of ${instance.module.address}` : ''}`;
}

export function isResource(instance: ResourceInstance | ProviderInstance): instance is ResourceInstance {
  return 'type' in instance;
}

/**
 * How a finding about an instance names it and leads back to it: its label, the root module its
 * address is relative to, and each `module` call that creates it, so that a finding inside a module
 * reached from several callers relates every call.
 */
export function aboutInstance(instance: ResourceInstance | ProviderInstance): { subject: string; related: RelatedLocation[]; root: string } {
  const name = isResource(instance) ? `${instance.type}.${instance.name}` : `provider "${instance.key}"`;
  return { subject: instanceLabel(instance), related: moduleCalls(instance.module, name), root: instance.module.root.directory };
}

/**
 * The `module` blocks, outermost first, that create the module instance `module`, each related to a
 * finding about `name` in it (`aws_ecr_repository.this`, `provider "aws"`).
 */
export function moduleCalls(module: ModuleInstance, name: string): RelatedLocation[] {
  const calls: RelatedLocation[] = [];
  for (let instance = module; instance.call; instance = instance.parent!) {
    const { block, document } = instance.call;
    calls.unshift({ path: document.file.path, range: block.labels[0]?.range ?? block.typeRange, message: `this module call creates ${name}` });
  }
  return calls;
}

export interface ModuleInstance {
  /** `module.dr`, `module.regions["dr"].module.vpc`; '' for a root module. */
  readonly address: string;
  /** The module's directory, relative to the scan root ('.' for the root itself). */
  readonly directory: string;
  readonly root: ModuleInstance;
  readonly parent: ModuleInstance | undefined;
  /** The `module` block that created this instance; undefined for a root module. */
  readonly call: { block: Block; document: TerraformDocument } | undefined;
  /** The count index or for_each key of this instance, if the call has either. */
  readonly key: number | string | undefined;
  /** Why the instances of the call are unknown, when its count or for_each cannot be evaluated. */
  readonly expansion: UnknownValue | undefined;
  readonly children: readonly ModuleInstance[];
  readonly resources: readonly ResourceInstance[];
  /** Provider configurations declared in this module's own files. */
  readonly providers: readonly ProviderInstance[];
  /** `var.<name>` as this instance sees it: module argument or tfvars value, else the default. */
  variable(name: string): Value;
  local(name: string): Value;
  output(name: string): Value;
}

/**
 * A `module` block with its arguments (`source`, `version`, inputs) evaluated in the calling
 * module instance, whether or not merlint can expand the module it calls (remote modules are not fetched).
 */
export interface ModuleCallInstance extends EvaluatedBlock {
  /** The block's label: `vpc` of `module "vpc"`. */
  readonly name: string;
  /** `module.vpc`, `module.regions["dr"]`, relative to the root module; an unknown key shows as `[?]`. */
  readonly address: string;
  readonly key: number | string | undefined;
  /** Why the instances are unknown, when count or for_each cannot be evaluated: this one then stands for all. */
  readonly expansion: UnknownValue | undefined;
  /** The module instance whose files hold the block. */
  readonly caller: ModuleInstance;
  readonly document: TerraformDocument;
}

export interface ResourceInstance extends EvaluatedBlock {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `module.dr.aws_s3_bucket.logs[0]`, relative to the root module; an unknown key shows as `[?]`. */
  readonly address: string;
  /** The count index or for_each key, if the resource has either and it is known. */
  readonly key: number | string | undefined;
  /** Why the instances are unknown, when count or for_each cannot be evaluated: this one then stands for all. */
  readonly expansion: UnknownValue | undefined;
  readonly module: ModuleInstance;
  readonly document: TerraformSource;
  /** The provider configuration the resource uses: `provider = aws.tokyo`, or the default one for its type, passed down into modules. */
  readonly provider: ProviderInstance;
}

export interface ProviderInstance {
  /** The provider's local name: `aws`, `google`, `azurerm`. */
  readonly name: string;
  readonly alias: string | undefined;
  /** `aws` or `aws.tokyo`, as resources name it. */
  readonly key: string;
  /** `provider.aws.tokyo`, `module.dr.provider.aws`. */
  readonly address: string;
  /** The module instance whose configuration this is. */
  readonly module: ModuleInstance;
  /** The `provider` block, evaluated; undefined for the empty configuration Terraform uses when there is no block. */
  readonly config: EvaluatedBlock | undefined;
  readonly document: TerraformSource | undefined;
  /**
   * The region the provider works in (AWS, Alibaba, Oracle `region`; GCP `region`), unknown with
   * the reason when it is not set (AWS then uses AWS_REGION at run time); undefined for providers
   * without a region, such as azurerm, whose resources each carry `location`.
   */
  readonly region: Value | undefined;
}
