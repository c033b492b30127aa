import type { ScanResult } from '../engine.js';
import type { Notice } from '../errors.js';
import { FINGERPRINT_KEY } from '../fingerprint.js';
import { PROJECT_URL, type RuleMeta } from '../rule.js';
import type { Finding, Fix, Level, Range, RelatedLocation, Suppression } from '../types.js';
import { lineHashes } from './line-hash.js';

export interface SarifOptions {
  version: string;
  /** GitHub code scanning category, for uploads that do not go through upload-sarif's `category` input. */
  sarifCategory?: string;
}

/** The schema in schemas/sarif-2.1.0.schema.json: SARIF 2.1.0 as amended by OASIS Errata 01. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export const SRCROOT = '%SRCROOT%';

/** GitHub code scanning rejects a run with more results than this (and shows the 5,000 most severe). */
export const MAX_RESULTS = 25_000;

/** GitHub code scanning takes at most this many characters of a rule's short and full description. */
export const MAX_DESCRIPTION = 1024;

/**
 * %SRCROOT% is described but given no `uri`: an absolute file URI of the scan root would make the
 * output differ from machine to machine, and consumers (GitHub code scanning, SARIF viewers) resolve
 * it to their own checkout of the repository.
 */
const SRCROOT_DESCRIPTION = 'The directory merlint scanned, usually the repository root; every artifact URI is relative to it.';

/** GitHub code scanning's `problem.severity` for rules without a `security-severity`. */
const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, note: 2 };

/**
 * One SARIF 2.1.0 run holding every finding, suppressed ones included (with their suppressions), up to
 * GitHub's limit of results per run. A pure function of the scan result and version: no time stamps and
 * no absolute paths, so the same input gives the same bytes on any machine.
 *
 * The run has `automationDetails` only when a category is asked for (--sarif-category): GitHub's upload-sarif
 * action fills in `automationDetails.id` from its `category` input only where a run has none of its own.
 */
export function formatSarif(result: ScanResult, options: SarifOptions): string {
  const ruleIndexes = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const findings = withinResultLimit(result.findings);
  const lineHashesOf = lineHashesByPath(result.sources);
  const notices = findings.length < result.findings.length ? [...result.notices, resultLimitNotice(result.findings.length - findings.length)] : result.notices;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'merlint',
            semanticVersion: options.version,
            version: options.version,
            informationUri: PROJECT_URL,
            rules: result.rules.map(reportingDescriptor),
          },
        },
        ...(options.sarifCategory ? { automationDetails: { id: `${options.sarifCategory.replace(/\/+$/, '')}/` } } : {}),
        invocations: [invocation(notices)],
        originalUriBaseIds: { [SRCROOT]: { description: { text: SRCROOT_DESCRIPTION } } },
        columnKind: 'utf16CodeUnits',
        // -1 is SARIF's "no rule entry"; the engine only reports rules that are in result.rules.
        results: findings.map((finding) => sarifResult(finding, ruleIndexes.get(finding.ruleId) ?? -1, lineHashesOf)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function reportingDescriptor(rule: RuleMeta) {
  // A team policy's help is its policy file, a path in the repository rather than a URI (SARIF's helpUri must be absolute).
  const online = /^[a-z][a-z0-9+.-]*:/i.test(rule.helpUri);
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: { text: withinDescriptionLimit(rule.title) },
    fullDescription: { text: withinDescriptionLimit(rule.rationale) },
    help: {
      text: `${rule.rationale}\n\nHow to fix: ${rule.remediation}${online ? '' : `\n\nTeam policy: ${rule.helpUri}`}`,
      markdown: `${rule.rationale}\n\n**How to fix:** ${rule.remediation}\n\n${online ? `[${rule.id} ${rule.slug}](${rule.helpUri})` : `Team policy \`${rule.helpUri}\``}`,
    },
    ...(online ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.level },
    properties: ruleProperties(rule),
  };
}

/** The whole text, or as many whole sentences as fit in GitHub's limit; the rule's help keeps the whole text. */
function withinDescriptionLimit(text: string): string {
  if (text.length <= MAX_DESCRIPTION) return text;
  const sentenceEnd = text.lastIndexOf('. ', MAX_DESCRIPTION - 1);
  return sentenceEnd > 0 ? text.slice(0, sentenceEnd + 1) : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

/** All findings, or the most severe unsuppressed ones first up to GitHub's limit, kept in their order. */
function withinResultLimit(findings: readonly Finding[]): readonly Finding[] {
  if (findings.length <= MAX_RESULTS) return findings;
  const rank = (finding: Finding) => (finding.suppression ? LEVEL_RANK.note + 1 : 0) + LEVEL_RANK[finding.level];
  const kept = new Set([...findings].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_RESULTS));
  return findings.filter((finding) => kept.has(finding));
}

function resultLimitNotice(leftOut: number): Notice {
  return { level: 'warning', message: `${leftOut} findings are left out of this SARIF: GitHub code scanning rejects a run of more than ${MAX_RESULTS} results, so the most severe are kept; the json format has them all` };
}

/**
 * GitHub treats a rule as a security rule when it has a `security` tag and reads its severity from
 * `security-severity`, a decimal string; other rules are ranked by `problem.severity`.
 */
function ruleProperties(rule: RuleMeta) {
  if (rule.securitySeverity === undefined) return { tags: [...new Set(rule.tags)], 'problem.severity': PROBLEM_SEVERITY[rule.level] };
  return { tags: [...new Set([...rule.tags, 'security'])], 'security-severity': rule.securitySeverity.toFixed(1) };
}

type LineHashesOf = (path: string) => string[] | undefined;

function sarifResult(finding: Finding, ruleIndex: number, lineHashesOf: LineHashesOf) {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.location.path, finding.location.range) }],
    ...(finding.related.length > 0 ? { relatedLocations: finding.related.map(relatedLocation) } : {}),
    partialFingerprints: partialFingerprints(finding, lineHashesOf),
    ...(finding.suppression ? { suppressions: [suppression(finding.suppression)] } : {}),
    ...(finding.fix && finding.fix.replacements.length > 0 ? { fixes: [fix(finding.location.path, finding.fix)] } : {}),
  };
}

/** Our fingerprint, which baselines read, and GitHub's line hash wherever the file's text was read. */
function partialFingerprints(finding: Finding, lineHashesOf: LineHashesOf) {
  const lineHash = lineHashesOf(finding.location.path)?.[finding.location.range.start.line - 1];
  return { [FINGERPRINT_KEY]: finding.fingerprint, ...(lineHash ? { primaryLocationLineHash: lineHash } : {}) };
}

/** Line hashes of the scanned files, each file hashed once and only when a result needs it. */
function lineHashesByPath(sources: ReadonlyMap<string, string>): LineHashesOf {
  const hashed = new Map<string, string[]>();
  return (path) => {
    const text = sources.get(path);
    if (text === undefined) return undefined;
    if (!hashed.has(path)) hashed.set(path, lineHashes(text));
    return hashed.get(path);
  };
}

/** Related locations are numbered from 1, so a message can link to one as `[text](1)`. */
function relatedLocation(related: RelatedLocation, index: number) {
  return {
    id: index + 1,
    physicalLocation: physicalLocation(related.path, related.range),
    ...(related.message ? { message: { text: related.message } } : {}),
  };
}

function suppression(suppression: Suppression) {
  return {
    kind: suppression.kind,
    status: 'accepted',
    ...(suppression.justification ? { justification: suppression.justification } : {}),
    ...(suppression.location ? { location: { physicalLocation: physicalLocation(suppression.location.path, suppression.location.range) } } : {}),
  };
}

function fix(path: string, fix: Fix) {
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(path),
        replacements: fix.replacements.map((replacement) => ({ deletedRegion: region(replacement.range), insertedContent: { text: replacement.text } })),
      },
    ],
  };
}

function invocation(notices: readonly Notice[]) {
  return {
    executionSuccessful: !notices.some((notice) => notice.level === 'error'),
    toolExecutionNotifications: notices.map(notification),
  };
}

function notification(notice: Notice) {
  return {
    level: notice.level,
    message: { text: notice.message },
    ...(notice.path === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(notice.path) } }] }),
  };
}

function physicalLocation(path: string, range: Range) {
  return { artifactLocation: artifactLocation(path), region: region(range) };
}

function artifactLocation(path: string) {
  return { uri: toUriReference(path), uriBaseId: SRCROOT };
}

function region(range: Range) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** A root-relative `/`-separated path as a relative URI reference: each segment percent-encoded (UTF-8). */
export function toUriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
