import { comparePositions } from '../../../positions.js';
import { nameLocation } from '../body.js';
import type { EvaluatedBlock, ResourceInstance } from '../types.js';
import type { Value } from '../value.js';
import { policyDocument } from './document.js';
import { text } from './policy.js';
import type { EcrFacts, EcrRepository, LifecyclePolicy, PolicyProblem } from './types.js';

type Validate = (document: Value, fieldName: (jsonName: string) => string) => PolicyProblem[];

/** The ECR facts of a scan's resources; the policy validator (and Ajv with it) is loaded only when there is a policy. */
export async function buildEcrFacts(resources: readonly ResourceInstance[]): Promise<EcrFacts> {
  const managed = (type: string) => resources.filter((resource) => resource.mode === 'managed' && resource.type === type);
  const policyResources = [...managed('aws_ecr_lifecycle_policy'), ...managed('aws_ecr_repository_creation_template')];
  const validate: Validate = policyResources.length > 0 ? (await import('./validate.js')).policyProblems : () => [];
  const lifecyclePolicies = policyResources.map((resource) => lifecyclePolicy(resource, validate));
  const registryScanning = managed('aws_ecr_registry_scanning_configuration');
  const repositoryResources = managed('aws_ecr_repository');
  const names = new Map(repositoryResources.map((resource) => [resource, resource.attribute('name')] as const));
  const matching = matchingContext(lifecyclePolicies, [...names.values()]);
  const repositories = repositoryResources.map((resource): EcrRepository => {
    const belonging = lifecyclePolicies.map((policy) => [policy, belongsTo(policy, resource, names.get(resource), matching)] as const);
    return {
      resource,
      lifecyclePolicies: belonging.filter(([, verdict]) => verdict === 'yes').map(([policy]) => policy),
      possibleLifecyclePolicies: belonging.filter(([, verdict]) => verdict === 'maybe').map(([policy]) => policy),
      registryScan: registryScan(resource, names.get(resource), registryScanning),
    };
  });
  const inDocument = <T extends { resource: ResourceInstance }>(items: readonly T[]) => (path: string) => items.filter((item) => item.resource.document.file.path === path);
  const repositoriesAt = inDocument(repositories);
  const policiesAt = inDocument(lifecyclePolicies);
  return {
    repositories,
    lifecyclePolicies,
    registryScanning,
    repositoriesIn: (document) => repositoriesAt(document.file.path),
    lifecyclePoliciesIn: (document) => policiesAt(document.file.path),
  };
}

function lifecyclePolicy(resource: ResourceInstance, validate: Validate): LifecyclePolicy {
  const template = resource.type === 'aws_ecr_repository_creation_template';
  const written = resource.attribute(template ? 'lifecycle_policy' : 'policy');
  const { document, fieldName } = policyDocument(written, nameLocation(resource));
  // A known string that does not decode is not JSON: AWS rejects it as it is.
  const syntax: PolicyProblem[] =
    written?.kind === 'string' && document.kind === 'unknown' ? [{ location: document.origin ?? written.origin, message: `the policy is not valid JSON: ${document.reason.replace(/^invalid JSON: /, '')}`, fix: 'correct the JSON syntax' }] : [];
  // Where the policy text travelled to the resource (a file() call, a local, a module argument) helps find what a problem is about.
  const trail = (written?.via ?? []).map((location) => ({ ...location, message: 'the policy is passed on here' }));
  const problems = [...syntax, ...validate(document, fieldName)].map((problem) => (trail.length > 0 ? { ...problem, related: [...(problem.related ?? []), ...trail] } : problem));
  return { resource, target: template ? undefined : resource.attribute('repository'), document, fieldName, problems };
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
function belongsTo(policy: LifecyclePolicy, repository: ResourceInstance, name: Value | undefined, context: MatchingContext): 'yes' | 'maybe' | 'no' {
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

/** The region a resource is created in: its own `region` argument, else its provider's. */
function regionOf(resource: ResourceInstance): string | undefined {
  return text(resource.attribute('region') ?? resource.provider.region);
}

/** False only when both regions are known and differ. */
function sameRegion(a: ResourceInstance, b: ResourceInstance): boolean {
  const [first, second] = [regionOf(a), regionOf(b)];
  return first === undefined || second === undefined || first === second;
}

type Verdict = EcrRepository['registryScan'];

function registryScan(repository: ResourceInstance, name: Value | undefined, configurations: readonly ResourceInstance[]): Verdict {
  return strongest(configurations.filter((configuration) => sameRegion(configuration, repository)).map((configuration) => scans(configuration, name)));
}

/** Whether a registry scanning configuration scans a repository of this name: enhanced scanning does, else a rule that scans on push or continuously. */
function scans(configuration: ResourceInstance, name: Value | undefined): Verdict {
  const scanType = configuration.attribute('scan_type');
  if (scanType?.kind === 'unknown') return 'unknown';
  if (text(scanType) === 'ENHANCED') return 'covered';
  return strongest(configuration.blocks('rule').map((rule) => ruleScans(rule, name)));
}

function ruleScans(rule: EvaluatedBlock, name: Value | undefined): Verdict {
  const frequency = rule.attribute('scan_frequency');
  if (frequency?.kind === 'unknown') return 'unknown';
  if (text(frequency) === 'MANUAL') return 'none';
  return strongest(
    rule.blocks('repository_filter').map((filter): Verdict => {
      const pattern = filter.attribute('filter');
      if (pattern?.kind === 'unknown' || name?.kind === 'unknown') return 'unknown';
      const [wanted, actual] = [text(pattern), text(name)];
      return wanted !== undefined && actual !== undefined && filterMatches(wanted, actual) ? 'covered' : 'none';
    }),
  );
}

/** Covered if one of them covers; else unknown if one cannot be told. */
function strongest(verdicts: readonly Verdict[]): Verdict {
  return verdicts.includes('covered') ? 'covered' : verdicts.includes('unknown') ? 'unknown' : 'none';
}

/** ECR repository filters: without a wildcard a filter matches names that contain it; `*` stands for any characters. */
export function filterMatches(filter: string, name: string): boolean {
  if (!filter.includes('*')) return name.includes(filter);
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}
