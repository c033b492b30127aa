import type { ScanResult } from '../engine.js';
import { LineIndexes, type LineIndex } from '../positions.js';
import type { Finding, Level } from '../types.js';
import { countFindings, describeCounts, plural, visible } from './summary.js';

type Style = (text: string) => string;

/** The styles of the report: colours for a terminal (see colour.ts), or none. */
export interface Palette {
  bold: Style;
  dim: Style;
  /** A finding's level and the caret under its range. */
  level: Record<Level, Style>;
  /** The closing summary, by the worst level found. */
  summary: Record<'error' | 'warning' | 'clean', Style>;
}

const plain: Style = (text) => text;

export const PLAIN: Palette = {
  bold: plain,
  dim: plain,
  level: { error: plain, warning: plain, note: plain },
  summary: { error: plain, warning: plain, clean: plain },
};

/** `path:line:col: level message [ID/slug]`, the source line, and a caret under the exact range (actionlint style). */
export function formatText(result: ScanResult, paint: Palette = PLAIN): string {
  const slugs = new Map(result.rules.map((rule) => [rule.id, rule.slug]));
  const indexes = result.lines ?? new LineIndexes((path) => result.sources.get(path));
  const lines: string[] = [];
  for (const finding of visible(result.findings)) {
    const index = indexes.of(finding.location.path);
    lines.push(headline(finding, slugs.get(finding.ruleId), paint));
    if (index) lines.push(...snippet(finding, index, paint));
  }
  for (const notice of result.notices.filter((candidate) => !candidate.reportedAsFinding)) lines.push(`${paint.dim(`merlint ${notice.level}:`)} ${notice.message}`);
  lines.push(summaryLine(result, paint));
  return `${lines.join('\n')}\n`;
}

function headline(finding: Finding, slug: string | undefined, paint: Palette): string {
  const { path, range } = finding.location;
  const where = paint.bold(`${path}:${range.start.line}:${range.start.column}:`);
  const level = paint.level[finding.level](finding.level);
  const rule = paint.dim(`[${finding.ruleId}${slug ? `/${slug}` : ''}]`);
  return `${where} ${level} ${finding.message} ${rule}`;
}

function snippet(finding: Finding, index: LineIndex, paint: Palette): string[] {
  const { start, end } = finding.location.range;
  const shown = shownLine(index.lineText(start.line), start.column, end.line === start.line ? end.column : Infinity);
  const text = finding.sensitive ? masked(shown.text, shown.start, shown.end) : shown.text;
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  const lastColumn = end.line === start.line ? Math.max(shown.end, shown.start + 1) : text.length + 1;
  const lead = blankedOut(text.slice(0, shown.start - 1));
  const width = Math.max(1, Math.min(lastColumn, text.length + 1) - shown.start);
  const marker = `^${'~'.repeat(width - 1)}`;
  return [`${pad} |`, `${gutter} | ${text}`, `${pad} | ${lead}${paint.level[finding.level](marker)}`];
}

/** A space under each character of `text` but its tabs, so that what follows lines up with the text above however tabs are shown. */
function blankedOut(text: string): string {
  return text
    .split('\t')
    .map((part) => ' '.repeat(part.length))
    .join('\t');
}

/** Longer lines (minified or generated text) are cut to the part around the finding, which keeps the output readable and its size bounded. */
const LONGEST_SHOWN_LINE = 1000;
const SHOWN_AROUND = 100;

/** The line as shown and the columns of the range in it (`end` exclusive); a long line is cut around the range start, with … where it is cut. */
function shownLine(line: string, start: number, end: number): { text: string; start: number; end: number } {
  if (line.length <= LONGEST_SHOWN_LINE) return { text: line, start, end };
  const from = Math.max(0, start - 1 - SHOWN_AROUND);
  const to = Math.min(line.length, Math.min(end - 1, start - 1 + SHOWN_AROUND) + SHOWN_AROUND);
  const cutBefore = from > 0 ? '…' : '';
  const shift = from - cutBefore.length;
  return { text: cutBefore + line.slice(from, to) + (to < line.length ? '…' : ''), start: start - shift, end: Math.min(end, to + 1) - shift };
}

/** The line with the reported range replaced by asterisks, so a secret is not copied into CI logs. */
function masked(line: string, startColumn: number, endColumn: number): string {
  const end = Math.min(endColumn - 1, line.length);
  return line.slice(0, startColumn - 1) + '*'.repeat(Math.max(0, end - startColumn + 1)) + line.slice(end);
}

function summaryLine(result: ScanResult, paint: Palette): string {
  const counts = countFindings(result.findings);
  const suppressed = counts.suppressed ? `, ${counts.suppressed} suppressed` : '';
  const text = `${describeCounts(counts)}${suppressed} in ${plural(result.fileCount, 'file')} (${Math.round(result.elapsedMs)} ms)`;
  return paint.summary[counts.error ? 'error' : counts.warning ? 'warning' : 'clean'](text);
}
