import { defineRule } from '../../src/rule.js';
import { checkPerResource, policyFindings } from './resource-findings.js';

export default defineRule({
  id: 'ECR002',
  slug: 'ecr-policy-invalid',
  level: 'error',
  title: 'ECR lifecycle policy that AWS would reject',
  rationale:
    'AWS validates a lifecycle policy when it is put: a policy with a misspelled field, a missing countUnit, two rules with the same rulePriority or a `tagStatus: "any"` rule that is not evaluated last is refused with InvalidParameterException, and `terraform apply` fails — often only in the pipeline, long after review. Until someone fixes it the repository has no lifecycle policy at all, so images pile up with no end date (see ECR001). merlint checks each rule against schemas/ecr-lifecycle-policy.schema.json, written from the AWS page "Lifecycle policy properties in Amazon ECR": required fields; `tagged` needs tagPrefixList or tagPatternList and `untagged` takes neither; at most four `*` in a tag pattern; countUnit ("days") with, and only with, the sinceImagePushed, sinceImagePulled and sinceImageTransitioned count types; countNumber and rulePriority whole numbers of at least 1; storageClass "archive" for sinceImageTransitioned and "standard" otherwise; a sinceImageTransitioned countNumber of at least 90, as archived images have a minimum storage duration of 90 days that no lifecycle rule may cut short (AWS page "Archiving an image"); `transition` actions need targetStorageClass "archive". Between rules: rulePriority is unique, the `any` rule has the highest rulePriority among the rules of its storage class, and one rule at most selects untagged images per storage class (one of the evaluation rules on the AWS page about lifecycle policies; the error AWS returns adds the storage class). The policy is checked wherever it is written: a heredoc, `jsonencode({...})`, `file()` or `templatefile()`, the `aws_ecr_lifecycle_policy_document` data source, or the `lifecycle_policy` of an `aws_ecr_repository_creation_template`.',
  remediation:
    'Change the field the finding points at as its message says. Keep the rules in ascending rulePriority order with the `any` rule last, and preview a new policy with `aws ecr start-lifecycle-policy-preview` before applying it. Writing the policy with `jsonencode({...})` or the `aws_ecr_lifecycle_policy_document` data source lets Terraform check the syntax, though not these constraints.',
  kinds: ['terraform', 'tfplan'],
  tags: ['retention', 'correctness'],
  check: checkPerResource(({ workspace: { terraform } }) =>
    terraform.ecr.lifecyclePolicies.flatMap((policy) =>
      policy.problems.flatMap((problem) =>
        policyFindings(terraform.ecr, policy, {
          at: problem.location,
          message: `${problem.message}, so AWS rejects the lifecycle policy of {resource} and terraform apply fails; ${problem.fix}`,
          ...(problem.related ? { related: problem.related } : {}),
        }),
      ),
    ),
  ),
});
