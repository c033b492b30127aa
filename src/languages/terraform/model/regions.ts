import { comparePositions } from '../../../positions.js';
import type { Location } from '../../../types.js';
import { attribute, type Block } from '../hcl/syntax.js';
import { isGlobal, normaliseRegion, type Cloud } from '../../../facts/clouds.js';
import { cloudOfProvider, defaultLocation, isGlobalType } from './provider-clouds.js';
import { placeReader, written, type WrittenPlace } from './places.js';
import type { ProviderInstance, ResourceInstance } from './types.js';
import { knownString, type StringValue, type UnknownValue, type Value } from './value.js';

/**
 * A place where the configuration decides which cloud region something lives in: the `region`
 * of a provider configuration (AWS, GCP, Alibaba, Oracle), or a resource's own region argument
 * (AWS `region`, Azure `location`, GCP `region` / `location` / `zone`).
 */
export interface RegionUse {
  readonly cloud: Cloud;
  readonly subject: ProviderInstance | ResourceInstance;
  /** The argument that decides the region: `region`, `location`, `zone`. */
  readonly argument: string;
  /**
   * The region code as the cloud means it (`southeastasia` for "Southeast Asia", a GCP zone's
   * region), keeping the origin and via of the value written; or why it cannot be known.
   */
  readonly region: StringValue | UnknownValue;
  /**
   * Where the region is used: the argument in the provider block or resource; the `provider`
   * block itself when it sets no region; for a provider without a block, the first region argument
   * of its resources that is null, else the first resource it places.
   */
  readonly site: Location;
  /** The managed resources that live in this region: for a provider, those without a region argument of their own, global services left out. */
  readonly resources: readonly ResourceInstance[];
}

export interface TerraformRegions {
  /** Every place a region is decided, providers first, in the order of the model. */
  readonly uses: readonly RegionUse[];
  /** The region a managed resource lives in: its own region argument, else its provider's; undefined when neither decides one. */
  of(resource: ResourceInstance): RegionUse | undefined;
}

/** The arguments with which a resource of each cloud names its own region, in order of preference (GCP `location_id`: Firestore, App Engine). */
const RESOURCE_REGION_ARGUMENTS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['region'],
  azure: ['location'],
  gcp: ['region', 'location', 'zone', 'location_id'],
  alibaba: [],
  oracle: [],
};

export function terraformRegions(resources: readonly ResourceInstance[], declaredProviders: readonly ProviderInstance[]): TerraformRegions {
  const managed = resources.filter((resource) => resource.mode === 'managed');
  const own = new Map(managed.map((resource) => [resource, placement(resource)] as const));
  // The resources without a region argument of their own live where their provider works, unless they say `global`.
  const placedBy = new Map<ProviderInstance, ResourceInstance[]>();
  for (const resource of managed.filter((candidate) => own.get(candidate)!.uses.length === 0 && !own.get(candidate)!.global)) {
    const placed = placedBy.get(resource.provider) ?? [];
    placed.push(resource);
    placedBy.set(resource.provider, placed);
  }
  const providerUses = [...new Set([...declaredProviders, ...placedBy.keys()])].flatMap((provider) => {
    const placed = placedBy.get(provider) ?? [];
    const regional = placed.filter((resource) => !isGlobalType(resource.type));
    // A provider that only manages global services places nothing; one that manages nothing here may serve remote modules.
    if (regional.length === 0 && (placed.length > 0 || !provider.config)) return [];
    return providerUse(provider, regional) ?? [];
  });
  const uses = [...providerUses, ...[...own.values()].flatMap((placed) => placed.uses)];
  const byProvider = new Map(providerUses.map((use) => [use.subject, use] as const));
  return {
    uses,
    of: (resource) => own.get(resource)?.uses[0] ?? byProvider.get(resource.provider),
  };
}

function providerUse(provider: ProviderInstance, resources: readonly ResourceInstance[]): RegionUse | undefined {
  const cloud = cloudOfProvider(provider.name);
  const region = provider.region;
  if (!cloud || !region) return undefined;
  const written = provider.config && ['region', 'zone'].map((name) => attribute(provider.config!.block.body, name)).find((found) => found !== undefined);
  const site = written ? { path: provider.config!.path, range: written.value.range } : provider.config ? labelsOf(provider.config.path, provider.config.block) : placementSite(cloud, resources);
  const normalised = regionValue(cloud, region);
  return normalised && { cloud, subject: provider, argument: written?.name ?? 'region', region: normalised, site, resources };
}

/**
 * Where a provider without a block decides a region: the first region argument of its resources
 * that is null (`location = local.location` resolved to null, so the provider's region applies),
 * else the first resource's type and labels.
 */
function placementSite(cloud: Cloud, resources: readonly ResourceInstance[]): Location {
  for (const resource of resources) {
    const nullRegion = RESOURCE_REGION_ARGUMENTS[cloud].map((name) => attribute(resource.block.body, name)).find((found) => found && resource.attribute(found.name)?.kind === 'null');
    if (nullRegion) return { path: resource.path, range: nullRegion.value.range };
  }
  return labelsOf(resources[0]!.path, resources[0]!.block);
}

/**
 * The regions a resource names for itself, and whether its region argument says `global` (a PAM
 * entitlement, an SCC mute config) or, unwritten, means it (a Certificate Manager certificate): then
 * it lives in no region, its provider's neither.
 */
function placement(resource: ResourceInstance): { uses: RegionUse[]; global: boolean } {
  const cloud = cloudOfProvider(resource.provider.name);
  if (!cloud) return { uses: [], global: false };
  const places = writtenPlaces(cloud, resource);
  const uses = places.flatMap(({ argument, value, site }) => {
    const region = regionValue(cloud, value);
    return region ? [{ cloud, subject: resource, argument, region, site, resources: [resource] }] : [];
  });
  const writtenGlobal = places.some(({ value }) => value.kind === 'string' && isGlobal(normaliseRegion(cloud, value.value)));
  const globalByDefault = places.length === 0 && isGlobal(defaultLocation(resource.type) ?? '');
  return { uses: uses.length > 0 ? uses : defaultUse(cloud, resource), global: writtenGlobal || globalByDefault };
}

/**
 * What a resource writes to place itself: its type's own reading, else its cloud's region
 * arguments; none for the location of an IAM binding or a project setting, which names what it
 * applies to, not a place of its own.
 */
function writtenPlaces(cloud: Cloud, resource: ResourceInstance): WrittenPlace[] {
  const reader = placeReader(resource.type);
  if (reader) return reader(resource);
  return isGlobalType(resource.type) ? [] : written(resource, RESOURCE_REGION_ARGUMENTS[cloud]);
}

/** Where a resource that sets no location lives when its service, not its provider, decides: a BigQuery dataset in the US multi-region. */
function defaultUse(cloud: Cloud, resource: ResourceInstance): RegionUse[] {
  const fallback = defaultLocation(resource.type);
  if (!fallback || isGlobal(fallback)) return [];
  const site = labelsOf(resource.path, resource.block);
  return [{ cloud, subject: resource, argument: 'location', region: knownString(normaliseRegion(cloud, fallback), site), site, resources: [resource] }];
}

/** A region as the cloud means it; undefined for null (the provider's region applies), `global` and values that are not strings. */
export function regionValue(cloud: Cloud, value: Value): StringValue | UnknownValue | undefined {
  if (value.kind === 'unknown') return value;
  if (value.kind !== 'string') return undefined;
  const code = normaliseRegion(cloud, value.value);
  return isGlobal(code) ? undefined : { ...value, value: code };
}

/** The block's type and labels; in a plan they are values written in any order, so the span runs from the first to the last. */
function labelsOf(path: string, block: Block): Location {
  const ranges = [block.typeRange, ...block.labels.map((label) => label.range)];
  const start = ranges.map((range) => range.start).sort(comparePositions)[0]!;
  const end = ranges.map((range) => range.end).sort(comparePositions).at(-1)!;
  return { path, range: { start, end } };
}
