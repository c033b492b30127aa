import type { Finding, Level } from '../types.js';

export interface Counts {
  error: number;
  warning: number;
  note: number;
  suppressed: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppression) counts.suppressed++;
    else counts[finding.level]++;
  }
  return counts;
}

export function visible(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !finding.suppression);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function describeCounts(counts: Counts): string {
  const levels: Level[] = ['error', 'warning', 'note'];
  const parts = levels.filter((level) => counts[level] > 0).map((level) => plural(counts[level], level));
  return parts.length ? parts.join(', ') : 'no findings';
}
