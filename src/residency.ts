import type { ApprovedTransfer, ResidencySettings } from './config/config.js';
import type { Workspace } from './workspace.js';
import { attribute } from './languages/terraform/hcl/syntax.js';
import { CLOUD_NAMES, describeRegion, multiRegion, normaliseRegion, placeOf, type Cloud } from './facts/clouds.js';
import type { RegionUse } from './languages/terraform/model/regions.js';
import { aboutInstance, instanceLabel, isResource } from './languages/terraform/model/types.js';
import type { UnknownValue, Value } from './languages/terraform/model/value.js';
import { locationKey } from './positions.js';
import type { Occurrence } from './per-origin.js';
import type { Location, RelatedLocation } from './types.js';

/*
 * What the residency rules (RES001–RES003) share: the policy of .merlint.yaml applied to the
 * regions and transfers the Terraform model found, and the wording of their findings.
 */

export const WHY = 'PDPA s26 lets personal data leave Singapore only with a comparable standard of protection';

/** How to record that data may go to `code`: the entry to add, with the bases the schema accepts. */
export function howToApprove(cloud: Cloud, code: string): string {
  const written = multiRegion(cloud, code) ? code.toUpperCase() : code;
  return `list it in .merlint.yaml under residency.approvedTransfers (cloud ${cloud}, region ${written}) with its basis`;
}

/** Whether data may be in `code` on `cloud`: an allowed region, an approved destination, or a multi-region whose regions all are. */
export function acceptable(settings: ResidencySettings, cloud: Cloud, code: string): boolean {
  if (isAllowed(settings, cloud, code) || approvalOf(settings, cloud, code)) return true;
  const members = multiRegion(cloud, code)?.members;
  return members !== undefined && members.every((member) => acceptable(settings, cloud, member));
}

function isAllowed(settings: ResidencySettings, cloud: Cloud, code: string): boolean {
  return settings.allowedRegions[cloud].some((allowed) => normaliseRegion(cloud, allowed) === code);
}

function approvalOf(settings: ResidencySettings, cloud: Cloud, code: string): ApprovedTransfer | undefined {
  return settings.approvedTransfers.find((approved) => approved.cloud === cloud && normaliseRegion(cloud, approved.region) === code);
}

/** `the allowed AWS regions (ap-southeast-1, Singapore)`. */
export function allowedRegions(settings: ResidencySettings, cloud: Cloud): string {
  const regions = settings.allowedRegions[cloud].map((written) => {
    const code = normaliseRegion(cloud, written);
    const place = placeOf(cloud, code);
    return place ? `${code}, ${place}` : code;
  });
  return `the allowed ${CLOUD_NAMES[cloud]} regions (${regions.length ? regions.join('; ') : 'none'})`;
}

/** A region for messages, saying so when merlint does not know the code on that cloud (a typo, or another cloud's code). */
export function regionLabel(cloud: Cloud, code: string): string {
  const known = placeOf(cloud, code) !== undefined || multiRegion(cloud, code) !== undefined;
  return known ? describeRegion(cloud, code) : `${code} (a code merlint does not know on ${CLOUD_NAMES[cloud]})`;
}

/**
 * What the configuration approves that bears on `code`, echoing each basis: the approved
 * destinations of the same cloud, and the same code approved on another cloud, where it is another place.
 */
export function approvalsNote(settings: ResidencySettings, cloud: Cloud, code: string): string {
  const sameCloud = settings.approvedTransfers.filter((approved) => approved.cloud === cloud);
  const elsewhere = settings.approvedTransfers.filter((approved) => approved.cloud !== cloud && approved.region.toLowerCase() === code);
  const notes = [
    ...(sameCloud.length ? [`approved for ${CLOUD_NAMES[cloud]}: ${sameCloud.map(describeApproval).join('; ')}`] : []),
    ...elsewhere.map((approved) => `${code} is approved on ${CLOUD_NAMES[approved.cloud]} (${describeApproval(approved)}), which is another place than ${code} on ${CLOUD_NAMES[cloud]}`),
  ];
  return notes.length ? ` (${notes.join('; ')})` : '';
}

function describeApproval(approved: ApprovedTransfer): string {
  const region = describeRegion(approved.cloud, normaliseRegion(approved.cloud, approved.region));
  return `${region} on the basis of ${approved.basis}${approved.reference ? `, ${approved.reference}` : ''}`;
}

/** Where a finding about a value goes: where the value is written, when that is a scanned file; else where it is used. */
export function reportedAt(value: Value, site: Location, workspace: Workspace): Location {
  return value.origin && workspace.byPath.has(value.origin.path) ? value.origin : site;
}

/**
 * A region use as one occurrence of a finding: at `at`, naming its provider or resource, related
 * to the places the region passed through and to the module calls that create its subject.
 */
export function useOccurrence<U extends RegionUse>(use: U, at: Location): Occurrence & { use: U } {
  const about = aboutInstance(use.subject);
  return { ...about, at, reportedFrom: use.site.path, related: [...useRelated(use), ...about.related], use };
}

/** The places a region value passed through on its way to `use`, and the resources that chose its provider by alias. */
function useRelated(use: RegionUse): RelatedLocation[] {
  const used: RelatedLocation = { ...use.site, message: `the ${use.argument} of ${instanceLabel(use.subject)}` };
  const passed = use.region.via.filter((location) => locationKey(location) !== locationKey(use.site)).map((location): RelatedLocation => ({ ...location, message: 'the region is passed on here' }));
  const aliased = use.resources.flatMap((resource): RelatedLocation[] => {
    const selected = isResource(use.subject) ? undefined : attribute(resource.block.body, 'provider');
    return selected ? [{ path: resource.path, range: selected.value.range, message: `${resource.address} is placed through ${use.subject.key} here` }] : [];
  });
  return [...passed, used, ...aliased];
}

/** `var.region has no default …` for each distinct reason, so a finding names what is unknown. */
export function reasons(values: readonly UnknownValue[]): string {
  return [...new Set(values.map((value) => value.reason))].join('; ');
}
