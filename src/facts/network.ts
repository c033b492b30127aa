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
}

export interface Ipv6Verdict {
  readonly state: Ipv6State;
  /** The decisions the verdict rests on: related locations for a finding. */
  readonly decidedBy: readonly NetworkDecision[];
}

export interface NetworkFacts {
  readonly networks: readonly NetworkDecision[];
  /**
   * Whether the network has IPv6: on when every network in the scan has it, off when none has
   * it, unknown when they disagree, when one cannot be told, or when the scan declares none.
   */
  ipv6(): Ipv6Verdict;
}

export function networkFacts(networks: readonly NetworkDecision[]): NetworkFacts {
  const verdict = ipv6Verdict(networks);
  return { networks, ipv6: () => verdict };
}

function ipv6Verdict(networks: readonly NetworkDecision[]): Ipv6Verdict {
  const states = new Set(networks.map((network) => network.ipv6));
  const state = states.size === 1 ? [...states][0]! : 'unknown';
  return { state, decidedBy: networks };
}
