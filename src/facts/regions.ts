import type { Cloud } from './clouds.js';
import { appendTo } from '../append.js';
import { locationKey } from '../positions.js';
import type { Location } from '../types.js';

/** A known region code of a cloud, written at a place: a provider's or resource's region, a workload's region label or env. */
export interface RegionInUse {
  readonly cloud: Cloud;
  /** The code as the cloud means it (`southeastasia`, a GCP zone's region). */
  readonly region: string;
  readonly at: Location;
}

export interface RegionFacts {
  readonly uses: readonly RegionInUse[];
  /** The known regions of one cloud in use, each with the places its code is written (each once), in the order found. */
  inUse(cloud: Cloud): ReadonlyMap<string, readonly Location[]>;
}

export function regionFacts(uses: readonly RegionInUse[]): RegionFacts {
  return {
    uses,
    inUse(cloud) {
      const found = new Map<string, Location[]>();
      const seen = new Set<string>();
      for (const use of uses.filter((candidate) => candidate.cloud === cloud)) {
        const place = `${use.region}\0${locationKey(use.at)}`;
        if (seen.has(place)) continue;
        seen.add(place);
        appendTo(found, use.region, use.at);
      }
      return found;
    },
  };
}
