import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoPath, scanDirectory } from './helpers/scan.js';

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
        return ids!.split(',').map((id) => `${Number(number)}: ${id.trim()}`);
      });
  }
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
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

function ruleDirectories(): string[] {
  const root = repoPath('fixtures');
  return readdirSync(root, { withFileTypes: true })
    .filter((family) => family.isDirectory())
    .flatMap((family) =>
      readdirSync(join(root, family.name), { withFileTypes: true })
        .filter((rule) => rule.isDirectory())
        .map((rule) => join(root, family.name, rule.name)),
    )
    .sort();
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.expect') && entry.name !== '.merlint.yaml')
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

for (const directory of ruleDirectories()) {
  test(relative(repoPath(), directory), async () => {
    const result = await scanDirectory(directory);
    for (const file of filesUnder(directory)) {
      const path = relative(directory, file).split('\\').join('/');
      const found = result.findings
        .filter((finding) => finding.location.path === path && !finding.suppression)
        .map((finding) => `${finding.location.range.start.line}: ${finding.ruleId}`);
      const messages = result.findings.filter((finding) => finding.location.path === path).map((f) => `  ${f.location.range.start.line}:${f.location.range.start.column} ${f.ruleId} ${f.message}`);
      assert.equal([...new Set(found)].sort(), [...new Set(expectedMarks(file))].sort(), `${path}\n${messages.join('\n')}`);
    }
  });
}

test.run();
