import { configMapData } from '../../src/languages/kubernetes/model.js';
import { scalar, type KubernetesDocument, type ScalarNode } from '../../src/languages/kubernetes/syntax.js';
import { partRange } from '../../src/languages/kubernetes/text.js';
import type { Workload } from '../../src/languages/kubernetes/workloads.js';
import { defineRule } from '../../src/rule.js';
import { ADDRESS_NAME, ipv6Addresses, type AddressKind } from './ipv6-addresses.js';
import { withoutIpv6 } from './network-verdict.js';

/** A value to look at, what it is for messages, and whether its name says it is an address. */
interface Candidate {
  node: ScalarNode;
  /** Where the address part starts in the value (after `--listen=`). */
  offset: number;
  where: string;
  isAddress: boolean;
}

export default defineRule({
  id: 'NET002',
  slug: 'ipv6-address-without-network-ipv6',
  level: 'warning',
  title: 'Address that needs IPv6 (or may pick it) on a network without IPv6',
  rationale:
    'On a cluster whose network has no IPv6, an address that only works with IPv6 fails at run time: a server told to listen on `[::]:8080` or `[::1]:8080` cannot bind where IPv6 is off in the pod ("address family not supported" / "cannot assign requested address"), and a client told to dial an IPv6 literal has no route to it. `localhost` is ambiguous: /etc/hosts in a pod lists it for both 127.0.0.1 and ::1, and many resolvers try ::1 first, so a client may fail where the server listens on 127.0.0.1 only — that is a note. The failure shows only after deployment, as a crash loop or as timeouts between services: the unplanned outage the MAS Technology Risk Management Guidelines ask teams to design out. Values are read from container command and args (address-like flags such as `--listen=`), env values whose names hold addresses (`*_ADDR`, `*_HOST`, `*_URL`, `LISTEN*` …) and ConfigMap data; bracketed IPv6 addresses count anywhere. Whether the network has IPv6 comes from Terraform in the scan or `network.ipv6` in .merlint.yaml; when it is unknown, merlint stays quiet.',
  remediation:
    'Listen on `0.0.0.0:8080` (or `:8080`, which Go and most servers read as every address of the pod) instead of `[::]:8080`; use `127.0.0.1` instead of `::1` or `localhost` for a sidecar in the same pod; use a Service DNS name instead of an IPv6 literal. If the cluster does have IPv6, give the network its IPv6 CIDR in Terraform, or set `network.ipv6: true` in .merlint.yaml.',
  kinds: ['kubernetes'],
  tags: ['ipv6', 'network', 'availability', 'kubernetes'],
  check({ document, workspace, settings, report }) {
    const network = withoutIpv6(workspace, settings);
    if (!network) return;
    const { why, related } = network;
    const candidates = [...workspace.kubernetes.workloadsIn(document).flatMap(containerValues), ...configMapValues(document)];
    for (const candidate of candidates) {
      for (const match of ipv6Addresses(candidate.node.text.slice(candidate.offset), candidate.isAddress)) {
        const range = partRange(document, candidate.node, candidate.offset + match.index, match.length);
        const { problem, consequence, advice } = WORDING[match.kind];
        report(range, `${match.written} in ${candidate.where} ${problem}, but ${why}, so ${consequence}; ${advice}`, { related, ...(match.kind === 'localhost' ? { level: 'note' } : {}) });
      }
    }
  },
});

function containerValues(workload: Workload): Candidate[] {
  return workload.containers.flatMap((container) => {
    const of = `container ${container.name ?? '(unnamed)'} of ${workload.label}`;
    const env = container.env.flatMap((variable): Candidate[] =>
      variable.value ? [{ node: variable.value, offset: 0, where: `env ${variable.name} of ${of}`, isAddress: ADDRESS_NAME.test(variable.name) }] : [],
    );
    const argv = [...container.command, ...container.args];
    const words = argv.map((node, index): Candidate => {
      const flag = /^--?([\w.-]+)=/.exec(node.text);
      const previous = argv[index - 1]?.text;
      const afterFlag = previous !== undefined && /^--?[\w.-]+$/.test(previous) && ADDRESS_NAME.test(previous);
      return { node, offset: flag ? flag[0].length : 0, where: `the arguments of ${of}`, isAddress: flag ? ADDRESS_NAME.test(flag[1]!) : afterFlag };
    });
    return [...env, ...words];
  });
}

function configMapValues(document: KubernetesDocument): Candidate[] {
  return document.objects
    .filter((object) => object.kind === 'ConfigMap')
    .flatMap((object) =>
      configMapData(object).flatMap(({ key, value }): Candidate[] => {
        const node = scalar(value);
        return node ? [{ node, offset: 0, where: `${key} of ConfigMap ${object.name ?? '(unnamed)'}`, isAddress: ADDRESS_NAME.test(key) }] : [];
      }),
    );
}

/** What each kind of address is, what goes wrong without IPv6, and what to write instead. */
const WORDING: Readonly<Record<AddressKind, { problem: string; consequence: string; advice: string }>> = {
  loopback: { problem: 'is the IPv6 loopback address', consequence: 'connections fail where IPv6 is off in the pod', advice: 'use 127.0.0.1' },
  any: { problem: 'listens on every IPv6 address', consequence: 'the server cannot bind where IPv6 is off in the pod', advice: 'listen on 0.0.0.0 (or an empty host such as :8080)' },
  literal: { problem: 'is an IPv6 address', consequence: 'nothing in the cluster can reach it', advice: 'use an IPv4 address or a DNS name' },
  localhost: {
    problem: "may resolve to the IPv6 loopback ::1 first (a pod's /etc/hosts lists both ::1 and 127.0.0.1)",
    consequence: 'connections fail where IPv6 is off in the pod',
    advice: 'use 127.0.0.1',
  },
};
