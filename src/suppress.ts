import type { Document } from './parsers/index.js';
import { LineIndex } from './positions.js';
import type { Comment, Finding, Location, Range } from './types.js';

const DIRECTIVE = /^\s*merlint-(ignore-file|ignore)\b(.*)$/;
const RULE_ID = /^[A-Z]+[0-9]{3}$/;

interface Directive {
  scope: 'line' | 'file';
  ids: string[];
  reason: string | undefined;
  until: string | undefined;
  location: Location;
  /** Lines covered, inclusive (line scope only). */
  firstLine: number;
  lastLine: number;
  used: Set<string>;
}

export type ProblemReport = (location: Location, message: string) => void;

/**
 * Applies `merlint-ignore` comments to the findings of each document (setting `suppression`)
 * and reports ignores that lack a reason, have expired, name unknown rules or suppress nothing.
 */
export function applyInlineSuppressions(findings: Finding[], documents: readonly Document[], knownRuleIds: ReadonlySet<string>, today: string, problem: ProblemReport): void {
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byPath.get(finding.location.path) ?? [];
    list.push(finding);
    byPath.set(finding.location.path, list);
  }
  for (const document of documents) {
    const directives = readDirectives(document, knownRuleIds, problem);
    if (directives.length === 0) continue;
    const active = directives.filter((directive) => {
      if (directive.until === undefined || directive.until >= today) return true;
      problem(directive.location, `merlint-ignore ${directive.ids.join(',')} expired on ${directive.until}, so its findings are reported again; fix them, or renew the date with a current reason`);
      return false;
    });
    for (const finding of byPath.get(document.file.path) ?? []) suppressOne(finding, active);
    for (const directive of active) {
      const unused = directive.ids.filter((id) => knownRuleIds.has(id) && !directive.used.has(id));
      if (unused.length > 0) {
        const where = directive.scope === 'file' ? 'in this file' : 'on the line it covers';
        problem(directive.location, `merlint-ignore${directive.scope === 'file' ? '-file' : ''} ${unused.join(',')} suppresses no finding ${where}; remove it`);
      }
    }
  }
}

function suppressOne(finding: Finding, directives: Directive[]): void {
  const line = finding.location.range.start.line;
  for (const directive of directives) {
    if (!directive.ids.includes(finding.ruleId)) continue;
    if (directive.scope === 'line' && (line < directive.firstLine || line > directive.lastLine)) continue;
    directive.used.add(finding.ruleId);
    finding.suppression ??= { kind: 'inSource', justification: directive.reason ?? '', location: directive.location };
  }
}

function readDirectives(document: Document, knownRuleIds: ReadonlySet<string>, problem: ProblemReport): Directive[] {
  const directives: Directive[] = [];
  let index: LineIndex | undefined;
  for (const comment of document.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    index ??= new LineIndex(document.file.text);
    const location = { path: document.file.path, range: comment.range };
    const parsed = parseDirectiveBody(match[2]!);
    if (parsed.ids.length === 0) {
      problem(location, `merlint-${match[1]} names no rule; write the rule ids, e.g. \`merlint-ignore DKR002 -- reason\``);
      continue;
    }
    for (const id of parsed.ids.filter((id) => !knownRuleIds.has(id))) {
      problem(location, `merlint-${match[1]} names ${id}, which is not a merlint rule (run \`merlint rules\`)`);
    }
    if (parsed.badDate) problem(location, `until=${parsed.badDate} is not a date; write until=YYYY-MM-DD`);
    if (!parsed.reason) problem(location, `merlint-${match[1]} ${parsed.ids.join(',')} gives no reason; add one after \` -- \` so reviewers and auditors see why the finding is accepted`);
    const [firstLine, lastLine] = coveredLines(document, comment, index);
    directives.push({ scope: match[1] === 'ignore-file' ? 'file' : 'line', ...parsed, location, firstLine, lastLine, used: new Set() });
  }
  return directives;
}

function parseDirectiveBody(body: string): { ids: string[]; reason: string | undefined; until: string | undefined; badDate: string | undefined } {
  const separator = body.indexOf('--');
  const head = separator === -1 ? body : body.slice(0, separator);
  const reason = separator === -1 ? undefined : body.slice(separator + 2).trim() || undefined;
  const ids: string[] = [];
  let until: string | undefined;
  let badDate: string | undefined;
  for (const token of head.split(/[\s,]+/).filter(Boolean)) {
    const date = /^until=(.*)$/.exec(token);
    if (date) {
      if (isDate(date[1]!)) until = date[1];
      else badDate = date[1];
    } else if (RULE_ID.test(token)) ids.push(token);
  }
  return { ids, reason, until, badDate };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * A comment at the end of a line covers that line; a comment alone on its line covers the next
 * line that is not a comment, and the rest of the statement that starts there.
 */
function coveredLines(document: Document, comment: Comment, index: LineIndex): [number, number] {
  const line = comment.range.start.line;
  const before = index.lineText(line).slice(0, comment.range.start.column - 1);
  if (before.trim() !== '') return [line, line];
  const commentLines = new Set(document.comments.filter((c) => isWholeLine(c, index)).map((c) => c.range.start.line));
  let target = comment.range.end.line + 1;
  while (target <= index.lineCount && commentLines.has(target)) target++;
  const statement = document.statements.find((range: Range) => range.start.line === target);
  return [target, statement ? statement.end.line : target];
}

function isWholeLine(comment: Comment, index: LineIndex): boolean {
  return index.lineText(comment.range.start.line).slice(0, comment.range.start.column - 1).trim() === '';
}

/** Marks findings whose fingerprint a baseline holds as suppressed outside the source. */
export function applyBaseline(findings: Finding[], fingerprints: ReadonlySet<string>, baselineFile: string): void {
  for (const finding of findings) {
    if (!finding.suppression && fingerprints.has(finding.fingerprint)) {
      finding.suppression = { kind: 'external', justification: `accepted in baseline ${baselineFile}` };
    }
  }
}
