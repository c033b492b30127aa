import { Chalk, type ChalkInstance } from 'chalk';
import type { ScanResult } from '../engine.js';
import { LineIndex } from '../positions.js';
import type { Finding, Level } from '../types.js';
import { countFindings, describeCounts, plural, visible } from './summary.js';

export interface TextOptions {
  color: boolean;
}

/** `path:line:col: level message [ID/slug]`, the source line, and a caret under the exact range (actionlint style). */
export function formatText(result: ScanResult, options: TextOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const slugs = new Map(result.rules.map((rule) => [rule.id, rule.slug]));
  const indexes = new Map<string, LineIndex>();
  const lines: string[] = [];
  for (const finding of visible(result.findings)) {
    const source = result.sources.get(finding.location.path);
    let index = indexes.get(finding.location.path);
    if (!index && source !== undefined) indexes.set(finding.location.path, (index = new LineIndex(source)));
    lines.push(headline(finding, slugs.get(finding.ruleId), paint));
    if (index) lines.push(...snippet(finding, index, paint));
  }
  for (const notice of result.notices.filter((candidate) => !candidate.reportedAsFinding)) lines.push(`${paint.dim(`merlint ${notice.level}:`)} ${notice.message}`);
  lines.push(summaryLine(result, paint));
  return `${lines.join('\n')}\n`;
}

const COLORS: Record<Level, (paint: ChalkInstance) => ChalkInstance> = {
  error: (paint) => paint.red.bold,
  warning: (paint) => paint.yellow.bold,
  note: (paint) => paint.cyan,
};

function headline(finding: Finding, slug: string | undefined, paint: ChalkInstance): string {
  const { path, range } = finding.location;
  const where = paint.bold(`${path}:${range.start.line}:${range.start.column}:`);
  const level = COLORS[finding.level](paint)(finding.level);
  const rule = paint.dim(`[${finding.ruleId}${slug ? `/${slug}` : ''}]`);
  return `${where} ${level} ${finding.message} ${rule}`;
}

function snippet(finding: Finding, index: LineIndex, paint: ChalkInstance): string[] {
  const { start, end } = finding.location.range;
  const text = finding.sensitive ? masked(index.lineText(start.line), start.column, end.line === start.line ? end.column : Infinity) : index.lineText(start.line);
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  const lastColumn = end.line === start.line ? Math.max(end.column, start.column + 1) : text.length + 1;
  const lead = text.slice(0, start.column - 1).replace(/[^\t]/g, ' ');
  const width = Math.max(1, Math.min(lastColumn, text.length + 1) - start.column);
  const marker = `^${'~'.repeat(width - 1)}`;
  return [`${pad} |`, `${gutter} | ${text}`, `${pad} | ${lead}${COLORS[finding.level](paint)(marker)}`];
}

/** The line with the reported range replaced by asterisks, so a secret is not copied into CI logs. */
function masked(line: string, startColumn: number, endColumn: number): string {
  const end = Math.min(endColumn - 1, line.length);
  return line.slice(0, startColumn - 1) + '*'.repeat(Math.max(0, end - startColumn + 1)) + line.slice(end);
}

function summaryLine(result: ScanResult, paint: ChalkInstance): string {
  const counts = countFindings(result.findings);
  const suppressed = counts.suppressed ? `, ${counts.suppressed} suppressed` : '';
  const text = `${describeCounts(counts)}${suppressed} in ${plural(result.fileCount, 'file')} (${Math.round(result.elapsedMs)} ms)`;
  return counts.error ? paint.red(text) : counts.warning ? paint.yellow(text) : paint.green(text);
}
