import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { formatCompact, singleLine } from '../src/reporters/compact.js';
import type { Finding } from '../src/types.js';
import { merlint } from './helpers/cli.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  code: number;
  message: number;
}

const { problemMatcher } = JSON.parse(readFileSync(repoPath('problem-matcher.json'), 'utf8')) as { problemMatcher: { owner: string; pattern: Pattern[] }[] };

/** Applies the shipped matcher to each output line, as VS Code and the GitHub runner do. */
function matchLines(output: string): Record<keyof Omit<Pattern, 'regexp'>, string>[] {
  const [pattern] = problemMatcher[0]!.pattern;
  const regexp = new RegExp(pattern!.regexp);
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = regexp.exec(line);
      assert.ok(match, `the problem matcher does not match: ${line}`);
      const group = (index: number) => match[index] ?? '';
      return { file: group(pattern!.file), line: group(pattern!.line), column: group(pattern!.column), severity: group(pattern!.severity), code: group(pattern!.code), message: group(pattern!.message) };
    });
}

function expected(findings: Finding[]) {
  return findings
    .filter((finding) => !finding.suppression)
    .map((finding) => ({
      file: finding.location.path,
      line: String(finding.location.range.start.line),
      column: String(finding.location.range.start.column),
      severity: finding.level,
      code: finding.ruleId,
      message: singleLine(finding.message),
    }));
}

test('the README’s .vscode/tasks.json example runs compact output through the shipped pattern', () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const example = [...readme.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match) => match[1]!).find((block) => block.includes('"problemMatcher"'));
  assert.ok(example, 'README has a tasks.json example');
  const [task] = (JSON.parse(example!) as { tasks: { command: string; problemMatcher: { owner: string; pattern: Pattern } }[] }).tasks;
  assert.match(task!.command, /--format compact/);
  assert.is(task!.problemMatcher.owner, problemMatcher[0]!.owner);
  assert.equal(task!.problemMatcher.pattern, problemMatcher[0]!.pattern[0]);
});

test('problem-matcher.json is one merlint matcher with one pattern', () => {
  assert.is(problemMatcher.length, 1);
  assert.is(problemMatcher[0]!.owner, 'merlint');
  assert.is(problemMatcher[0]!.pattern.length, 1);
});

for (const directory of ['fixtures', 'examples']) {
  test(`the problem matcher recovers every finding from compact output of ${directory}/`, async () => {
    const shown = expected((await scanDirectory(repoPath(directory))).findings);
    assert.ok(shown.length > 0);
    const run = merlint(['--format', 'compact', '--fail-on', 'none', '.'], { cwd: repoPath(directory) });
    assert.is(run.status, 0, run.stderr);
    assert.equal(matchLines(run.stdout), shown);
  });
}

test('the problem matcher copes with colons and spaces in paths and level-like text in messages', () => {
  const at = { start: { line: 12, column: 4 }, end: { line: 12, column: 9 } };
  const findings: Finding[] = [
    { ruleId: 'DKR002', level: 'warning', message: 'see x.Dockerfile:1:2: error DKR001 quoted\nacross lines', location: { path: 'my dir/a:b/Dockerfile', range: at }, related: [], fingerprint: '' },
    { ruleId: 'MER001', level: 'note', message: 'note', location: { path: 'c.Dockerfile', range: at }, related: [], fingerprint: '' },
  ];
  const result: ScanResult = { root: '/nowhere', findings, notices: [], rules: [], sources: new Map(), fileCount: 2, elapsedMs: 1 };
  assert.equal(matchLines(formatCompact(result)), expected(findings));
});

test.run();
