import type { RelatedLocation } from '../../src/types.js';
import { defineRule } from '../../src/rule.js';
import { fromShell, sysctlChanges, touchesNetwork, type SysctlChange } from '../../src/sysctl.js';
import { containerCommands } from './container-commands.js';
import { networkPrivileges } from './privileges.js';
import { scriptsNamed } from './script-references.js';

export default defineRule({
  id: 'NET005',
  slug: 'privileged-for-network-sysctl',
  level: 'warning',
  title: 'Privileged container or added capability used to change network sysctls',
  rationale:
    'A container that changes kernel network parameters when it starts (`sysctl -w net.…`, writes to /proc/sys/net, `sysctl -p`) only succeeds when it runs privileged, because /proc/sys is read-only otherwise; teams therefore add `privileged: true`, `allowPrivilegeEscalation: true` or the NET_ADMIN / SYS_ADMIN capabilities. A privileged container can reach every device of the node and escape to it; NET_ADMIN lets it rewrite routes and firewall rules of the pod; SYS_ADMIN is close to root on the node. That breaks the least-privilege access control the MAS Technology Risk Management Guidelines (section 9, access control) expect, and Pod Security Standards forbid it: privileged containers and added capabilities outside a short default list (which has neither NET_ADMIN nor SYS_ADMIN) at the Baseline level, allowPrivilegeEscalation at the Restricted level. Kubernetes has a narrower way for namespaced network sysctls: the pod\'s `securityContext.sysctls`, which the kubelet applies before the containers start — safe sysctls need nothing more, others need the node\'s `--allowed-unsafe-sysctls`. Commands are read from the container\'s command and args, its `sh -c` script (through the shell parser) and the shell scripts of the scan that the command names by file name. The finding points at the privilege; each sysctl command is a related location.',
  remediation:
    'Move the parameter to the pod: `spec.securityContext.sysctls: [{name: net.core.somaxconn, value: "1024"}]` (for unsafe ones, allow them on the node pool with the kubelet flag `--allowed-unsafe-sysctls`), remove the sysctl command from the container, and drop `privileged`, `allowPrivilegeEscalation` and the added capabilities. Parameters that are not namespaced (`vm.*`, most `kernel.*`) belong in the node configuration (a DaemonSet run by the platform team, or the node pool settings), not in an application pod.',
  kinds: ['kubernetes'],
  tags: ['network', 'security', 'containers'],
  reads: ['container-scripts'],
  check({ document, workspace, report }) {
    for (const workload of workspace.kubernetes.workloadsIn(document)) {
      for (const container of workload.containers) {
        const privileges = networkPrivileges(container);
        if (privileges.length === 0) continue;
        const commands = containerCommands(workspace.kubernetes, container);
        const scripts = scriptsNamed(workspace, commands.flatMap((command) => command.words));
        const changes = [
          ...sysctlChanges(commands).map((change) => ({ change, path: document.file.path })),
          ...scripts.flatMap((script) => sysctlChanges(fromShell(script.script)).map((change) => ({ change, path: script.file.path }))),
        ].filter(({ change }) => touchesNetwork(change));
        if (changes.length === 0) continue;
        const changing = [...new Set(changes.map(({ change }) => parameter(change)))].join(', ');
        for (const privilege of privileges) {
          report(
            privilege.at.range,
            `container ${container.name ?? '(unnamed)'} of ${workload.label} has ${privilege.what} to change ${changing} when it starts, which gives it far more than that sysctl (a privileged container can take over the node); set the parameter in the pod's securityContext.sysctls and drop ${privilege.what.replace(/^the /, '')}`,
            { related: changes.map(({ change, path }): RelatedLocation => ({ path, range: change.at.range, message: `${parameter(change)} is changed here` })) },
          );
        }
      }
    }
  },
});

function parameter(change: SysctlChange): string {
  return change.key === "*" ? `the parameters sysctl ${change.at.value} loads` : change.key;
}
