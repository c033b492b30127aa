import { aboutInstance } from '../../src/languages/terraform/model/types.js';
import type { ResourceInstance } from '../../src/languages/terraform/model/types.js';
import type { EcrFacts, LifecyclePolicy } from '../../src/languages/terraform/model/ecr/types.js';
import type { Value } from '../../src/languages/terraform/model/value.js';
import { checkPerOrigin, type Occurrence } from '../../src/per-origin.js';
import type { RuleContext } from '../../src/rule.js';
import type { Location, RelatedLocation } from '../../src/types.js';

/**
 * A finding about one resource instance; `{resource}` in the message stands for the instances it
 * is about, named as `src/per-origin.ts` words them.
 */
export interface ResourceFinding {
  resource: ResourceInstance;
  at: Location;
  message: string;
  related?: readonly RelatedLocation[];
  /** What the finding names instead of the resource's address (the repository a lifecycle policy applies to). */
  subject?: string;
}

/**
 * The check of a rule whose findings are about resource instances of the whole workspace, one
 * per place and message: a resource block in a module called twice, or with for_each, or a value
 * several resources share, is one finding that names the instances and relates each module call
 * that creates one.
 */
export function checkPerResource(collect: (context: RuleContext) => Iterable<ResourceFinding>): (context: RuleContext) => void {
  return checkPerOrigin((context) => [...collect(context)].map(resourceOccurrence), ({ items, subjects }) => items[0]!.problem!.replaceAll('{resource}', subjects));
}

/** A finding about a resource as an occurrence: its message is its problem, and it is reported from the file that declares the resource. */
function resourceOccurrence(finding: ResourceFinding): Occurrence {
  const about = aboutInstance(finding.resource);
  const related = [...(finding.related ?? []), ...about.related];
  return { at: finding.at, subject: finding.subject ?? about.subject, reportedFrom: finding.resource.path, related, problem: finding.message, root: about.root };
}

/**
 * Where a finding about a value goes: where the value is written (a variable default, a tfvars
 * line), related to each reference it passed through on the way to the resource.
 */
export function valueSite(value: Value & { origin: Location }): Pick<ResourceFinding, 'at' | 'related'> {
  return { at: value.origin, related: value.via.map((location) => ({ ...location, message: 'the value is passed on here' })) };
}

/**
 * A finding inside a lifecycle policy, about each repository the policy applies to: the message
 * names the repositories (or the repository name, or the creation template, when no repository of
 * the scan is known), and the finding relates where the policy text is read and passed on.
 */
export function policyFindings(ecr: EcrFacts, policy: LifecyclePolicy, finding: Pick<ResourceFinding, 'at' | 'message' | 'related'>): ResourceFinding[] {
  const related = [...(finding.related ?? []), ...policy.trail];
  const repositories = ecr.repositoriesOf(policy).map((repository) => repository.resource.address);
  return (repositories.length > 0 ? repositories : [policyTarget(policy)]).map((subject) => ({ resource: policy.resource, ...finding, related, subject }));
}

function policyTarget(policy: LifecyclePolicy): string {
  return policy.target?.kind === 'string' ? `the repository "${policy.target.value}"` : policy.resource.address;
}
