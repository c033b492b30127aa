import type { Location, Range } from '../../../types.js';
import { multiRegion } from '../../../facts/clouds.js';
import { attribute, type TemplatePart } from '../hcl/syntax.js';
import type { EvaluatedBlock, ResourceInstance } from './types.js';
import { knownString, unknown, type Value } from './value.js';

/*
 * Where a resource says which place it lives in, written as its type does it: plain region
 * arguments for most, and for some services a name that holds the region (a Spanner instance
 * configuration, a DLP parent), the first of several nested blocks (a Bigtable instance's
 * clusters) or a list (a Pub/Sub topic's allowed persistence regions).
 */

/** A value that places a resource, as written in `argument` at `site`, before its cloud reads it as a region code. */
export interface WrittenPlace {
  readonly argument: string;
  readonly value: Value;
  readonly site: Location;
}

type PlaceReader = (resource: ResourceInstance) => WrittenPlace[];

const PLACE_READERS: Readonly<Record<string, PlaceReader>> = {
  google_spanner_instance: (resource) => written(resource, ['config']).map((place) => ({ ...place, value: spannerConfigRegion(place.value) })),
  google_spanner_instance_config: (resource) => written(resource, ['base_config']).map((place) => ({ ...place, value: spannerConfigRegion(place.value) })),
  // The first cluster is where the instance is; the others are its replicas (see transfers.ts).
  google_bigtable_instance: (resource) => resource.blocks('cluster').slice(0, 1).flatMap((cluster) => written(cluster, ['zone'])),
  google_apigee_organization: (resource) => written(resource, ['analytics_region', 'api_consumer_data_location']),
  google_pubsub_topic: (resource) => resource.blocks('message_storage_policy').flatMap((policy) => written(policy, ['allowed_persistence_regions']).flatMap(eachItem)),
};

/** How resources of `type` name their place, when it is not in the region arguments of their cloud. */
export function placeReader(type: string): PlaceReader | undefined {
  if (Object.hasOwn(PLACE_READERS, type)) return PLACE_READERS[type];
  return type.startsWith('google_data_loss_prevention_') ? locationInParent : undefined;
}

/** The arguments among `names` that `view` writes, with their values. */
export function written(view: EvaluatedBlock, names: readonly string[]): WrittenPlace[] {
  return names.flatMap((argument) => {
    const found = attribute(view.block.body, argument);
    return found ? [{ argument, value: view.attribute(argument)!, site: { path: view.path, range: found.value.range } }] : [];
  });
}

function eachItem(place: WrittenPlace): WrittenPlace[] {
  return place.value.kind === 'list' ? place.value.items.map((value) => ({ ...place, value })) : [place];
}

/**
 * The region of a Spanner instance configuration: `regional-asia-southeast1` is asia-southeast1;
 * `nam3`, `asia1` … are multi-regions; a custom configuration declared here is read by its base.
 */
function spannerConfigRegion(value: Value): Value {
  const custom = value.resource?.type === 'google_spanner_instance_config' ? value.resource.attribute('base_config') : undefined;
  const config = custom ?? value;
  if (config.kind !== 'string') return config;
  const name = config.value.replace(/^projects\/[^/]+\/instanceConfigs\//, '');
  const region = /^regional-(.+)$/.exec(name)?.[1] ?? (multiRegion('gcp', name) ? name : undefined);
  return region ? { ...config, value: region } : unknown(`merlint does not know which regions the Spanner instance configuration ${name} spans`, config.origin);
}

/**
 * The location a DLP resource's `parent` names (`projects/p/locations/asia-southeast1`), read from
 * its template where the project is known only after apply; `global` when it names none.
 */
function locationInParent(resource: ResourceInstance): WrittenPlace[] {
  return written(resource, ['parent']).map((place) => {
    const { value } = place;
    if (value.kind === 'string') return { ...place, value: { ...value, value: /\/locations\/([^/]+)/.exec(value.value)?.[1] ?? 'global' } };
    const expression = attribute(resource.block.body, 'parent')!.value;
    return expression.type === 'template' ? { ...place, value: locationInTemplate(resource, expression.parts, place.site.path) ?? value } : place;
  });
}

/** `…/locations/asia-southeast1` or `…/locations/${var.region}` in a template's parts. */
function locationInTemplate(resource: ResourceInstance, parts: readonly TemplatePart[], path: string): Value | undefined {
  for (const [index, part] of parts.entries()) {
    if (part.type !== 'text') continue;
    const match = /(?:^|\/)locations\/([^/]*)/.exec(part.value);
    if (!match) continue;
    if (match[1]) return knownString(match[1], { path, range: withinText(part, match.index + match[0].length - match[1].length, match[1].length) });
    const next = parts[index + 1];
    return next?.type === 'interpolation' ? resource.evaluate(next.expression) : undefined;
  }
  return undefined;
}

/** The range of `length` characters at `offset` in a text part written on one line without escapes; else the whole part. */
function withinText(part: { value: string; range: Range }, offset: number, length: number): Range {
  const { start, end } = part.range;
  if (start.line !== end.line || end.column - start.column !== part.value.length) return part.range;
  return { start: { line: start.line, column: start.column + offset }, end: { line: start.line, column: start.column + offset + length } };
}
