import { comparePositions } from '../../../../positions.js';
import type { ResourceInstance } from '../types.js';
import type { Value } from '../value.js';
import { text } from './policy.js';
import { sameRegion } from './region.js';
import type { LifecyclePolicy } from './types.js';

export type Belonging = 'yes' | 'maybe' | 'no';

/** Tells whether a lifecycle policy belongs to a repository, knowing the names of all the scan's repositories. */
export function policyMatcher(policies: readonly LifecyclePolicy[], names: readonly (Value | undefined)[]): (policy: LifecyclePolicy, repository: ResourceInstance, name: Value | undefined) => Belonging {
  const context = matchingContext(policies, names);
  return (policy, repository, name) => belongsTo(policy, repository, name, context);
}

interface MatchingContext {
  /** The names of the scan's repositories that are known. */
  knownNames: ReadonlySet<string>;
  /** Policies whose unknown target is the unknown name of a repository (the same unset variable). */
  paired: ReadonlySet<LifecyclePolicy>;
}

function matchingContext(policies: readonly LifecyclePolicy[], names: readonly (Value | undefined)[]): MatchingContext {
  return {
    knownNames: new Set(names.flatMap((name) => text(name) ?? [])),
    paired: new Set(policies.filter((policy) => names.some((name) => sameUnknown(policy.target, name)))),
  };
}

/**
 * Whether a policy's `repository` names this repository: by reference (`aws_ecr_repository.api.name`
 * or `.id`, through locals and module arguments too) or by an equal name in the same region.
 * `maybe` when it cannot be told: the target is unknown for the same reason as the repository's
 * name, or is unknown and pairs with no repository of the scan, in the repository's own module;
 * or the repository's name is unknown and the policy names no repository of the scan.
 */
function belongsTo(policy: LifecyclePolicy, repository: ResourceInstance, name: Value | undefined, context: MatchingContext): Belonging {
  const target = policy.target;
  if (!target) return 'no';
  if (target.resource === repository) return 'yes';
  if (target.resource?.mode === 'managed' && target.resource.type === 'aws_ecr_repository') return 'no';
  if (!sameRegion(policy.resource, repository)) return 'no';
  if (target.kind === 'unknown') return sameUnknown(target, name) || (!context.paired.has(policy) && policy.resource.module === repository.module) ? 'maybe' : 'no';
  if (target.kind !== 'string') return 'no';
  if (name?.kind === 'string') return name.value === target.value ? 'yes' : 'no';
  return name?.kind === 'unknown' && !context.knownNames.has(target.value) ? 'maybe' : 'no';
}

/** Two unknowns that arise at the same place, such as the same variable without a value. */
function sameUnknown(a: Value | undefined, b: Value | undefined): boolean {
  const [first, second] = [a?.kind === 'unknown' ? a.origin : undefined, b?.kind === 'unknown' ? b.origin : undefined];
  return first !== undefined && second !== undefined && first.path === second.path && comparePositions(first.range.start, second.range.start) === 0;
}
