import type { Notice } from './errors.js';
import type { Finding } from './types.js';

/** Findings in output order: path, line, column, rule id, then message; so the same input prints the same bytes. */
export function compareFindings(a: Finding, b: Finding): number {
  const x = a.location;
  const y = b.location;
  return (
    compareText(x.path, y.path) ||
    x.range.start.line - y.range.start.line ||
    x.range.start.column - y.range.start.column ||
    compareText(a.ruleId, b.ruleId) ||
    x.range.end.line - y.range.end.line ||
    x.range.end.column - y.range.end.column ||
    compareText(a.message, b.message)
  );
}

/** Notices by path (run-wide ones first), then message: directory walks meet files in file-system order. */
export function compareNotices(a: Notice, b: Notice): number {
  return compareText(a.path ?? '', b.path ?? '') || compareText(a.message, b.message);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
