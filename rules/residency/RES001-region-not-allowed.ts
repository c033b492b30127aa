import { multiRegion } from '../../src/facts/clouds.js';
import type { RegionUse } from '../../src/languages/terraform/model/regions.js';
import type { StringValue } from '../../src/languages/terraform/model/value.js';
import { checkPerOrigin } from '../../src/per-origin.js';
import { acceptable, allowedRegions, approvalsNote, howToApprove, regionLabel, reportedAt, useOccurrence, WHY } from '../../src/residency.js';
import { defineRule } from '../../src/rule.js';

type KnownUse = RegionUse & { region: StringValue };

export default defineRule({
  id: 'RES001',
  slug: 'region-not-allowed',
  level: 'error',
  title: 'Cloud region or location outside the allowed regions',
  rationale:
    'PDPA s26, the Transfer Limitation Obligation, forbids transferring personal data to a country or territory outside Singapore except under requirements that give it a standard of protection comparable to the PDPA; the PDP Regulations 2021 (regs 9–12) set them out: legally enforceable obligations on the recipient (law, contract, binding corporate rules), consent after a written summary of the protection there, or a recipient certified under APEC CBPR or Global CBPR (a data intermediary such as a cloud provider may instead hold APEC PRP or Global PRP certification). A cloud region is a place in a country: a bucket or database that a provider configuration, a resource\'s own `region` or an Azure `location` puts in ap-northeast-1 keeps its data in Japan. Region codes are read per cloud (ap-southeast-3 is Jakarta on AWS and Kuala Lumpur on Alibaba Cloud; "Southeast Asia" and southeastasia are the same Azure region; a GCP zone counts as its region; GCP services that write their place their own way are read so too: a Spanner instance\'s `config` such as `regional-asia-southeast1`, a Bigtable instance\'s first `cluster` zone, an Apigee organisation\'s `analytics_region` or `api_consumer_data_location`, the location in a DLP resource\'s `parent`, a Pub/Sub topic\'s `allowed_persistence_regions`), and resolved through variables, tfvars, locals and module arguments, so the finding points at the token where the region is written, with the places it passes through as related locations. MAS sets no data-localisation rule of its own; the obligation is PDPA\'s, and a team meets it by keeping data in the allowed regions or by documenting the basis of each destination. A region merlint cannot determine is reported by RES003, never here; multi-region locations by RES002.',
  remediation:
    'Change the region where the finding points — that may be a tfvars value, a variable default or a module argument rather than the provider block — to an allowed region (by default Singapore: AWS and Alibaba `ap-southeast-1`, Azure `southeastasia`, GCP `asia-southeast1`, Oracle `ap-singapore-1` / `ap-singapore-2`). If data is meant to be kept there, record the basis in `.merlint.yaml` under `residency.approvedTransfers` (`cloud`, `region`, `basis`: contract, binding-corporate-rules, consent, certification or other, and a `reference` to the agreement); a region the team may use without a transfer belongs under `residency.allowedRegions.<cloud>`. A provider that only manages global services pinned to one region (ACM certificates for CloudFront in us-east-1) can be accepted on its line with `merlint-ignore RES001 -- why`.',
  kinds: ['terraform', 'tfvars', 'tfplan'],
  tags: ['residency', 'pdpa', 'terraform'],
  check: checkPerOrigin(
    ({ workspace, settings: { residency } }) =>
      workspace.terraform.regions.uses
        .filter((use): use is KnownUse => use.region.kind === 'string' && !multiRegion(use.cloud, use.region.value) && !acceptable(residency, use.cloud, use.region.value))
        .map((use) => useOccurrence(use, reportedAt(use.region, use.site, workspace))),
    ({ items, subjects }, { settings: { residency } }) => {
      const { cloud, argument, region } = items[0]!.use;
      const outsideAllowed = `${argument} ${regionLabel(cloud, region.value)} of ${subjects} is outside ${allowedRegions(residency, cloud)}${approvalsNote(residency, cloud, region.value)}`;
      return `${outsideAllowed}; ${WHY}: move it to an allowed region, or ${howToApprove(cloud, region.value)}`;
    },
  ),
});
