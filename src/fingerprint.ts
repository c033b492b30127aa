import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Finding } from './types.js';

export const FINGERPRINT_KEY = 'merlint/v1';

/**
 * A finding's fingerprint hashes its rule, file and the text of its line (white space folded),
 * plus its rank among identical such triples; it survives lines added above or below it.
 * Findings must already be sorted. The hash is taken when the fingerprint is first read: text
 * output reads none, and node:crypto takes milliseconds to load, a good part of a pre-commit run.
 */
export function assignFingerprints(findings: Finding[], lineText: (path: string, line: number) => string): void {
  // Many findings can share one long line (a minified file, a 5 MB RUN): its text is folded and hashed once.
  const foldedLines = new Map<string, string>();
  const triples = new Map<string, Map<string, Triple>>();
  for (const finding of findings) {
    const { path, range } = finding.location;
    const at = `${path}\0${range.start.line}`;
    let text = foldedLines.get(at);
    if (text === undefined) foldedLines.set(at, (text = foldWhiteSpace(lineText(path, range.start.line))));
    const ruleAndPath = `${finding.ruleId}\0${path}`;
    let byText = triples.get(ruleAndPath);
    if (!byText) triples.set(ruleAndPath, (byText = new Map()));
    let triple = byText.get(text);
    if (!triple) byText.set(text, (triple = { text: `${ruleAndPath}\0${text}`, count: 0 }));
    defineFingerprint(finding, triple, triple.count++);
  }
}

type Triple = { text: string; hashed?: Hash; count: number };

function defineFingerprint(finding: Finding, triple: Triple, rank: number): void {
  let fingerprint: string | undefined;
  Object.defineProperty(finding, 'fingerprint', {
    enumerable: true,
    get: () => (fingerprint ??= (triple.hashed ??= sha256().update(triple.text)).copy().update(`\0${rank}`).digest('hex').slice(0, 32)),
  });
}

/**
 * Each run of white space as one space. Only runs that are not already a single space are replaced:
 * on a 5 MB line of single spaces, replacing every run took 2 s and 180 MB.
 */
function foldWhiteSpace(line: string): string {
  return line.trim().replace(/\s{2,}|[^\S ]/g, ' ');
}

let crypto: typeof import('node:crypto') | undefined;

function sha256(): Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256');
}
