import type { Cloud } from '../facts/clouds.js';
import type { PolicyRule } from '../policies/rule.js';
import type { Level } from '../types.js';

export type RuleSetting = Level | 'off';

export interface DockerSettings {
  nonRootImages: string[];
  staticImages: string[];
}

/** The legal bases for a transfer out of Singapore in the PDP Regulations 2021, regs 9–12. */
export type TransferBasis = 'contract' | 'binding-corporate-rules' | 'consent' | 'certification' | 'other';

/** A destination outside the allowed regions that data may be copied to, with the basis that permits it. */
export interface ApprovedTransfer {
  cloud: Cloud;
  region: string;
  basis: TransferBasis;
  /** The document that records the basis, e.g. "DPA with AWS Japan, 2025-03". */
  reference?: string;
}

export interface ResidencySettings {
  /** Region codes where data may live, per cloud. */
  allowedRegions: Record<Cloud, string[]>;
  approvedTransfers: ApprovedTransfer[];
}

export interface NetworkSettings {
  /** Whether the cluster network has IPv6, when no Terraform in the scan decides it; undefined: unknown. */
  ipv6: boolean | undefined;
}

/** What the GOP rules accept of Go module proxy settings. */
export interface GoProxySettings {
  /** Proxy hosts (globs such as `goproxy.*.example.sg`) that GOPROXY may name besides proxy.golang.org (GOP006). */
  allowedHosts: string[];
  /** Every GOPROXY list must name a second source after its first proxy (GOP004). */
  requireFallback: boolean;
  /** GOPROXY must name a proxy, not only `direct` (GOP004). */
  requireProxy: boolean;
}

/** The public proxy every team may use; configured hosts are added to it. */
export const DEFAULT_PROXY_HOSTS: readonly string[] = ['proxy.golang.org'];

/** The team's changes to the personal-data dictionary of the PDPA rules (src/personal-data.ts). */
export interface PersonalDataSettings {
  /** Terms added (`member id`, `ic_no`) or removed (`email`), written as words or as an identifier. */
  terms: { add: string[]; remove: string[] };
  /** Names of records that hold personal data (`user`, `patient`), added or removed. */
  records: { add: string[]; remove: string[] };
  /** Functions whose result no longer identifies a person, besides those named redact, mask, hash … */
  redactors: string[];
}

export function defaultPersonalDataSettings(): PersonalDataSettings {
  return { terms: { add: [], remove: [] }, records: { add: [], remove: [] }, redactors: [] };
}

/** Per-family settings that rules read through their context. */
export interface Settings {
  docker: DockerSettings;
  residency: ResidencySettings;
  network: NetworkSettings;
  goproxy: GoProxySettings;
  /** The personal-data dictionary of the PDPA rules: terms, records and redacting functions. */
  personalData: PersonalDataSettings;
}

/** The `singapore` profile: the Singapore regions of each cloud. */
export const SINGAPORE_REGIONS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['ap-southeast-1'],
  azure: ['southeastasia'],
  gcp: ['asia-southeast1'],
  alibaba: ['ap-southeast-1'],
  oracle: ['ap-singapore-1', 'ap-singapore-2'],
};

export interface TerraformConfig {
  /** Absolute paths of var files to apply after the ones Terraform loads itself. */
  varFiles: string[];
}

export interface Config {
  /** The file the configuration came from, if any. */
  source: string | undefined;
  failOn: Level | 'none';
  ignore: string[];
  /** Whether files under `vendor/` directories are scanned (default: skipped). */
  scanVendored: boolean;
  rules: Map<string, RuleSetting>;
  terraform: TerraformConfig;
  settings: Settings;
  /** Team policies from the `policies:` directories and --policy, compiled into rules. */
  policies: PolicyRule[];
}

export function defaultConfig(): Config {
  return {
    source: undefined,
    failOn: 'error',
    ignore: [],
    scanVendored: false,
    rules: new Map(),
    terraform: { varFiles: [] },
    policies: [],
    settings: {
      docker: { nonRootImages: [], staticImages: [] },
      residency: { allowedRegions: singaporeRegions(), approvedTransfers: [] },
      network: { ipv6: undefined },
      goproxy: { allowedHosts: [...DEFAULT_PROXY_HOSTS], requireFallback: false, requireProxy: false },
      personalData: defaultPersonalDataSettings(),
    },
  };
}

function singaporeRegions(): Record<Cloud, string[]> {
  return Object.fromEntries(Object.entries(SINGAPORE_REGIONS).map(([cloud, regions]) => [cloud, [...regions]])) as Record<Cloud, string[]>;
}
