import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

export const FINGERPRINT_KEY = 'merlint/v1';

/**
 * A finding's fingerprint hashes its rule, file and the text of its line (white space folded),
 * plus its rank among identical such triples; it survives lines added above or below it.
 * Findings must already be sorted.
 */
export function assignFingerprints(findings: Finding[], lineText: (path: string, line: number) => string): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const text = lineText(finding.location.path, finding.location.range.start.line).trim().replace(/\s+/g, ' ');
    const key = `${finding.ruleId}\0${finding.location.path}\0${text}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    finding.fingerprint = createHash('sha256').update(`${key}\0${rank}`).digest('hex').slice(0, 32);
  }
}
