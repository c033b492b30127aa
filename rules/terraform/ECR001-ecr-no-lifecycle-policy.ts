import { nameLocation } from '../../src/languages/terraform/model/types.js';
import type { EcrRepository } from '../../src/languages/terraform/model/ecr/types.js';
import { defineRule } from '../../src/rule.js';
import { checkPerResource } from './resource-findings.js';

export default defineRule({
  id: 'ECR001',
  slug: 'ecr-no-lifecycle-policy',
  level: 'warning',
  title: 'ECR repository without a lifecycle policy',
  rationale:
    'Without a lifecycle policy Amazon ECR keeps every image pushed to a repository for as long as the repository exists: every build of every branch, and every untagged image left behind when a tag moves to a new build. Images carry the code and configuration of their day, and at times data copied in by mistake (test fixtures, database dumps, `.env` files); keeping them with no end date runs against the Retention Limitation Obligation of PDPA s25, under which an organisation stops retaining personal data (or anonymises it) once the purpose it was collected for is no longer served and retention is no longer needed for legal or business purposes. Storage is billed per GB-month, and old images with known vulnerabilities stay pullable.',
  remediation:
    'Add an `aws_ecr_lifecycle_policy` whose `repository` refers to the repository, so the link survives renames: `repository = aws_ecr_repository.api.name`. A common policy expires untagged images after a few days and keeps a bounded number of the rest: rule 1 `{ tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }`, rule 2 `{ tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }`, each with `action = { type = "expire" }` (see ECR003). For repositories created by a module, set the module\'s lifecycle policy input.',
  kinds: ['terraform', 'tfplan'],
  tags: ['retention', 'pdpa', 'cost'],
  check: checkPerResource(({ workspace }) =>
    workspace.terraform.ecr.repositories.filter(withoutPolicy).map(({ resource }) => ({
      resource,
      at: nameLocation(resource),
      message: `no aws_ecr_lifecycle_policy applies to {resource}, so ECR keeps every image pushed there for good; add a lifecycle policy that expires untagged images and bounds the tagged ones`,
    })),
  ),
});

function withoutPolicy(repository: EcrRepository): boolean {
  return repository.lifecyclePolicies.length === 0 && repository.possibleLifecyclePolicies.length === 0;
}
