import { nameLocation } from '../../src/model/terraform/body.js';
import type { EcrRepository } from '../../src/model/terraform/ecr/types.js';
import type { Value } from '../../src/model/terraform/value.js';
import { defineRule } from '../../src/rule.js';
import { reportOnce, valueSite, type ResourceFinding } from './resource-findings.js';

const FIX = 'set encryption_configuration { encryption_type = "KMS" kms_key = aws_kms_key.<name>.arn } with a key your team manages';
/** The AWS managed key of ECR, by alias name or alias ARN. */
const AWS_MANAGED_KEY = /(^|:)alias\/aws\/ecr$/;

export default defineRule({
  id: 'ECR006',
  slug: 'ecr-no-cmk',
  level: 'note',
  title: 'ECR repository not encrypted with a customer-managed KMS key',
  rationale:
    'ECR always encrypts images at rest, by default with an AES256 key that AWS owns and manages (`encryption_type = "AES256"`), or with the AWS managed KMS key `aws/ecr` when `encryption_type = "KMS"` names no key. With either, the team cannot restrict who may decrypt through a key policy, cannot disable or schedule the deletion of the key to make every copy unreadable, and gets no per-key CloudTrail record of decryption. A customer-managed key gives that control, which fits the reasonable security arrangements of PDPA s24 for images that may carry personal data and the key-management expectations of the MAS Technology Risk Management Guidelines.',
  remediation:
    'Create an `aws_kms_key` (with `enable_key_rotation = true` and a key policy that names the roles that push and pull) and set `encryption_configuration { encryption_type = "KMS" kms_key = aws_kms_key.ecr.arn }`. ECR cannot change the encryption of an existing repository: Terraform replaces it, which deletes its images, so create a new repository and copy the images you keep before switching.',
  kinds: ['terraform'],
  tags: ['encryption', 'key-management', 'security'],
  securitySeverity: 3.0,
  check({ document, workspace, report }) {
    reportOnce(report, workspace.terraform.ecr.repositoriesIn(document).flatMap(withoutCustomerKey));
  },
});

function withoutCustomerKey({ resource }: EcrRepository): ResourceFinding[] {
  const [configuration] = resource.blocks('encryption_configuration');
  const type = configuration?.attribute('encryption_type');
  if (type === undefined || type.kind === 'null') {
    const site = type ? valueSite(type) : { at: nameLocation(resource) };
    return [{ resource, ...site, message: `encryption_type is not set for {resource}, so ECR encrypts its images with the default AES256 key that AWS owns, which no key policy of yours controls; ${FIX}` }];
  }
  if (type.kind !== 'string') return [];
  if (type.value === 'AES256') return [{ resource, ...valueSite(type), message: `encryption_type "AES256" encrypts {resource} with a key that AWS owns, which no key policy of yours controls; ${FIX}` }];
  const key = configuration!.attribute('kms_key');
  if (isUnset(key)) return [{ resource, ...valueSite(type), message: `encryption_type "${type.value}" without kms_key encrypts {resource} with the AWS managed key aws/ecr, whose key policy you cannot change; ${FIX}` }];
  if (key?.kind === 'string' && AWS_MANAGED_KEY.test(key.value)) return [{ resource, ...valueSite(key), message: `kms_key of {resource} names the AWS managed key aws/ecr, whose key policy you cannot change; ${FIX}` }];
  return [];
}

function isUnset(value: Value | undefined): boolean {
  return value === undefined || value.kind === 'null' || (value.kind === 'string' && value.value === '');
}
