import type { GoSetting } from './go-settings.js';
import type { LogCall } from './log-calls.js';
import { networkFacts, type NetworkDecision, type NetworkFacts } from './network.js';

/*
 * Facts that cross languages: each language's model stage contributes what it knows, and rules of
 * every language read the merged facts through `workspace.facts`. No language reads another's model.
 */

export interface Facts {
  readonly network: NetworkFacts;
  /** Go toolchain settings assigned anywhere in the scan, in the order of the documents that assign them. */
  readonly goSettings: readonly GoSetting[];
  /** Log calls with their arguments, from Go and TypeScript/JavaScript sources, in document order. */
  readonly logCalls: readonly LogCall[];
}

/** What one language contributes; every field may be left out. Each is computed when a rule first asks. */
export interface FactContribution {
  networks?: () => readonly NetworkDecision[];
  goSettings?: () => readonly GoSetting[];
  logCalls?: () => readonly LogCall[];
}

/**
 * The facts a rule of one file may read from files of any other (the network), computed: what a
 * batch of a scan passes on to the batches checked after it (src/batches.ts).
 */
export interface CarriedFacts {
  readonly networks: readonly NetworkDecision[];
}

export function carriedFacts(facts: Facts): CarriedFacts {
  return { networks: facts.network.networks };
}

export function mergeFacts(contributions: readonly FactContribution[]): Facts {
  let network: NetworkFacts | undefined;
  let goSettings: readonly GoSetting[] | undefined;
  let logCalls: readonly LogCall[] | undefined;
  return {
    get network() {
      return (network ??= networkFacts(contributions.flatMap((contribution) => contribution.networks?.() ?? [])));
    },
    get goSettings() {
      return (goSettings ??= contributions.flatMap((contribution) => contribution.goSettings?.() ?? []));
    },
    get logCalls() {
      return (logCalls ??= contributions.flatMap((contribution) => contribution.logCalls?.() ?? []));
    },
  };
}
