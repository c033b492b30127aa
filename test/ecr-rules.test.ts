import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../src/types.js';
import { at } from './helpers/terraform.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

async function findingAt(rule: string, location: string): Promise<Finding> {
  const result = await scanDirectory(repoPath('fixtures', 'terraform', rule));
  const found = result.findings.find((finding) => finding.ruleId === rule && at(finding.location) === location);
  if (!found) throw new Error(`no ${rule} finding at ${location}; have ${result.findings.map((finding) => at(finding.location)).join(', ')}`);
  return found;
}

const related = (finding: Finding) => finding.related.map((location) => `${at(location)} ${location.message}`);

test('a resource of a module called twice is one finding that names both instances and relates both calls', async () => {
  const finding = await findingAt('ECR001', 'modules/registry/main.tf:10:31');
  assert.match(finding.message, /^no aws_ecr_lifecycle_policy applies to module\.registry_sg\.aws_ecr_repository\.this and module\.registry_dr\.aws_ecr_repository\.this,/);
  assert.equal(related(finding), ['modules.tf:2:8 this module call creates aws_ecr_repository.this', 'modules.tf:7:8 this module call creates aws_ecr_repository.this']);
});

test('a value from a tfvars file or a module argument is reported where it is written, related to where it is used', async () => {
  const fromTfvars = await findingAt('ECR004', 'terraform.tfvars:1:23');
  assert.equal(related(fromTfvars), ['set-by-variables.tf:17:26 the value is passed on here']);
  const fromModule = await findingAt('ECR005', 'modules.tf:4:18');
  assert.equal(related(fromModule), ['modules/repository/main.tf:18:20 the value is passed on here', 'modules.tf:1:8 this module call creates aws_ecr_repository.this']);
});

test('a policy from a template whose text differs from the file (an escaped `$${`) is reported on the whole template file, from its first line', async () => {
  const finding = await findingAt('ECR002', 'escaped-template.json.tpl:1:1');
  assert.equal(finding.location.range.end, { line: 11, column: 1 });
  assert.match(finding.message, /^countType "sinceImagePushed" needs countUnit/);
});

test('a policy problem between rules relates the other rule', async () => {
  const finding = await findingAt('ECR002', 'duplicate-priority.tf:11:24');
  assert.equal(related(finding), ['duplicate-priority.tf:6:24 the other rule with rulePriority 1']);
});

test('a problem in a policy file relates where the file is read; a value from elsewhere relates its trail', async () => {
  assert.equal(related(await findingAt('ECR002', 'untagged-with-tag-list.json:8:26')), ['untagged-with-tag-list.tf:3:16 the policy file is read here']);
  const fromTemplate = await findingAt('ECR002', 'count-unit-missing.json.tpl:5:60');
  assert.match(fromTemplate.message, 'so AWS rejects the lifecycle policy of the repository "notify" and terraform apply fails');
  assert.equal(related(fromTemplate), ['count-unit-missing.tf:3:16 the policy file is read here']);
  assert.equal(related(await findingAt('ECR002', 'terraform.tfvars:1:17')), ['variables.tf:12:116 the value is passed on here']);
});

test('a policy file read by two repositories is one finding that names both and relates both file() calls', async () => {
  const finding = await findingAt('ECR003', 'shared-policy/policies/keep-tagged.json:2:12');
  assert.match(finding.message, 'never expired by the lifecycle policy of aws_ecr_repository.service["api"] and aws_ecr_repository.service["worker"], so images pile up without end');
  assert.equal(related(finding), ['shared-policy/api.tf:3:16 the policy file is read here', 'shared-policy/worker.tf:3:12 the policy file is read here']);
});

test('a run on one of the files that read the policy reports the finding inside the policy file', async () => {
  const root = repoPath('fixtures', 'terraform', 'ECR003');
  const result = await scanDirectory(root, [join(root, 'shared-policy', 'worker.tf')]);
  assert.equal(result.findings.map((finding) => `${finding.ruleId} ${at(finding.location)}`), ['ECR003 shared-policy/policies/keep-tagged.json:2:12']);
});

test('a shared module\'s variable default is one finding naming the instances that take it, relating each module call', async () => {
  const finding = await findingAt('ECR004', 'shared-default/modules/repository/variables.tf:11:13');
  assert.match(finding.message, 'image_tag_mutability "MUTABLE" lets a push move an existing tag of module.orders.aws_ecr_repository.this and module.invoices.aws_ecr_repository.this to a different image');
  assert.equal(related(finding), [
    'shared-default/modules/repository/main.tf:3:26 the value is passed on here',
    'shared-default/main.tf:12:8 this module call creates aws_ecr_repository.this',
    'shared-default/main.tf:18:8 this module call creates aws_ecr_repository.this',
  ]);
});

test.run();
