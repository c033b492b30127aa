import type { KubernetesModel } from './model.js';

/** The model when no manifest is in the scan; light, as the registry loads it on every run. */
export const EMPTY_KUBERNETES_MODEL: KubernetesModel = { workloadsIn: () => [], scriptOf: () => undefined };
