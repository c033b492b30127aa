import type { EvaluatedBlock, ResourceInstance } from '../types.js';
import type { Value } from '../value.js';
import { text } from './policy.js';
import { sameRegion } from './region.js';
import type { EcrRepository } from './types.js';

type Verdict = EcrRepository['registryScan'];

/** Whether a registry scanning configuration of the repository's region scans it (see EcrRepository.registryScan). */
export function registryScan(repository: ResourceInstance, name: Value | undefined, configurations: readonly ResourceInstance[]): Verdict {
  return strongest(configurations.filter((configuration) => sameRegion(configuration, repository)).map((configuration) => scans(configuration, name)));
}

/** Whether a registry scanning configuration scans a repository of this name: enhanced scanning does, else a rule that scans on push or continuously. */
function scans(configuration: ResourceInstance, name: Value | undefined): Verdict {
  const scanType = configuration.attribute('scan_type');
  if (scanType?.kind === 'unknown') return 'unknown';
  if (text(scanType) === 'ENHANCED') return 'covered';
  return strongest(configuration.blocks('rule').map((rule) => ruleScans(rule, name)));
}

function ruleScans(rule: EvaluatedBlock, name: Value | undefined): Verdict {
  const frequency = rule.attribute('scan_frequency');
  if (frequency?.kind === 'unknown') return 'unknown';
  if (text(frequency) === 'MANUAL') return 'none';
  return strongest(
    rule.blocks('repository_filter').map((filter): Verdict => {
      const pattern = filter.attribute('filter');
      if (pattern?.kind === 'unknown' || name?.kind === 'unknown') return 'unknown';
      const [wanted, actual] = [text(pattern), text(name)];
      return wanted !== undefined && actual !== undefined && filterMatches(wanted, actual) ? 'covered' : 'none';
    }),
  );
}

/** Covered if one of them covers; else unknown if one cannot be told. */
function strongest(verdicts: readonly Verdict[]): Verdict {
  return verdicts.includes('covered') ? 'covered' : verdicts.includes('unknown') ? 'unknown' : 'none';
}

/** ECR repository filters: without a wildcard a filter matches names that contain it; `*` stands for any characters. */
export function filterMatches(filter: string, name: string): boolean {
  if (!filter.includes('*')) return name.includes(filter);
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}
