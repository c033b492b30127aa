import type { Location } from '../../../../types.js';
import type { ResourceInstance } from '../types.js';
import type { Value } from '../value.js';

/**
 * What the scan says about Amazon ECR, worked out once by the model stage: the repositories, the
 * lifecycle policies and which repository each belongs to, and the registry scanning
 * configuration. Rules read it through `workspace.terraform.ecr`.
 */
export interface EcrFacts {
  /** Every `aws_ecr_repository` instance. */
  readonly repositories: readonly EcrRepository[];
  /** Every lifecycle policy document: `aws_ecr_lifecycle_policy` and the `lifecycle_policy` of `aws_ecr_repository_creation_template`. */
  readonly lifecyclePolicies: readonly LifecyclePolicy[];
  /** Every `aws_ecr_registry_scanning_configuration` instance. */
  readonly registryScanning: readonly ResourceInstance[];
  /** The repositories a lifecycle policy belongs to (by reference or by name); none for a creation template or an unmatched target. */
  repositoriesOf(policy: LifecyclePolicy): readonly EcrRepository[];
}

export interface EcrRepository {
  readonly resource: ResourceInstance;
  /** The lifecycle policies whose `repository` names this repository, by reference or by name. */
  readonly lifecyclePolicies: readonly LifecyclePolicy[];
  /** Lifecycle policies that may belong to this repository: their target, or this repository's name, cannot be evaluated. */
  readonly possibleLifecyclePolicies: readonly LifecyclePolicy[];
  /**
   * Whether a registry scanning configuration of the repository's region scans it: `covered` by
   * enhanced scanning or a scan-on-push / continuous rule whose filter matches its name,
   * `unknown` when a configuration's values cannot be evaluated, `none` otherwise.
   */
  readonly registryScan: 'covered' | 'unknown' | 'none';
}

export interface LifecyclePolicy {
  /** The `aws_ecr_lifecycle_policy` or `aws_ecr_repository_creation_template` instance. */
  readonly resource: ResourceInstance;
  /** The policy's `repository` argument; undefined for a creation template, which applies by prefix. */
  readonly target: Value | undefined;
  /**
   * The policy as JSON values, each with the origin where it is written: inside a heredoc or a
   * `file()`, in `jsonencode({...})`, or in the blocks of an `aws_ecr_lifecycle_policy_document`
   * data source. Unknown when the policy cannot be evaluated.
   */
  readonly document: Value;
  /** How a field is named where the policy is written: `rulePriority` in JSON, `priority` in the data source. */
  fieldName(jsonName: string): string;
  /** Why AWS would reject the policy, at the offending fields; empty when it is valid or its unknown parts hide the problem. */
  readonly problems: readonly PolicyProblem[];
  /**
   * The places the policy text passed through on its way to the resource: the `file()` or
   * `templatefile()` call that read it, a local, a module argument. A finding inside the policy
   * relates them, so that it leads back to every resource that pulls the policy in.
   */
  readonly trail: readonly (Location & { message: string })[];
}

export interface PolicyProblem {
  readonly location: Location;
  /** What is wrong, in the author's field names: `countUnit is not allowed when countType is "imageCountMoreThan"`. */
  readonly message: string;
  /** What to change: `remove countUnit`. */
  readonly fix: string;
  readonly related?: readonly (Location & { message: string })[];
}
