import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Finding } from './types.js';

export const FINGERPRINT_KEY = 'merlint/v1';

/**
 * A finding's fingerprint hashes its rule, file and the text of its line (white space folded),
 * plus its rank among identical such triples; it survives lines added above or below it.
 * Findings must already be sorted.
 */
export function assignFingerprints(findings: Finding[], lineText: (path: string, line: number) => string): void {
  // Many findings can share one long line (a minified file, a 5 MB RUN): its text is folded and hashed once.
  const foldedLines = new Map<string, string>();
  const triples = new Map<string, Map<string, { hashed: Hash; count: number }>>();
  for (const finding of findings) {
    const { path, range } = finding.location;
    const at = `${path}\0${range.start.line}`;
    let text = foldedLines.get(at);
    if (text === undefined) foldedLines.set(at, (text = foldWhiteSpace(lineText(path, range.start.line))));
    const ruleAndPath = `${finding.ruleId}\0${path}`;
    let byText = triples.get(ruleAndPath);
    if (!byText) triples.set(ruleAndPath, (byText = new Map()));
    let triple = byText.get(text);
    if (!triple) byText.set(text, (triple = { hashed: sha256().update(`${ruleAndPath}\0${text}`), count: 0 }));
    finding.fingerprint = triple.hashed.copy().update(`\0${triple.count++}`).digest('hex').slice(0, 32);
  }
}

/**
 * Each run of white space as one space. Only runs that are not already a single space are replaced:
 * on a 5 MB line of single spaces, replacing every run took 2 s and 180 MB.
 */
function foldWhiteSpace(line: string): string {
  return line.trim().replace(/\s{2,}|[^\S ]/g, ' ');
}

let crypto: typeof import('node:crypto') | undefined;

/** node:crypto takes milliseconds to load, which a scan without findings (the usual pre-commit run) need not pay. */
function sha256(): Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256');
}
