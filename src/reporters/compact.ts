import type { ScanResult } from '../engine.js';
import { visible } from './summary.js';

/** One line per finding, `path:line:col: level ID message`, for editor problem matchers (see problem-matcher.json). */
export function formatCompact(result: ScanResult): string {
  return visible(result.findings)
    .map((finding) => {
      const { path, range } = finding.location;
      return `${path}:${range.start.line}:${range.start.column}: ${finding.level} ${finding.ruleId} ${singleLine(finding.message)}\n`;
    })
    .join('');
}

export function singleLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
