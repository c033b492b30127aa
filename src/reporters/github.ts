import type { ScanResult } from '../engine.js';
import type { Notice } from '../errors.js';
import type { Level } from '../types.js';
import { countFindings, describeCounts, visible } from './summary.js';

const COMMANDS: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * GitHub Actions workflow commands, one annotation per finding, then one per notice of the run (a
 * file left out, a link not followed) that is not also a MER000 finding, escaped exactly as
 * @actions/core's `issueCommand` escapes them (properties in its order: title, file, line, endLine, col, endColumn).
 */
export function formatGithub(result: ScanResult): string {
  return findingAnnotations(result) + noticeAnnotations(result.notices);
}

function noticeAnnotations(notices: readonly Notice[]): string {
  return notices
    .filter((notice) => !notice.reportedAsFinding)
    .map((notice) => `${workflowCommand(COMMANDS[notice.level], notice.path === undefined ? [] : [['file', notice.path]], notice.message)}\n`)
    .join('');
}

function findingAnnotations(result: ScanResult): string {
  const slugs = new Map(result.rules.map((rule) => [rule.id, rule.slug]));
  return visible(result.findings)
    .map((finding) => {
      const { path, range } = finding.location;
      const properties: [string, string | number][] = [
        ['title', `${finding.ruleId}/${slugs.get(finding.ruleId) ?? ''}`],
        ['file', path],
        ['line', range.start.line],
        ['endLine', range.end.line],
      ];
      // GitHub accepts columns only on an annotation that starts and ends on the same line.
      if (range.start.line === range.end.line) properties.push(['col', range.start.column], ['endColumn', range.end.column]);
      return `${workflowCommand(COMMANDS[finding.level], properties, finding.message)}\n`;
    })
    .join('');
}

export function workflowCommand(command: string, properties: [string, string | number][], message: string): string {
  const rendered = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${rendered ? ` ${rendered}` : ''}::${escapeData(message)}`;
}

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Markdown for $GITHUB_STEP_SUMMARY: counts and a table of the findings. */
export function formatStepSummary(result: ScanResult): string {
  const counts = countFindings(result.findings);
  const shown = visible(result.findings);
  const lines = [`### merlint: ${describeCounts(counts)}${counts.suppressed ? `, ${counts.suppressed} suppressed` : ''}`, ''];
  if (shown.length > 0) {
    lines.push('| Level | Rule | Location | Message |', '|---|---|---|---|');
    for (const finding of shown) {
      const { path, range } = finding.location;
      lines.push(`| ${finding.level} | ${finding.ruleId} | \`${path}:${range.start.line}:${range.start.column}\` | ${tableCell(finding.message)} |`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
