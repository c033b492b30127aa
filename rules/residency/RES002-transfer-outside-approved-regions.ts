import type { Transfer } from '../../src/languages/terraform/model/transfers.js';
import type { StringValue } from '../../src/languages/terraform/model/value.js';
import { aboutInstance } from '../../src/languages/terraform/model/types.js';
import { checkPerOrigin, type Occurrence } from '../../src/per-origin.js';
import { acceptable, allowedRegions, approvalsNote, howToApprove, regionLabel, WHY } from '../../src/residency.js';
import { defineRule } from '../../src/rule.js';
import type { RelatedLocation } from '../../src/types.js';

type KnownTransfer = Transfer & { destination: StringValue };

export default defineRule({
  id: 'RES002',
  slug: 'transfer-outside-approved-regions',
  level: 'error',
  title: 'Data replicated or copied outside the allowed and approved regions',
  rationale:
    'Replication, replicas and backup copies move every record of a data store to another region, continuously and without anyone deciding it again: a transfer of personal data out of Singapore under PDPA s26, the Transfer Limitation Obligation. The PDP Regulations 2021 (regs 9–12) allow it only where the recipient is bound to a comparable standard of protection — by law, by contract or binding corporate rules, with the individuals\' consent after a written summary, or through APEC CBPR or Global CBPR certification (APEC PRP or Global PRP for a data intermediary such as a cloud provider) — so each destination outside the allowed regions needs a recorded basis. merlint follows the copy to where it lands: S3 replication destinations (the destination bucket\'s provider region, or the bucket named in the ARN), DynamoDB replicas and global tables, RDS and Aurora cross-region replicas, Aurora and DocumentDB global databases and ElastiCache global datastores, RDS automated backup replication, AWS Backup copy actions (the region in the vault ARN), KMS replica keys, ECR replication, Redshift snapshot copies, Azure geo-redundant storage (GRS, RA-GRS, GZRS and RA-GZRS, written with the azurerm or AzAPI provider, replicate to the paired region: Hong Kong for southeastasia) and Cosmos DB geo-locations, GCP multi-region and dual-region locations (Spanner multi-region configurations such as nam3 and asia1 included), the replicas a custom Spanner configuration adds, and Bigtable clusters beyond an instance\'s first. A destination merlint cannot determine is reported by RES003.',
  remediation:
    'Keep the copy in an allowed region: replicate to a bucket, table or vault in Singapore (another availability zone already protects against a data-centre failure), use locally or zone-redundant storage on Azure (LRS or ZRS), and a single region rather than a multi-region location on GCP. If the copy is meant to leave Singapore, record the destination and its basis in `.merlint.yaml`: `residency.approvedTransfers: [{ cloud: aws, region: ap-northeast-1, basis: contract, reference: "DPA with AWS Japan, 2025-03" }]` (basis: contract, binding-corporate-rules, consent, certification or other); the finding then goes away, and the region is accepted by RES001 too.',
  kinds: ['terraform', 'tfvars', 'tfplan'],
  tags: ['residency', 'pdpa', 'terraform'],
  check: checkPerOrigin(
    ({ workspace, settings: { residency } }) =>
      workspace.terraform.transfers.filter((transfer): transfer is KnownTransfer => transfer.destination.kind === 'string' && !acceptable(residency, transfer.cloud, transfer.destination.value)).map(occurrence),
    ({ items, subjects }, { settings: { residency } }) => {
      const { cloud, destination } = items[0]!.transfer;
      const where = `outside ${allowedRegions(residency, cloud)} and the approved transfers${approvalsNote(residency, cloud, destination.value)}`;
      return `${subjects}, ${where}; ${WHY}: keep the copy in an allowed region, or ${howToApprove(cloud, destination.value)}`;
    },
  ),
});

/** A transfer as an occurrence of the finding: named by what it copies where, as several copies at one place are listed. */
function occurrence(transfer: KnownTransfer): Occurrence & { transfer: KnownTransfer } {
  const about = aboutInstance(transfer.resource);
  return { at: transfer.site, subject: describeCopy(transfer), reportedFrom: transfer.site.path, related: [...destinationRelated(transfer), ...about.related], root: about.root, transfer };
}

/** `aws_s3_bucket_replication_configuration.orders (S3 replication) copies data from ap-southeast-1 (Singapore) to ap-northeast-1 (Tokyo), into aws_s3_bucket.replica`. */
function describeCopy({ resource, mechanism, cloud, source, destination, target }: KnownTransfer): string {
  const into = target && target !== resource ? `, into ${target.address}` : '';
  const to = `${regionLabel(cloud, destination.value)}${into}`;
  if (!source) return `${resource.address} (${mechanism}) keeps copies in ${to}`;
  const from = source.kind === 'string' ? regionLabel(cloud, source.value) : 'a region merlint cannot determine';
  return `${resource.address} (${mechanism}) copies data from ${from} to ${to}`;
}

function destinationRelated({ destination }: KnownTransfer): RelatedLocation[] {
  return [{ ...destination.origin, message: 'the destination region is written here' }, ...destination.via.map((location) => ({ ...location, message: 'the destination region is passed on here' }))];
}
