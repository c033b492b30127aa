import type { TargetAdapter, TargetSpec } from '../target.js';
import { dockerfileTargets } from './dockerfile.js';
import { goTargets } from './go.js';
import { kubernetesTargets } from './kubernetes.js';
import { terraformTargets } from './terraform.js';

/** Every target adapter; adding a target is an adapter module and a line here (see "Adding a target" in ../target.ts). */
export const TARGET_ADAPTERS: readonly TargetAdapter[] = [dockerfileTargets, goTargets, kubernetesTargets, terraformTargets];

const TARGETS: ReadonlyMap<string, TargetSpec> = new Map(TARGET_ADAPTERS.flatMap((adapter) => Object.entries(adapter.targets)));

export function targetSpec(name: string): TargetSpec | undefined {
  return TARGETS.get(name);
}

export function targetNames(): string[] {
  return [...TARGETS.keys()].sort();
}
