import { nameLocation } from '../../src/languages/terraform/model/types.js';
import { toBool } from '../../src/languages/terraform/model/convert.js';
import type { EcrRepository } from '../../src/languages/terraform/model/ecr/types.js';
import { defineRule } from '../../src/rule.js';
import { checkPerResource, valueSite, type ResourceFinding } from './resource-findings.js';

const FIX = 'scan the registry with an aws_ecr_registry_scanning_configuration whose rules cover this repository, or set image_scanning_configuration { scan_on_push = true }';

export default defineRule({
  id: 'ECR005',
  slug: 'ecr-scan-on-push-disabled',
  level: 'warning',
  title: 'ECR repository that does not scan images on push',
  rationale:
    'Scanning on push checks each image for known vulnerabilities (CVEs) in its operating-system packages, and with enhanced scanning in its language packages, when it enters the registry. Without it a vulnerable base image or library reaches production unnoticed unless another tool scans it. Patching known vulnerabilities promptly is part of the reasonable security arrangements of PDPA s24 (Protection Obligation) and of the MAS Technology Risk Management Guidelines on vulnerability management. The rule stays quiet when the scan contains an `aws_ecr_registry_scanning_configuration` for the repository\'s region with enhanced scanning, or with a scan-on-push or continuous rule whose filter matches the repository\'s name, as that setting takes over from the repository\'s own; AWS is deprecating the repository-level setting (PutImageScanningConfiguration) in favour of it.',
  remediation:
    'Configure scanning once for the registry of each region, in the root module that owns the account: `resource "aws_ecr_registry_scanning_configuration" "this" { scan_type = "BASIC" rule { scan_frequency = "SCAN_ON_PUSH" repository_filter { filter = "*" filter_type = "WILDCARD" } } }`, or `scan_type = "ENHANCED"` with `scan_frequency = "CONTINUOUS_SCAN"` to rescan as new vulnerabilities are published (enhanced scanning uses Amazon Inspector and is billed per image). Where that is not yours to change, add `image_scanning_configuration { scan_on_push = true }` to the repository. Then act on the results: alert on CRITICAL and HIGH findings.',
  kinds: ['terraform', 'tfplan'],
  tags: ['vulnerability-scanning', 'security'],
  securitySeverity: 5.0,
  check: checkPerResource(({ workspace }) => workspace.terraform.ecr.repositories.filter((repository) => repository.registryScan === 'none').flatMap(scanOff)),
});

function scanOff({ resource }: EcrRepository): ResourceFinding[] {
  const [configuration] = resource.blocks('image_scanning_configuration');
  if (!configuration) return [{ resource, at: nameLocation(resource), message: `image_scanning_configuration is not set for {resource}, so images pushed there are not scanned for known vulnerabilities; ${FIX}` }];
  const written = configuration.attribute('scan_on_push');
  const scan = written && toBool(written);
  if (scan?.kind !== 'bool' || scan.value) return [];
  return [{ resource, ...valueSite(scan), message: `scan_on_push is false, so images pushed to {resource} are not scanned for known vulnerabilities; ${FIX}` }];
}
