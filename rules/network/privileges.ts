import type { ScalarNode } from '../../src/languages/kubernetes/syntax.js';
import type { Container } from '../../src/languages/kubernetes/workloads.js';

/** Capabilities that let a process change network settings: NET_ADMIN, SYS_ADMIN, and ALL (`CAP_` prefix optional). */
const NETWORK_CAPABILITIES = /^(?:CAP_)?(?:NET_ADMIN|SYS_ADMIN|ALL)$/i;

/** A privileged container gets a writable /proc/sys and can change any setting of its pod's network namespace. */
export function isPrivileged(container: Container): boolean {
  return container.privileged?.value === true;
}

export interface Privilege {
  readonly at: ScalarNode;
  /** `privileged: true`, `capability NET_ADMIN`. */
  readonly what: string;
}

/** What the container is granted that bears on changing network settings, each where it is written. */
export function networkPrivileges(container: Container): Privilege[] {
  const granted: Privilege[] = [];
  if (isPrivileged(container)) granted.push({ at: container.privileged!, what: 'privileged: true' });
  if (container.allowPrivilegeEscalation?.value === true) granted.push({ at: container.allowPrivilegeEscalation, what: 'allowPrivilegeEscalation: true' });
  for (const capability of container.addedCapabilities) {
    if (NETWORK_CAPABILITIES.test(capability.text)) granted.push({ at: capability, what: `the added capability ${capability.text}` });
  }
  return granted;
}
