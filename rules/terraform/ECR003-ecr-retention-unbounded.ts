import type { LifecyclePolicy } from '../../src/languages/terraform/model/ecr/types.js';
import { field, policyRules, text } from '../../src/languages/terraform/model/ecr/policy.js';
import type { Value } from '../../src/languages/terraform/model/value.js';
import { defineRule } from '../../src/rule.js';
import { checkPerResource, policyFindings } from './resource-findings.js';

export default defineRule({
  id: 'ECR003',
  slug: 'ecr-retention-unbounded',
  level: 'warning',
  title: 'ECR lifecycle policy that never expires some images',
  rationale:
    'A lifecycle policy only deletes what one of its `expire` rules selects. A policy that only keeps the last 30 `v*` images never deletes untagged images (every push that moves a tag leaves one behind) nor images under other tags (`main-3f2a1c`, `pr-123`), so the repository grows without end while looking managed. PDPA s25 (Retention Limitation) requires an organisation to stop retaining personal data once the purpose is no longer served and no legal or business need remains, and images can hold it: test fixtures, database dumps and configuration copied in by mistake. Unbounded repositories also cost storage every month and keep images with known vulnerabilities pullable. A rule that only moves images to archive storage (`transition`) keeps them too.',
  remediation:
    'Give every image an end: expire untagged images after a few days (`tagStatus = "untagged"`, `countType = "sinceImagePushed"`, `countUnit = "days"`, `countNumber = 7`), and end the policy with a `tagStatus = "any"` rule with the highest rulePriority that keeps a bounded number of images (`countType = "imageCountMoreThan"`, `countNumber = 50`) — an image that a rule with a lower rulePriority selects (a release tag kept by a `v*` rule) is never expired by a later rule, so releases stay protected. If some images must be kept for a stated period (audit, rollback), write that period as a rule rather than leaving them unmanaged.',
  kinds: ['terraform', 'tfplan'],
  tags: ['retention', 'pdpa', 'cost'],
  check: checkPerResource(({ workspace: { terraform } }) =>
    terraform.ecr.lifecyclePolicies.flatMap((policy) => {
      const rules = field(policy.document, 'rules');
      const gap = policy.problems.length === 0 ? retentionGap(policy) : undefined;
      return rules?.origin && gap ? policyFindings(terraform.ecr, policy, { at: rules.origin, message: gap }) : [];
    }),
  ),
});

/** What a rule selects for expiry, as far as the retention question needs. */
interface Selection {
  status: string | undefined;
  action: string | undefined;
  /** The rule selects every tagged image: tagStatus any, or a tag pattern list of only `*`; undefined when its patterns are unknown. */
  everyTag: boolean | undefined;
}

/** What the policy never expires, in words for the message; undefined when every image can expire or the policy cannot be read. */
function retentionGap(policy: LifecyclePolicy): string | undefined {
  const selections = policyRules(policy.document)?.map(selection);
  if (!selections || selections.some((rule) => rule.status === undefined || rule.action === undefined)) return undefined;
  const name = policy.fieldName;
  const expiring = selections.filter((rule) => rule.action === 'expire');
  if (expiring.length === 0) return `no rule of the lifecycle policy of {resource} has action ${name('type')} "expire", so it never deletes an image; add expire rules for untagged images and a final ${name('tagStatus')} "any" rule`;
  const untagged = expiring.some((rule) => rule.status !== 'tagged');
  const everyTag = expiring.some((rule) => rule.everyTag === true) ? true : expiring.some((rule) => rule.everyTag === undefined) ? undefined : false;
  if (everyTag === undefined || (untagged && everyTag)) return undefined;
  const kept = untagged ? 'tagged images that match no rule are' : everyTag ? 'untagged images are' : 'untagged images, and tagged images that match no rule, are';
  return `${kept} never expired by the lifecycle policy of {resource}, so images pile up without end; end the policy with a ${name('tagStatus')} "any" rule that keeps a bounded number of images`;
}

function selection(rule: Value): Selection {
  const status = text(field(rule, 'selection', 'tagStatus'));
  const everyTag = status === 'any' ? true : status === 'tagged' ? selectsEveryTag(rule) : false;
  return { status, action: text(field(rule, 'action', 'type')), everyTag };
}

/** Whether a tagged rule's tag pattern list is `["*"]` (all patterns must match, so more `*` change nothing); undefined when its tag lists are unknown. */
function selectsEveryTag(rule: Value): boolean | undefined {
  const patterns = field(rule, 'selection', 'tagPatternList');
  const lists = [patterns, field(rule, 'selection', 'tagPrefixList')];
  if (lists.some((list) => list !== undefined && (list.kind !== 'list' || list.items.some((item) => item.kind === 'unknown')))) return undefined;
  return patterns?.kind === 'list' && patterns.items.length > 0 && patterns.items.every((item) => text(item) === '*');
}
