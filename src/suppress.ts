import type { Document } from './languages/index.js';
import { appendTo } from './append.js';
import { lineIndexOf, type LineIndex } from './positions.js';
import type { Comment, Finding, Location } from './types.js';

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
 * `time`'s date in UTC as `until` dates are written (YYYY-MM-DD), from its UTC fields: the first
 * toISOString() of a process loads the time zone, 0.2 ms of a one-file run.
 */
export function utcDate(time: Date = new Date()): string {
  const digits = (value: number, count: number) => String(value).padStart(count, '0');
  return `${digits(time.getUTCFullYear(), 4)}-${digits(time.getUTCMonth() + 1, 2)}-${digits(time.getUTCDate(), 2)}`;
}

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
    const covering = directivesByLine(active);
    for (const finding of byPath.get(document.file.path) ?? []) suppressOne(finding, covering(finding.location.range.start.line));
    for (const directive of active) {
      const unused = directive.ids.filter((id) => knownRuleIds.has(id) && !directive.used.has(id));
      if (unused.length > 0) {
        const where = directive.scope === 'file' ? 'in this file' : 'on the line it covers';
        problem(directive.location, `merlint-ignore${directive.scope === 'file' ? '-file' : ''} ${unused.join(',')} suppresses no finding ${where}; remove it`);
      }
    }
  }
}

/** The directives that cover each line, in the order they are written; identical line ranges are listed once. */
function directivesByLine(directives: Directive[]): (line: number) => Directive[] {
  const fileWide = directives.filter((directive) => directive.scope === 'file');
  const byRange = new Map<string, Directive[]>();
  for (const directive of directives) {
    if (directive.scope === 'line') appendTo(byRange, `${directive.firstLine}:${directive.lastLine}`, directive);
  }
  const byLine = new Map<number, Directive[][]>();
  for (const group of byRange.values()) {
    for (let line = group[0]!.firstLine; line <= group[0]!.lastLine; line++) appendTo(byLine, line, group);
  }
  const order = new Map(directives.map((directive, position) => [directive, position]));
  return (line) => [...fileWide, ...(byLine.get(line) ?? []).flat()].sort((a, b) => order.get(a)! - order.get(b)!);
}

function suppressOne(finding: Finding, directives: Directive[]): void {
  for (const directive of directives) {
    if (!directive.ids.includes(finding.ruleId)) continue;
    directive.used.add(finding.ruleId);
    finding.suppression ??= { kind: 'inSource', justification: directive.reason ?? '', location: directive.location };
  }
}

function readDirectives(document: Document, knownRuleIds: ReadonlySet<string>, problem: ProblemReport): Directive[] {
  const directives: Directive[] = [];
  let layout: CommentLayout | undefined;
  for (const comment of document.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    layout ??= new CommentLayout(document);
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
    const [firstLine, lastLine] = layout.coveredLines(comment);
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

/** Where a document's comments and statements are, to tell what an ignore comment covers. */
class CommentLayout {
  private readonly index: LineIndex;
  /** For each line with a whole-line comment, the first line after it that has none. */
  private readonly codeLineAfter = new Map<number, number>();
  /** The last line of the statement that starts on a line; the first such statement. */
  private readonly statementEnds = new Map<number, number>();

  constructor(document: Document) {
    this.index = lineIndexOf(document.file);
    const commentLines = document.comments.filter((comment) => this.isWholeLine(comment)).map((comment) => comment.range.start.line);
    for (const line of [...new Set(commentLines)].sort((a, b) => b - a)) this.codeLineAfter.set(line, this.codeLineAfter.get(line + 1) ?? line + 1);
    for (const statement of document.statements) {
      if (!this.statementEnds.has(statement.start.line)) this.statementEnds.set(statement.start.line, statement.end.line);
    }
  }

  /**
   * A comment at the end of a line covers that line; a comment alone on its line covers the next
   * line that is not a comment, and the rest of the statement that starts there.
   */
  coveredLines(comment: Comment): [number, number] {
    const line = comment.range.start.line;
    if (!this.isWholeLine(comment)) return [line, line];
    const next = comment.range.end.line + 1;
    const target = this.codeLineAfter.get(next) ?? next;
    return [target, this.statementEnds.get(target) ?? target];
  }

  private isWholeLine(comment: Comment): boolean {
    return this.index.lineText(comment.range.start.line).slice(0, comment.range.start.column - 1).trim() === '';
  }
}

/** Marks findings whose fingerprint a baseline holds as suppressed outside the source. */
export function applyBaseline(findings: Finding[], fingerprints: ReadonlySet<string>, baselineFile: string): void {
  for (const finding of findings) {
    if (!finding.suppression && fingerprints.has(finding.fingerprint)) {
      finding.suppression = { kind: 'external', justification: `accepted in baseline ${baselineFile}` };
    }
  }
}
