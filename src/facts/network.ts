import { comparePositions } from '../positions.js';
import { compareText } from '../sort.js';
import type { Location } from '../types.js';

/*
 * The network workloads run on, as far as the files in the scan decide it: each network a
 * language declares (a Terraform VPC, a cluster's IP family) and whether it has IPv6. Rules of
 * any language ask `ipv6()`; none of them needs to know which language decided.
 */

export type Ipv6State = 'on' | 'off' | 'unknown';

/** One network and whether it has IPv6, where that is decided. */
export interface NetworkDecision {
  /** What the network is, for messages: `aws_vpc.main`, `module.vpc.aws_vpc.this[0]`. */
  readonly name: string;
  readonly ipv6: Ipv6State;
  /** The place that decides it: the argument that gives or leaves out the IPv6 CIDR block, else the network's name. */
  readonly at: Location;
  /** Why the state is unknown, for messages. */
  readonly reason?: string;
  /**
   * `cluster`: a Kubernetes cluster's IP family (EKS `ip_family`, GKE `stack_type`, AKS
   * `ip_versions`), which decides what its Services may ask for; `network` (the default): a VPC,
   * which decides only where no cluster does.
   */
  readonly level?: 'cluster' | 'network';
}

export interface Ipv6Verdict {
  readonly state: Ipv6State;
  /** The decisions the verdict rests on: related locations for a finding. */
  readonly decidedBy: readonly NetworkDecision[];
  /** The verdict comes from `network.ipv6` in .merlint.yaml, as no file of the scan decides it. */
  readonly configured: boolean;
}

export interface NetworkFacts {
  readonly networks: readonly NetworkDecision[];
  /**
   * Whether the network has IPv6. Clusters decide where the scan declares any, else networks: on
   * when every one has it, off when none has it, unknown when they disagree or one cannot be told.
   * When the scan declares neither, `configured` (`network.ipv6` of the config) decides; else unknown.
   */
  ipv6(configured?: boolean): Ipv6Verdict;
}

export function networkFacts(found: readonly NetworkDecision[]): NetworkFacts {
  // In place order, so the decisions read the same however the scan was cut into batches.
  const networks = [...found].sort(compareDecisions);
  const clusters = networks.filter((network) => network.level === 'cluster');
  const deciding = clusters.length > 0 ? clusters : networks;
  const verdict = deciding.length > 0 ? ipv6Verdict(deciding) : undefined;
  return {
    networks,
    ipv6: (configured) => verdict ?? { state: configured === undefined ? 'unknown' : configured ? 'on' : 'off', decidedBy: [], configured: configured !== undefined },
  };
}

function compareDecisions(a: NetworkDecision, b: NetworkDecision): number {
  return compareText(a.at.path, b.at.path) || comparePositions(a.at.range.start, b.at.range.start) || comparePositions(a.at.range.end, b.at.range.end) || compareText(a.name, b.name);
}

function ipv6Verdict(networks: readonly NetworkDecision[]): Ipv6Verdict {
  const states = new Set(networks.map((network) => network.ipv6));
  const state = states.size === 1 ? [...states][0]! : 'unknown';
  return { state, decidedBy: networks, configured: false };
}
