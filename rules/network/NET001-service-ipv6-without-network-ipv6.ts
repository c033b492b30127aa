import { at, items, scalar } from '../../src/languages/kubernetes/syntax.js';
import { defineRule } from '../../src/rule.js';
import { withoutIpv6 } from './network-verdict.js';

export default defineRule({
  id: 'NET001',
  slug: 'service-ipv6-without-network-ipv6',
  level: 'error',
  title: 'Service requires IPv6 or dual stack on a network without IPv6',
  rationale:
    'A Service with `ipFamilyPolicy: RequireDualStack`, or with `IPv6` in `ipFamilies`, needs a cluster whose Service and pod networks have IPv6. On a cluster without it the API server rejects the Service, so the deployment fails when it is applied — the Service and everything that depends on it stay down, an unplanned outage of the kind the MAS Technology Risk Management Guidelines ask teams to prevent with tested changes. `PreferDualStack` falls back to a single stack, so it is only a note: the manifest promises an IPv6 address the cluster will not give. Whether the network has IPv6 is read from Terraform in the same scan — the cluster\'s IP family (EKS `kubernetes_network_config.ip_family`, GKE `ip_allocation_policy.stack_type`, AKS `network_profile.ip_versions`), else the VPCs (an IPv6 CIDR block or not) — else from `network.ipv6` in .merlint.yaml; when none of them decides, merlint does not guess and stays quiet.',
  remediation:
    'If the service does not need IPv6, remove `ipFamilyPolicy` and `ipFamilies` (or set `ipFamilyPolicy: SingleStack` with `ipFamilies: [IPv4]`). If it does, give the cluster IPv6 first: an IPv6 CIDR block on the VPC and its subnets and an IPv6 or dual-stack cluster (EKS `ip_family = "ipv6"`, GKE `stack_type = "IPV4_IPV6"`, AKS `ip_versions = ["IPv4", "IPv6"]`). If Terraform elsewhere already does, set `network.ipv6: true` in .merlint.yaml.',
  kinds: ['kubernetes'],
  tags: ['ipv6', 'network', 'availability', 'kubernetes'],
  check({ document, workspace, settings, report }) {
    const services = document.objects.filter((object) => object.kind === 'Service');
    if (services.length === 0) return;
    const network = withoutIpv6(workspace, settings);
    if (!network) return;
    const { why, related } = network;
    for (const service of services) {
      const name = `Service ${service.name ?? '(unnamed)'}`;
      const policy = scalar(at(service.root, 'spec', 'ipFamilyPolicy'));
      const ipv6Family = items(at(service.root, 'spec', 'ipFamilies')).map(scalar).find((family) => family?.text === 'IPv6');
      if (policy?.text === 'RequireDualStack') {
        report(policy.range, `${name} requires dual stack, but ${why}, so the API server rejects the Service; use SingleStack with IPv4, or give the cluster IPv6`, { related });
      } else if (ipv6Family) {
        report(ipv6Family.range, `${name} asks for an IPv6 address, but ${why}, so the API server rejects the Service; remove IPv6 from ipFamilies, or give the cluster IPv6`, { related });
      } else if (policy?.text === 'PreferDualStack') {
        report(policy.range, `${name} prefers dual stack, but ${why}, so it gets IPv4 only; use SingleStack to say what the cluster gives, or give the cluster IPv6`, { related, level: 'note' });
      }
    }
  },
});
