import type { Hash } from 'node:crypto';
import builtinModule from './builtin-module.cjs';
import type { Finding } from './types.js';

export const FINGERPRINT_KEY = 'merlint/v1';

/**
 * A finding's fingerprint hashes its rule, file and the text of its line (white space folded),
 * plus its rank among identical such triples; it survives lines added above or below it.
 * Findings must already be sorted. Nothing is done until a fingerprint is first read: text output
 * reads none, and the lines of every file with a finding would be split and folded for nothing
 * (node:crypto alone takes milliseconds to load, a good part of a pre-commit run). The first read
 * ranks all the findings, in their order when they were assigned; each hash is taken when read.
 */
export function assignFingerprints(findings: readonly Finding[], lineText: (path: string, line: number) => string): void {
  const ordered = [...findings];
  let ranked: Ranked[] | undefined;
  ordered.forEach((finding, index) => {
    let fingerprint: string | undefined;
    Object.defineProperty(finding, 'fingerprint', {
      enumerable: true,
      get: () => (fingerprint ??= hashOf((ranked ??= rankAmongLikeFindings(ordered, lineText))[index]!)),
    });
  });
}

type Triple = { text: string; hashed?: Hash; count: number };
type Ranked = { triple: Triple; rank: number };

/** Each finding's (rule, file, folded line) triple and how many findings before it share that triple. */
function rankAmongLikeFindings(findings: readonly Finding[], lineText: (path: string, line: number) => string): Ranked[] {
  // Many findings can share one long line (a minified file, a 5 MB RUN): its text is folded once.
  const foldedLines = new Map<string, string>();
  const triples = new Map<string, Map<string, Triple>>();
  return findings.map((finding) => {
    const { path, range } = finding.location;
    const at = `${path}\0${range.start.line}`;
    let text = foldedLines.get(at);
    if (text === undefined) foldedLines.set(at, (text = foldWhiteSpace(lineText(path, range.start.line))));
    const ruleAndPath = `${finding.ruleId}\0${path}`;
    let byText = triples.get(ruleAndPath);
    if (!byText) triples.set(ruleAndPath, (byText = new Map()));
    let triple = byText.get(text);
    if (!triple) byText.set(text, (triple = { text: `${ruleAndPath}\0${text}`, count: 0 }));
    return { triple, rank: triple.count++ };
  });
}

/** The triple is hashed once, however many findings share it; each rank is added to a copy of that hash. */
function hashOf({ triple, rank }: Ranked): string {
  return (triple.hashed ??= sha256().update(triple.text)).copy().update(`\0${rank}`).digest('hex').slice(0, 32);
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
  crypto ??= builtinModule<typeof import('node:crypto')>('node:crypto');
  return crypto.createHash('sha256');
}
