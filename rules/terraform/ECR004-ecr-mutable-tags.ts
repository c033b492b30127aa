import { nameLocation } from '../../src/languages/terraform/model/types.js';
import type { EcrRepository } from '../../src/languages/terraform/model/ecr/types.js';
import { defineRule } from '../../src/rule.js';
import { checkPerResource, valueSite, type ResourceFinding } from './resource-findings.js';

const MUTABLE = new Set(['MUTABLE', 'MUTABLE_WITH_EXCLUSION']);
const FIX = 'set image_tag_mutability = "IMMUTABLE" (or "IMMUTABLE_WITH_EXCLUSION" with an exclusion filter for the few tags that must move, such as latest)';

export default defineRule({
  id: 'ECR004',
  slug: 'ecr-mutable-tags',
  level: 'warning',
  title: 'ECR repository with mutable image tags',
  rationale:
    'With mutable tags (the default, `MUTABLE`) a push can move an existing tag such as `v1.4.2` to a different image. A deployment that names the tag then runs code nobody reviewed under that name, rollbacks to a tag no longer return the old build, and anyone with push access can replace a release without a trace in the tag. The MAS Technology Risk Management Guidelines expect production software to be traceable to a reviewed, controlled change; immutable tags make a tag name that guarantee. `MUTABLE_WITH_EXCLUSION` keeps all tags mutable except those its filters list.',
  remediation:
    'Set `image_tag_mutability = "IMMUTABLE"` and give every build a unique tag (a version or commit hash). If a few tags must move (`latest`, `staging`), use `image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"` with an `image_tag_mutability_exclusion_filter { filter = "latest" filter_type = "WILDCARD" }` block for each. Pin deployments to image digests where you can.',
  kinds: ['terraform', 'tfplan'],
  tags: ['supply-chain', 'security'],
  securitySeverity: 5.0,
  check: checkPerResource(({ workspace }) => workspace.terraform.ecr.repositories.flatMap(mutableTags)),
});

function mutableTags({ resource }: EcrRepository): ResourceFinding[] {
  const mutability = resource.attribute('image_tag_mutability');
  if (mutability === undefined) {
    return [{ resource, at: nameLocation(resource), message: `image_tag_mutability is not set for {resource}, and the default MUTABLE lets a push move an existing tag to a different image; ${FIX}` }];
  }
  if (mutability.kind === 'null') return [{ resource, ...valueSite(mutability), message: `image_tag_mutability of {resource} is null, so ECR uses the default MUTABLE, which lets a push move an existing tag to a different image; ${FIX}` }];
  if (mutability.kind !== 'string' || !MUTABLE.has(mutability.value)) return [];
  return [{ resource, ...valueSite(mutability), message: `image_tag_mutability "${mutability.value}" lets a push move an existing tag of {resource} to a different image; ${FIX}` }];
}
