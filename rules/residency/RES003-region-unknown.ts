import type { RegionUse } from '../../src/languages/terraform/model/regions.js';
import type { Transfer } from '../../src/languages/terraform/model/transfers.js';
import type { UnknownValue } from '../../src/languages/terraform/model/value.js';
import { aboutInstance, instanceLabel, isResource } from '../../src/languages/terraform/model/types.js';
import { checkPerOrigin, type Occurrence } from '../../src/per-origin.js';
import { reasons, reportedAt, useOccurrence } from '../../src/residency.js';
import { defineRule } from '../../src/rule.js';
import type { Workspace } from '../../src/workspace.js';
import type { RelatedLocation } from '../../src/types.js';

/** A region or transfer destination static evaluation cannot know, named as `subject`. */
interface Unknown extends Occurrence {
  /** What to do so that merlint can read it. */
  remedy: string;
  value: UnknownValue;
}

const SET_IT = 'set the region where merlint can read it (in the configuration, a variable default, a tfvars file or a --var-file)';
const NAME_IT = 'name the destination so merlint can resolve it (a resource reference, a region or ARN in the configuration or a tfvars file)';

export default defineRule({
  id: 'RES003',
  slug: 'region-unknown',
  level: 'note',
  title: 'Region or transfer destination cannot be determined statically',
  rationale:
    'RES001 and RES002 can only show that personal data stays where PDPA s26, the Transfer Limitation Obligation, allows if they know the region. When the region comes from a variable with no default and no tfvars value, from the environment (a provider without `region` takes AWS_REGION at run time), from a data source or an attribute known only after apply, or when a replication destination is an ARN of a bucket outside the scanned files, static evaluation cannot tell where the data goes. Treating that as compliant would be a silent pass and treating it as a violation a false alarm, so merlint says what it could not resolve and why, at the place where the unknown arises (the variable, the provider block), with the uses as related locations. The level is note: it asks for evidence, not a fix.',
  remediation:
    'Give merlint a value it can read: a variable default, `terraform.tfvars` or `*.auto.tfvars` beside the root module, or the var file of the environment passed with `--var-file` or listed under `terraform.varFiles` in `.merlint.yaml`; set `region` in the provider block instead of relying on AWS_REGION; name replication destinations by a resource reference (`aws_s3_bucket.replica.arn`) or a bucket declared in the scanned files. Where the region is truly decided at run time, keep the finding as the record that residency is checked elsewhere, or accept it with `merlint-ignore RES003 -- where it is checked`.',
  kinds: ['terraform', 'tfvars', 'tfplan'],
  tags: ['residency', 'pdpa', 'terraform'],
  check: checkPerOrigin(
    ({ workspace }) => [
      ...workspace.terraform.regions.uses.flatMap((use) => unknownRegion(use, workspace)),
      ...workspace.terraform.transfers.flatMap((transfer) => unknownDestination(transfer, workspace)),
    ],
    ({ items, subjects }) => `merlint cannot statically determine ${subjects}: ${reasons(items.map((item) => item.value))}; so residency cannot be verified: ${items[0]!.remedy}`,
  ),
});

/** A region that cannot be known, where something lives in it (a provider that places nothing does not matter). */
function unknownRegion(use: RegionUse, workspace: Workspace): Unknown[] {
  const region = use.region;
  if (region.kind !== 'unknown' || (!isResource(use.subject) && use.resources.length === 0)) return [];
  const occurrence = useOccurrence(use, reportedAt(region, use.site, workspace));
  return [{ ...occurrence, subject: `the ${use.argument} of ${instanceLabel(use.subject)}`, remedy: SET_IT, value: region }];
}

function unknownDestination(transfer: Transfer, workspace: Workspace): Unknown[] {
  const destination = transfer.destination;
  if (destination.kind !== 'unknown') return [];
  const named: RelatedLocation = { ...transfer.site, message: 'the destination is named here' };
  const at = reportedAt(destination, transfer.site, workspace);
  const subject = `where ${transfer.resource.address} (${transfer.mechanism}) copies data`;
  const about = aboutInstance(transfer.resource);
  return [{ at, subject, reportedFrom: transfer.site.path, related: [named, ...about.related], root: about.root, remedy: NAME_IT, value: destination }];
}
