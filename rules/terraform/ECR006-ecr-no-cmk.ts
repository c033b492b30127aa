import { nameLocation } from '../../src/languages/terraform/model/types.js';
import type { EcrRepository } from '../../src/languages/terraform/model/ecr/types.js';
import type { Value } from '../../src/languages/terraform/model/value.js';
import { defineRule } from '../../src/rule.js';
import { checkPerResource, valueSite, type ResourceFinding } from './resource-findings.js';

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
  kinds: ['terraform', 'tfplan'],
  tags: ['encryption', 'key-management', 'security'],
  securitySeverity: 3.0,
  check: checkPerResource(({ workspace }) => workspace.terraform.ecr.repositories.flatMap(withoutCustomerKey)),
});

function withoutCustomerKey({ resource }: EcrRepository): ResourceFinding[] {
  const [configuration] = resource.blocks('encryption_configuration');
  const type = configuration?.attribute('encryption_type');
  const finding = (site: Pick<ResourceFinding, 'at' | 'related'>, problem: string): ResourceFinding[] => [{ resource, ...site, message: `${problem}; ${FIX}` }];
  const owned = 'a key that AWS owns, which no key policy of yours controls';
  const managed = 'the AWS managed key aws/ecr, whose key policy you cannot change';
  if (type === undefined) return finding({ at: nameLocation(resource) }, `encryption_type is not set for {resource}, so ECR encrypts the images with AES256 under ${owned}`);
  if (type.kind === 'null') return finding(valueSite(type), `encryption_type is null, so ECR encrypts the images of {resource} with AES256 under ${owned}`);
  if (type.kind !== 'string') return [];
  if (type.value === 'AES256') return finding(valueSite(type), `encryption_type "AES256" encrypts the images of {resource} under ${owned}`);
  const key = configuration!.attribute('kms_key');
  if (isUnset(key)) return finding(valueSite(type), `encryption_type "${type.value}" without kms_key encrypts the images of {resource} with ${managed}`);
  if (key?.kind === 'string' && AWS_MANAGED_KEY.test(key.value)) return finding(valueSite(key), `kms_key of {resource} is ${managed}`);
  return [];
}

function isUnset(value: Value | undefined): boolean {
  return value === undefined || value.kind === 'null' || (value.kind === 'string' && value.value === '');
}
