import type { Settings } from '../../src/config/config.js';
import type { Ipv6Verdict } from '../../src/facts/network.js';
import type { Workspace } from '../../src/workspace.js';
import { namedList } from '../../src/named-list.js';
import { locationKey } from '../../src/positions.js';
import type { RelatedLocation } from '../../src/types.js';

/** When the network certainly has no IPv6: why, for messages, and the places that decide it; undefined when it has IPv6 or that is unknown. */
export function withoutIpv6(workspace: Workspace, settings: Settings): { why: string; related: RelatedLocation[] } | undefined {
  const verdict = workspace.facts.network.ipv6(settings.network.ipv6);
  return verdict.state === 'off' ? { why: noIpv6(verdict), related: decidedAt(verdict) } : undefined;
}

/** Why the network has no IPv6, for messages: the networks that decide it, or the config. */
function noIpv6(verdict: Ipv6Verdict): string {
  if (verdict.configured) return 'the network has no IPv6 (network.ipv6 is false in .merlint.yaml)';
  return `the cluster network has no IPv6 (${namedList(verdict.decidedBy.map((decision) => decision.name))})`;
}

/** The places that decide the network has no IPv6, as related locations. */
function decidedAt(verdict: Ipv6Verdict): RelatedLocation[] {
  // Instances of one module decide at one place: it is related once.
  const unique = new Map(verdict.decidedBy.map((decision) => [locationKey(decision.at), decision]));
  return [...unique.values()].map((decision) => ({
    ...decision.at,
    message: decision.level === 'cluster' ? `${decision.name} is an IPv4-only cluster: its IP family is decided here` : `${decision.name} gets no IPv6 CIDR block here`,
  }));
}
