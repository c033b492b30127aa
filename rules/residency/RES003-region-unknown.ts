import type { RegionUse } from '../../src/languages/terraform/model/regions.js';
import type { Transfer } from '../../src/languages/terraform/model/transfers.js';
import type { UnknownValue } from '../../src/languages/terraform/model/value.js';
import { groupsIn, isResource, listed, reasons, related, reportedAt, subjectLabel, useRelated } from '../../src/residency.js';
import { defineRule } from '../../src/rule.js';
import type { Location, RelatedLocation } from '../../src/types.js';

/** A region or transfer destination static evaluation cannot know. */
interface Unknown {
  what: string;
  /** What to do so that merlint can read it. */
  remedy: string;
  value: UnknownValue;
  site: Location;
  related: RelatedLocation[];
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
  check({ document, workspace, report }) {
    const { regions, transfers } = workspace.terraform;
    const unknowns = [...regions.uses.flatMap(unknownRegion), ...transfers.flatMap(unknownDestination)];
    for (const { at, items } of groupsIn(document, unknowns, (item) => reportedAt(item.value, item.site, workspace))) {
      const message = `${listed(items.map((item) => item.what))} cannot be determined statically: ${reasons(items.map((item) => item.value))}; so residency cannot be verified: ${items[0]!.remedy}`;
      report(at, message, { related: related(at, items.flatMap((item) => item.related)) });
    }
  },
});

/** A region that cannot be known, where something lives in it (a provider that places nothing does not matter). */
function unknownRegion(use: RegionUse): Unknown[] {
  if (use.region.kind !== 'unknown' || (!isResource(use.subject) && use.resources.length === 0)) return [];
  return [{ what: `the ${use.argument} of ${subjectLabel(use.subject)}`, remedy: SET_IT, value: use.region, site: use.site, related: useRelated(use) }];
}

function unknownDestination(transfer: Transfer): Unknown[] {
  if (transfer.destination.kind !== 'unknown') return [];
  const named: RelatedLocation = { ...transfer.site, message: 'the destination is named here' };
  return [{ what: `where ${transfer.resource.address} (${transfer.mechanism}) copies data`, remedy: NAME_IT, value: transfer.destination, site: transfer.site, related: [named] }];
}
