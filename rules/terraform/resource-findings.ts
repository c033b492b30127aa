import type { ResourceInstance } from '../../src/languages/terraform/model/types.js';
import type { Value } from '../../src/languages/terraform/model/value.js';
import type { RuleContext } from '../../src/rule.js';
import type { Location, RelatedLocation } from '../../src/types.js';

/** A finding about one resource instance; `{resource}` in the message stands for the instance's address. */
export interface ResourceFinding {
  resource: ResourceInstance;
  at: Location;
  message: string;
  related?: readonly RelatedLocation[];
}

/** Addresses named in a merged message before it says how many more there are. */
const NAMED = 3;

/**
 * Reports findings about resource instances once per place and message: a resource block in a
 * module called twice, or with for_each, is one finding that names the instances it is about and
 * relates each module call that creates one.
 */
export function reportOnce(report: RuleContext['report'], findings: Iterable<ResourceFinding>): void {
  const merged = new Map<string, { at: Location; message: string; addresses: string[]; related: RelatedLocation[] }>();
  for (const finding of findings) {
    const key = `${locationKey(finding.at)}\0${finding.message}`;
    const entry = merged.get(key) ?? { at: finding.at, message: finding.message, addresses: [], related: [] };
    if (!entry.addresses.includes(finding.resource.address)) entry.addresses.push(finding.resource.address);
    for (const related of [...(finding.related ?? []), ...moduleCalls(finding.resource)]) {
      if (!entry.related.some((known) => locationKey(known) === locationKey(related))) entry.related.push(related);
    }
    merged.set(key, entry);
  }
  for (const { at, message, addresses, related } of merged.values()) {
    report(at, message.replaceAll('{resource}', addressList(addresses)), related.length > 0 ? { related } : {});
  }
}

function addressList(addresses: readonly string[]): string {
  const named = addresses.slice(0, NAMED).join(', ');
  return addresses.length > NAMED ? `${named} and ${addresses.length - NAMED} more` : named;
}

/**
 * Where a finding about a value goes: where the value is written (a variable default, a tfvars
 * line), related to each reference it passed through on the way to the resource.
 */
export function valueSite(value: Value & { origin: Location }): Pick<ResourceFinding, 'at' | 'related'> {
  return { at: value.origin, related: value.via.map((location) => ({ ...location, message: 'the value is passed on here' })) };
}

/** The `module` blocks, outermost first, that create the module instance a resource is in. */
function moduleCalls(resource: ResourceInstance): RelatedLocation[] {
  const calls: RelatedLocation[] = [];
  for (let module = resource.module; module.call; module = module.parent!) {
    const { block, document } = module.call;
    calls.unshift({ path: document.file.path, range: block.labels[0]?.range ?? block.typeRange, message: `this module call creates ${resource.type}.${resource.name}` });
  }
  return calls;
}

function locationKey(location: Location): string {
  const { start, end } = location.range;
  return `${location.path}:${start.line}:${start.column}:${end.line}:${end.column}`;
}
