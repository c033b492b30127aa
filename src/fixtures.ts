import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_NAMES } from './config/load.js';
import type { ScanResult } from './engine.js';

/*
 * Fixtures carry their own expectations (DESIGN.md, "Fixtures carry their own expectations"): an
 * `expect: ID` comment marks each line where a finding is expected; formats without comments use
 * a sidecar `<file>.expect` of `line: ID` rows. The one home of that convention: the fixture test
 * of the built-in rules and `merlint test` (team policies, and --builtin) both compare through here.
 */

const MARK = /(?:#|\/\/|\/\*|<!--)\s*expect:\s*([A-Z]+[0-9]{3}(?:\s*,\s*[A-Z]+[0-9]{3})*)/;

/**
 * Expected `line: RULE` pairs of a fixture file: from `expect:` comments, or from a sidecar
 * `<file>.expect` for formats without comments. A mark alone on its line is about the next
 * line that is not a mark.
 */
export function expectedMarks(file: string): string[] {
  const sidecar = `${file}.expect`;
  if (existsSync(sidecar)) {
    return readFileSync(sidecar, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .flatMap((line) => {
        const [number, ids] = line.split(':');
        return (ids ?? '').split(',').map((id) => `${Number(number)}: ${id.trim()}`);
      });
  }
  // Lines as merlint numbers them: a lone \r ends one too.
  const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  const marks: string[] = [];
  let pending: string[] = [];
  lines.forEach((line, index) => {
    const match = MARK.exec(line);
    const ids = match ? match[1]!.split(',').map((id) => id.trim()) : [];
    const alone = match !== null && line.slice(0, match.index).trim() === '';
    if (alone) {
      pending.push(...ids);
      return;
    }
    for (const id of [...pending, ...ids]) marks.push(`${index + 1}: ${id}`);
    pending = [];
  });
  return marks;
}

/** The fixture files of a fixture directory (its own config and sidecars aside), in path order. */
export function fixtureFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.expect') && !CONFIG_NAMES.includes(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The rule directories of a fixtures tree laid out as `<family>/<rule>/`. */
export function ruleFixtureDirectories(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((family) => family.isDirectory())
    .flatMap((family) =>
      readdirSync(join(root, family.name), { withFileTypes: true })
        .filter((rule) => rule.isDirectory())
        .map((rule) => join(root, family.name, rule.name)),
    )
    .sort();
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** What one fixture file expected and what the scan of its directory found there. */
export interface FixtureCheck {
  /** Absolute path of the file. */
  file: string;
  expected: string[];
  found: string[];
  /** Marked but not reported. */
  missing: string[];
  /** Reported but not marked, with the finding's column and message. */
  unexpected: { mark: string; detail: string }[];
  passed: boolean;
}

/** Compares the (line, rule) pairs marked in each file of a fixture directory with the findings of its scan (suppressed ones aside). */
export function compareFixtures(directory: string, result: ScanResult): FixtureCheck[] {
  return fixtureFilesUnder(directory).map((file) => {
    const path = relative(directory, file).split('\\').join('/');
    const findings = result.findings.filter((finding) => finding.location.path === path && !finding.suppression);
    const found = [...new Set(findings.map((finding) => `${finding.location.range.start.line}: ${finding.ruleId}`))].sort(byLine);
    const expected = [...new Set(expectedMarks(file))].sort(byLine);
    const missing = expected.filter((mark) => !found.includes(mark));
    const unexpected = found
      .filter((mark) => !expected.includes(mark))
      .map((mark) => {
        const finding = findings.find((candidate) => `${candidate.location.range.start.line}: ${candidate.ruleId}` === mark)!;
        return { mark, detail: `${finding.location.range.start.line}:${finding.location.range.start.column} ${finding.ruleId} ${finding.message}` };
      });
    return { file, expected, found, missing, unexpected, passed: missing.length === 0 && unexpected.length === 0 };
  });
}

function byLine(a: string, b: string): number {
  return parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0);
}
