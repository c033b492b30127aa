import { locationKey } from '../../../../positions.js';
import { nameLocation } from '../types.js';
import type { ResourceInstance } from '../types.js';
import type { Value } from '../value.js';
import { policyDocument } from './document.js';
import { policyMatcher } from './matching.js';
import { registryScan } from './scanning.js';
import type { EcrFacts, EcrRepository, LifecyclePolicy, PolicyProblem } from './types.js';

type Validate = (document: Value, fieldName: (jsonName: string) => string) => PolicyProblem[];

/** The ECR facts of a scan's resources; the policy validator (compiled at build time) is loaded only when there is a policy. */
export async function buildEcrFacts(resources: readonly ResourceInstance[]): Promise<EcrFacts> {
  const managed = (type: string) => resources.filter((resource) => resource.mode === 'managed' && resource.type === type);
  const policyResources = [...managed('aws_ecr_lifecycle_policy'), ...managed('aws_ecr_repository_creation_template')];
  const validate: Validate = policyResources.length > 0 ? (await import('./validate.js')).policyProblems : () => [];
  const lifecyclePolicies = policyResources.map((resource) => lifecyclePolicy(resource, validate));
  const registryScanning = managed('aws_ecr_registry_scanning_configuration');
  const repositoryResources = managed('aws_ecr_repository');
  const names = new Map(repositoryResources.map((resource) => [resource, resource.attribute('name')] as const));
  const belongsTo = policyMatcher(lifecyclePolicies, [...names.values()]);
  const repositories = repositoryResources.map((resource): EcrRepository => {
    const belonging = lifecyclePolicies.map((policy) => [policy, belongsTo(policy, resource, names.get(resource))] as const);
    return {
      resource,
      lifecyclePolicies: belonging.filter(([, verdict]) => verdict === 'yes').map(([policy]) => policy),
      possibleLifecyclePolicies: belonging.filter(([, verdict]) => verdict === 'maybe').map(([policy]) => policy),
      registryScan: registryScan(resource, names.get(resource), registryScanning),
    };
  });
  return {
    repositories,
    lifecyclePolicies,
    registryScanning,
    repositoriesOf: (policy) => repositories.filter((repository) => repository.lifecyclePolicies.includes(policy)),
  };
}

function lifecyclePolicy(resource: ResourceInstance, validate: Validate): LifecyclePolicy {
  const template = resource.type === 'aws_ecr_repository_creation_template';
  const written = resource.attribute(template ? 'lifecycle_policy' : 'policy');
  const { document, fieldName } = policyDocument(written, nameLocation(resource));
  const problems = [...syntaxProblems(written, document), ...validate(document, fieldName)];
  const readBy = written?.kind === 'string' && written.readBy ? locationKey(written.readBy) : undefined;
  const trail = (written?.via ?? []).map((location) => ({ ...location, message: locationKey(location) === readBy ? 'the policy file is read here' : 'the policy is passed on here' }));
  return { resource, target: template ? undefined : resource.attribute('repository'), document, fieldName, problems, trail };
}

/** A known string that does not decode is not JSON, and AWS rejects it as it is. */
function syntaxProblems(written: Value | undefined, document: Value): PolicyProblem[] {
  if (written?.kind !== 'string' || document.kind !== 'unknown') return [];
  return [{ location: document.origin ?? written.origin, message: `the policy is not valid JSON: ${document.reason.replace(/^invalid JSON: /, '')}`, fix: 'correct the JSON syntax' }];
}
