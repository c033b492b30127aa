import { containerScriptCommands, copiedTextPath, type CopyInstruction, type DockerfileDocument, type Instruction } from '../../src/languages/dockerfile/model.js';
import type { KubernetesDocument } from '../../src/languages/kubernetes/syntax.js';
import { defineRule, type RuleContext } from '../../src/rule.js';
import type { ShellDocument } from '../../src/languages/shell/document.js';
import { configFileChanges, disablesIpv6, fromShell, isIpv6DisableKey, KERNEL_PARAMETERS, sysctlChanges, type SysctlChange } from '../../src/sysctl.js';
import type { Workspace } from '../../src/workspace.js';
import { fileName, scriptReferences } from './script-references.js';
import { containerCommands } from './container-commands.js';
import { isPrivileged } from './privileges.js';

const INSTEAD = "set it on the pod instead (securityContext.sysctls, which needs the kubelet's --allowed-unsafe-sysctls), or leave IPv6 on";

export default defineRule({
  id: 'NET003',
  slug: 'ipv6-disabled-by-sysctl',
  level: 'warning',
  title: 'IPv6 turned off through sysctl where it cannot work',
  rationale:
    'Teams turn IPv6 off to work around a dual-stack problem, usually by copying `sysctl -w net.ipv6.conf.all.disable_ipv6=1` into a Dockerfile or a start script. It does not do what they expect. Kernel parameters under `net.` belong to the network namespace of the running pod, not to the image: a Dockerfile `RUN` changes the build container, which is thrown away, and /etc/sysctl.conf is read by nothing in a container. At run time, /proc/sys is mounted read-only in an unprivileged container, so `sysctl -w` and writes to /proc/sys/net fail ("Read-only file system") and a start script that stops on errors stops the service; added capabilities do not help. Through the pod, `net.ipv6.conf.*.disable_ipv6` is an unsafe sysctl: the kubelet refuses the pod unless it was started with `--allowed-unsafe-sysctls`, Pod Security Standards (Baseline) forbid it, and it is refused with `hostNetwork`. Either way the service does not run as its owners believe, which is the unplanned outage the MAS Technology Risk Management Guidelines ask teams to avoid through tested, understood changes. Commands are read from Dockerfile RUN, CMD and ENTRYPOINT (including `sh -c` scripts), from container command and args (their `sh -c` scripts through the shell parser, so a sysctl in a function, a heredoc or after `&&` counts and one in a comment or an echoed string does not; a line written into /etc/sysctl.conf or a `*.conf` file of a sysctl.d directory (the only files there that systemd-sysctl and `sysctl --system` load) counts where its text is known: an `echo`, `printf` or a heredoc or here-string redirected to the file, or given to `tee` as its own input or through a pipe, and a file a COPY or ADD writes from a heredoc, `COPY <<EOF /etc/sysctl.d/99-ipv6.conf`), from the shell scripts a COPY or ADD writes from a heredoc (as commands of the RUN, CMD or ENTRYPOINT that runs one, and as a script a container runs where nothing in the Dockerfile runs one whose `#!` line names a shell and the image holds it: not one written in a build stage the image leaves behind, nor one outside what a `COPY --from` of such a stage copies, nor one in a Windows image, which has no POSIX shell), and from the shell scripts of the scan that a Dockerfile or a container names (a script nothing in the scan runs in a container may be a host\'s, where sysctl works, and is left alone); a privileged container can change the setting, and NET005 reports that instead.',
  remediation:
    'Remove the sysctl from the image build and the start command. If the service must not use IPv6, make it listen on an IPv4 address (`0.0.0.0:8080` rather than `[::]:8080`) — that needs no kernel change. If the pod really needs IPv6 off, set it on the pod: `securityContext: {sysctls: [{name: net.ipv6.conf.all.disable_ipv6, value: "1"}]}`, and allow it on the nodes that run the pod with the kubelet flag `--allowed-unsafe-sysctls=net.ipv6.conf.all.disable_ipv6` (EKS: in the node group\'s kubelet extra args; GKE: linuxNodeConfig.sysctls on the node pool).',
  kinds: ['dockerfile', 'kubernetes', 'shell'],
  tags: ['ipv6', 'network', 'containers'],
  reads: ['container-scripts'],
  check(context) {
    const { document } = context;
    if (document.kind === 'dockerfile') checkDockerfile(document, context.report);
    else if (document.kind === 'shell') checkScript(document, context.workspace, context.report);
    else checkManifests(document as KubernetesDocument, context as unknown as RuleContext<KubernetesDocument>);
  },
});

function checkDockerfile(document: DockerfileDocument, report: RuleContext['report']): void {
  for (const stage of document.stages) {
    // Counted: a for-of in cold code makes an iterator for each of the many instructions.
    for (let i = 0; i < stage.instructions.length; i++) {
      const instruction = stage.instructions[i]!;
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        if (instruction.texts.length > 0) checkCopy(document, instruction, report);
        continue;
      }
      const atBuild = instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT';
      for (const change of commandChanges(instruction)) {
        if (disablesIpv6(change)) report(change.at.range, `${described(change)} in ${instruction.keyword} ${atBuild ? whyNotAtBuild(change) : whyNotAtStart(change)}; ${INSTEAD}`);
      }
    }
  }
}

/** The kernel parameters the commands of a RUN, CMD or ENTRYPOINT change. */
function commandChanges(instruction: Instruction): SysctlChange[] {
  if (instruction.keyword !== 'RUN' && instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') return [];
  return instruction.script.mayHold(KERNEL_PARAMETERS) ? sysctlChanges(instruction.commands) : [];
}

/**
 * The files a COPY or ADD writes from here-documents: a sysctl file (`COPY <<EOF /etc/sysctl.d/99-ipv6.conf`), reported
 * at its destination, and a shell script no instruction runs (then its commands are that instruction's), which a container
 * runs if the image holds it.
 */
function checkCopy(document: DockerfileDocument, copy: CopyInstruction, report: RuleContext['report']): void {
  for (const copied of copy.texts) {
    const path = copiedTextPath(document, copy, copied);
    const configured = path === undefined ? [] : configFileChanges({ value: path, range: copy.destination!.range }, copied.text);
    for (const change of configured.filter(disablesIpv6)) report(change.at.range, `${described(change)} in ${copy.keyword} ${whyNotAtBuild(change)}; ${INSTEAD}`);
    const scripted = KERNEL_PARAMETERS.spelledIn(copied.text) ? sysctlChanges(containerScriptCommands(document, copy, copied)) : [];
    for (const change of scripted.filter(disablesIpv6)) {
      report(change.at.range, `${described(change)} in a script this ${copy.keyword} writes into the image, which a container runs, ${whyNotAtStart(change)}; ${INSTEAD}`);
    }
  }
}

function checkManifests(document: KubernetesDocument, { workspace, report }: RuleContext<KubernetesDocument>): void {
  for (const workload of workspace.kubernetes.workloadsIn(document)) {
    for (const sysctl of workload.sysctls) {
      if (!isIpv6DisableKey(sysctl.name.text)) continue;
      const hostNetwork = workload.hostNetwork?.value === true ? ', and with hostNetwork: true it is refused whatever the kubelet allows' : '';
      report(
        sysctl.name.range,
        `${workload.label} sets the sysctl ${sysctl.name.text}, which Kubernetes counts as unsafe: the kubelet refuses the pod unless it runs with --allowed-unsafe-sysctls=${sysctl.name.text}, and Pod Security Baseline forbids it${hostNetwork}; allow it on the nodes that run this pod, or leave IPv6 on and make the service listen on IPv4`,
      );
    }
    for (const container of workload.containers) {
      if (isPrivileged(container)) continue; // it can change the setting; NET005 reports the privilege
      for (const change of sysctlChanges(containerCommands(workspace.kubernetes, container)).filter(disablesIpv6)) {
        report(change.at.range, `${described(change)} in the command of container ${container.name ?? '(unnamed)'} of ${workload.label} ${whyNotAtStart(change)}; ${INSTEAD}`);
      }
    }
  }
}

/** A script that a container or an image of the scan runs: its sysctls run in the container, where /proc/sys is read-only. */
function checkScript(document: ShellDocument, workspace: Workspace, report: RuleContext['report']): void {
  const runBy = scriptReferences(workspace).get(fileName(document.file.path));
  if (!runBy) return; // a host's script, as far as the scan tells: sysctl works there
  for (const change of sysctlChanges(fromShell(document.script)).filter(disablesIpv6)) {
    report(change.at.range, `${described(change)} in this script, which a container runs, ${whyNotAtStart(change)}; ${INSTEAD}`, { related: [...runBy] });
  }
}

/** `sysctl net.ipv6.conf.all.disable_ipv6=1`, `writing 1 to /proc/sys/net/ipv6/conf/all/disable_ipv6`, `… with sysctl -p`. */
function described(change: SysctlChange): string {
  switch (change.how) {
    case 'sysctl':
      return `turning IPv6 off with sysctl ${change.key}=${change.value}`;
    case 'proc':
      return `turning IPv6 off by writing ${change.at.value}`;
    case 'config':
      return `writing ${change.key} = ${change.value} to ${change.at.value}`;
    case 'reload':
      return `turning IPv6 off by loading ${change.key} = ${change.value} with sysctl ${change.at.value}`;
  }
}

function whyNotAtBuild(change: SysctlChange): string {
  if (change.how === 'config') return 'changes nothing: no process in a container reads sysctl.conf when it starts';
  return 'changes nothing in the image: kernel parameters belong to the running pod\'s network namespace, not to the image, and /proc/sys is read-only during the build';
}

function whyNotAtStart(change: SysctlChange): string {
  if (change.how === 'config') return 'changes nothing by itself, and loading it with sysctl -p fails: /proc/sys is read-only in an unprivileged container';
  return 'fails when the container starts: /proc/sys is mounted read-only in an unprivileged container ("Read-only file system"), and added capabilities do not change that';
}
