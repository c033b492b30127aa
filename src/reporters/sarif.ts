import type { ScanResult } from '../engine.js';
import type { Notice } from '../errors.js';
import { FINGERPRINT_KEY } from '../fingerprint.js';
import { PROJECT_URL, type RuleMeta } from '../rule.js';
import type { Finding, Fix, Level, Range, RelatedLocation, Suppression } from '../types.js';

export interface SarifOptions {
  version: string;
}

/** The schema in schemas/sarif-2.1.0.schema.json: SARIF 2.1.0 as amended by OASIS Errata 01. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export const SRCROOT = '%SRCROOT%';

/** GitHub code scanning takes the part up to the last `/` as the upload's category. */
export const AUTOMATION_ID = 'merlint/';

/**
 * %SRCROOT% is described but given no `uri`: an absolute file URI of the scan root would make the
 * output differ from machine to machine, and consumers (GitHub code scanning, SARIF viewers) resolve
 * it to their own checkout of the repository.
 */
const SRCROOT_DESCRIPTION = 'The directory merlint scanned, usually the repository root; every artifact URI is relative to it.';

/** GitHub code scanning's `problem.severity` for rules without a `security-severity`. */
const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

/**
 * One SARIF 2.1.0 run holding every finding, suppressed ones included (with their suppressions).
 * A pure function of the scan result and version: no time stamps and no absolute paths, so the same
 * input gives the same bytes on any machine.
 */
export function formatSarif(result: ScanResult, options: SarifOptions): string {
  const ruleIndexes = new Map(result.rules.map((rule, index) => [rule.id, index]));
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
        automationDetails: { id: AUTOMATION_ID },
        invocations: [invocation(result.notices)],
        originalUriBaseIds: { [SRCROOT]: { description: { text: SRCROOT_DESCRIPTION } } },
        columnKind: 'utf16CodeUnits',
        // -1 is SARIF's "no rule entry"; the engine only reports rules that are in result.rules.
        results: result.findings.map((finding) => sarifResult(finding, ruleIndexes.get(finding.ruleId) ?? -1)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function reportingDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nHow to fix: ${rule.remediation}`,
      markdown: `${rule.rationale}\n\n**How to fix:** ${rule.remediation}\n\n[${rule.id} ${rule.slug}](${rule.helpUri})`,
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: rule.level },
    properties: ruleProperties(rule),
  };
}

/**
 * GitHub treats a rule as a security rule when it has a `security` tag and reads its severity from
 * `security-severity`, a decimal string; other rules are ranked by `problem.severity`.
 */
function ruleProperties(rule: RuleMeta) {
  if (rule.securitySeverity === undefined) return { tags: [...new Set(rule.tags)], 'problem.severity': PROBLEM_SEVERITY[rule.level] };
  return { tags: [...new Set([...rule.tags, 'security'])], 'security-severity': rule.securitySeverity.toFixed(1) };
}

function sarifResult(finding: Finding, ruleIndex: number) {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.location.path, finding.location.range) }],
    ...(finding.related.length > 0 ? { relatedLocations: finding.related.map(relatedLocation) } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.suppression ? { suppressions: [suppression(finding.suppression)] } : {}),
    ...(finding.fix && finding.fix.replacements.length > 0 ? { fixes: [fix(finding.location.path, finding.fix)] } : {}),
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
