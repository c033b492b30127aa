import type { ResourceInstance } from '../types.js';
import { text } from './policy.js';

/** The region a resource is created in: its own `region` argument, else its provider's. */
function regionOf(resource: ResourceInstance): string | undefined {
  return text(resource.attribute('region') ?? resource.provider.region);
}

/** Whether two resources may be in the same region: false only when both regions are known and differ. */
export function sameRegion(a: ResourceInstance, b: ResourceInstance): boolean {
  const [first, second] = [regionOf(a), regionOf(b)];
  return first === undefined || second === undefined || first === second;
}
