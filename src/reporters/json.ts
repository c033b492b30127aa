import type { ScanResult } from '../engine.js';
import { countFindings } from './summary.js';

export interface JsonOptions {
  version: string;
}

/** Every finding with its full location (suppressed ones too, with their suppression), plus notices and counts. */
export function formatJson(result: ScanResult, options: JsonOptions): string {
  const report = {
    tool: { name: 'merlint', version: options.version },
    summary: { files: result.fileCount, ...countFindings(result.findings) },
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      level: finding.level,
      message: finding.message,
      location: finding.location,
      related: finding.related,
      fingerprint: finding.fingerprint,
      ...(finding.fix ? { fix: finding.fix } : {}),
      ...(finding.suppression ? { suppression: finding.suppression } : {}),
    })),
    notices: result.notices,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
