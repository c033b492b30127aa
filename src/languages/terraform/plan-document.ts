import type { DocumentBase, Range } from '../../types.js';
import type { Block, Expression } from './hcl/syntax.js';

/**
 * `terraform show -json` of a saved plan (format 1.x,
 * https://developer.hashicorp.com/terraform/internals/json-format): the resource instances
 * Terraform will create or keep, with the values known at plan time, and the configuration they
 * come from. Values are read as the expressions that write them literally, each with its range
 * in the file.
 */
export interface TerraformPlanDocument extends DocumentBase {
  kind: 'tfplan';
  /** The root module's input variables: `variables.<name>.value`. */
  variables: ReadonlyMap<string, Expression>;
  /** `planned_values.root_module`. */
  planned: PlannedModule;
  /** `change.after_unknown` of each resource change, by instance address: `true` where a value is known only after apply. */
  unknowns: ReadonlyMap<string, Expression>;
  /** `configuration.provider_config`. */
  providers: readonly ProviderConfiguration[];
  /** `configuration.root_module`. */
  configuration: ModuleConfiguration;
}

export interface PlannedModule {
  /** `module.dr`, `module.regions["sg"]`; '' for the root module. */
  address: string;
  resources: PlannedResource[];
  children: PlannedModule[];
}

export interface PlannedResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** The count index or for_each key. */
  index: number | string | undefined;
  /** The provider's source address: `registry.terraform.io/hashicorp/aws`. */
  providerName: string;
  /** The instance as a block: labelled at its `type` and `address`, its body the `values`. */
  block: Block;
}

export interface ProviderConfiguration {
  /** What resources name it by: `aws`, `aws.tokyo`, `module.dr:aws`. */
  key: string;
  keyRange: Range;
  /** The provider's local name: `aws`. */
  name: string;
  alias: string | undefined;
  /** The module whose `provider` block this is; '' for the root module. */
  moduleAddress: string;
  /** The arguments of the `provider` block; undefined when no block configures the provider. */
  expressions: BlockExpressions | undefined;
}

export interface ModuleConfiguration {
  /** By address. */
  resources: ReadonlyMap<string, ResourceConfiguration>;
  calls: ReadonlyMap<string, ModuleCallConfiguration>;
  /** The default of each input variable that has one. */
  defaults: ReadonlyMap<string, Expression>;
  outputs: ReadonlyMap<string, ConfigurationExpression>;
}

export interface ResourceConfiguration {
  /** `aws_s3_bucket.logs`, `data.aws_vpc.main`: relative to its module. */
  address: string;
  /** The key of its provider configuration in `ProviderConfiguration`. */
  providerKey: string | undefined;
  expressions: BlockExpressions;
}

export interface ModuleCallConfiguration {
  /** The arguments of the `module` block that set the child's input variables. */
  expressions: BlockExpressions;
  module: ModuleConfiguration;
}

/** A block's arguments, each an expression, and its nested blocks. */
export interface BlockExpressions {
  range: Range;
  arguments: ReadonlyMap<string, ConfigurationExpression>;
  blocks: ReadonlyMap<string, readonly BlockExpressions[]>;
}

/**
 * An expression as the plan records it: its value when it refers to nothing, else only what it
 * refers to, the whole traversal first and then each shorter one it implies (`aws_vpc.main.id`,
 * `aws_vpc.main`).
 */
export interface ConfigurationExpression {
  range: Range;
  constant: Expression | undefined;
  references: readonly Reference[];
}

export interface Reference {
  text: string;
  /** The reference as a traversal at its place in the file; undefined for one merlint cannot read (`aws_instance.web[...]`). */
  traversal: Expression | undefined;
}
