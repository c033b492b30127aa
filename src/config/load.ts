import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { readUserFile } from '../source.js';
import { defaultConfig, type Config, type ResidencySettings, type RuleSetting } from './config.js';
import type { PolicyDirectory } from '../policies/load.js';

export const CONFIG_NAMES = ['.merlint.yaml', '.merlint.yml'];

/** The config file to use: the one given, or the nearest `.merlint.yaml` from the scan root upward. */
export function findConfig(root: string, explicit: string | undefined): string | undefined {
  if (explicit) return resolve(explicit);
  for (let directory = resolve(root); ; directory = dirname(directory)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

interface RawConfig {
  failOn?: Config['failOn'];
  ignore?: string[];
  scanVendored?: boolean;
  rules?: Record<string, RuleSetting | { level: RuleSetting }>;
  terraform?: { varFiles?: string[] };
  policies?: string[];
  docker?: Partial<Config['settings']['docker']>;
  goproxy?: { allowedHosts?: string[]; requireFallback?: boolean; requireProxy?: boolean };
  personalData?: { terms?: { add?: string[]; remove?: string[] }; records?: { add?: string[]; remove?: string[] }; redactors?: string[] };
  residency?: { allowedRegions?: Partial<ResidencySettings['allowedRegions']>; approvedTransfers?: ResidencySettings['approvedTransfers'] };
  network?: { ipv6?: boolean };
}

/**
 * Reads and validates a config file and loads the team policies it names (and those in
 * `policyDirectories`, absolute: --policy); every problem is a UsageError of the form `file:line:col: message`.
 */
export async function loadConfig(file: string | undefined, knownRuleIds: ReadonlySet<string>, policyDirectories: readonly string[] = []): Promise<Config> {
  const config = defaultConfig();
  if (!file) {
    config.policies = await loadPolicies(policyDirectories, knownRuleIds);
    return config;
  }
  const shown = relative(process.cwd(), file) || file;
  const text = readUserFile(file, 'config', shown);
  const { parseConfigText, checkRuleIds } = await import('./validate.js');
  const parsed = await parseConfigText(text, shown);
  const raw = parsed.value as RawConfig;
  // Where each directory is listed is found only for a message: it parses a config read from the cache.
  const listed = (raw.policies ?? []).map((directory, index) => ({
    path: resolve(dirname(file), directory),
    listedAt: () => parsed.atPath(['policies', index]),
  }));
  config.policies = await loadPolicies([...listed, ...policyDirectories], knownRuleIds);
  await checkRuleIds(parsed, new Set([...knownRuleIds, ...config.policies.map((policy) => policy.id)]));
  config.source = file;
  if (raw.failOn) config.failOn = raw.failOn;
  if (raw.ignore) config.ignore = raw.ignore;
  config.scanVendored = raw.scanVendored ?? config.scanVendored;
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    config.rules.set(id, typeof setting === 'string' ? setting : setting.level);
  }
  config.terraform.varFiles = (raw.terraform?.varFiles ?? []).map((varFile) => resolve(dirname(file), varFile));
  config.settings.docker = { ...config.settings.docker, ...raw.docker };
  const residency = config.settings.residency;
  // A cloud listed replaces its default regions; the clouds not listed keep the profile's.
  residency.allowedRegions = { ...residency.allowedRegions, ...raw.residency?.allowedRegions };
  residency.approvedTransfers = raw.residency?.approvedTransfers ?? [];
  config.settings.network = { ipv6: raw.network?.ipv6 };
  const goproxy = config.settings.goproxy;
  // Listed hosts are added to proxy.golang.org, which stays allowed.
  goproxy.allowedHosts = [...goproxy.allowedHosts, ...(raw.goproxy?.allowedHosts ?? [])];
  goproxy.requireFallback = raw.goproxy?.requireFallback ?? goproxy.requireFallback;
  goproxy.requireProxy = raw.goproxy?.requireProxy ?? goproxy.requireProxy;
  const personal = raw.personalData;
  config.settings.personalData = {
    terms: { add: personal?.terms?.add ?? [], remove: personal?.terms?.remove ?? [] },
    records: { add: personal?.records?.add ?? [], remove: personal?.records?.remove ?? [] },
    redactors: personal?.redactors ?? [],
  };
  return config;
}

/** Team policies load (with their schema validator) only when some directory holds them. */
async function loadPolicies(directories: readonly PolicyDirectory[], builtinIds: ReadonlySet<string>): Promise<Config['policies']> {
  if (directories.length === 0) return [];
  return (await import('../policies/load.js')).loadPolicies(directories, builtinIds);
}
