import { EOL } from 'node:os';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { formatGithub } from '../src/reporters/github.js';
import type { RuleMeta } from '../src/rule.js';
import type { Finding, Level, Range } from '../src/types.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { importTool } from './helpers/tools.js';

const core = await importTool<typeof import('@actions/core')>('@actions/core');

const ANNOTATE: Record<Level, (message: string, properties: import('@actions/core').AnnotationProperties) => void> = {
  error: core.error,
  warning: core.warning,
  note: core.notice,
};

/** What @actions/core writes to stdout while `action` runs, with its os.EOL line ends as `\n`. */
function printedByCore(action: () => void): string {
  const write = process.stdout.write;
  let printed = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    action();
  } finally {
    process.stdout.write = write;
  }
  return printed.replaceAll(EOL, '\n');
}

/** The annotations of a scan as @actions/core prints them; columns only on one-line ranges, as GitHub requires. */
function coreAnnotations(result: ScanResult): string {
  const slugs = new Map(result.rules.map((rule) => [rule.id, rule.slug]));
  return printedByCore(() => {
    for (const finding of result.findings.filter((candidate) => !candidate.suppression)) {
      const { path, range } = finding.location;
      const columns = range.start.line === range.end.line ? { startColumn: range.start.column, endColumn: range.end.column } : {};
      ANNOTATE[finding.level](finding.message, { title: `${finding.ruleId}/${slugs.get(finding.ruleId)}`, file: path, startLine: range.start.line, endLine: range.end.line, ...columns });
    }
    for (const notice of result.notices.filter((candidate) => !candidate.reportedAsFinding)) ANNOTATE[notice.level](notice.message, notice.path === undefined ? {} : { file: notice.path });
  });
}

test('github output of fixtures/ is byte-identical to what @actions/core prints', async () => {
  const result = await scanDirectory(repoPath('fixtures'));
  const output = formatGithub(result);
  assert.ok(output.length > 0);
  assert.fixture(output, coreAnnotations(result));
});

const AWKWARD = 'a%25b,c:d\re\nf%';
const ONE_LINE: Range = { start: { line: 3, column: 2 }, end: { line: 3, column: 7 } };
const TWO_LINES: Range = { start: { line: 3, column: 2 }, end: { line: 4, column: 5 } };

function finding(level: Level, path: string, range: Range): Finding {
  return { ruleId: 'TST001', level, message: `message ${AWKWARD}`, location: { path, range }, related: [], fingerprint: '' };
}

function syntheticResult(findings: Finding[]): ScanResult {
  const rule: RuleMeta = {
    id: 'TST001',
    slug: `slug-${AWKWARD}`,
    level: 'error',
    title: 'A rule for tests',
    rationale: 'Because.',
    remediation: 'Change it.',
    helpUri: 'https://example.com/TST001',
    kinds: ['dockerfile'],
    tags: [],
  };
  return { root: '/nowhere', findings, notices: [], rules: [rule], sources: new Map(), fileCount: 1, elapsedMs: 1 };
}

test('%, CR, LF, colon and comma in messages, titles and file names are escaped as @actions/core escapes them', () => {
  const result = syntheticResult([finding('error', `dir,1/${AWKWARD}.Dockerfile`, ONE_LINE), finding('warning', 'x:y.Dockerfile', ONE_LINE), finding('note', 'z%.Dockerfile', ONE_LINE)]);
  const output = formatGithub(result);
  assert.fixture(output, coreAnnotations(result));
  assert.ok(output.startsWith('::error title=TST001/slug-a%2525b%2Cc%3Ad%0De%0Af%25,file=dir%2C1/a%2525b%2Cc%3Ad%0De%0Af%25.Dockerfile,'), output);
  assert.ok(output.includes('::message a%2525b,c:d%0De%0Af%25\n'), output);
});

test('notices of the run are annotations too, with their file where they have one; one that is also a MER000 finding is not repeated', () => {
  const result = {
    ...syntheticResult([]),
    notices: [
      { level: 'warning' as const, path: `link,${AWKWARD}.tf`, message: `symbolic link leads outside the scan root; not followed ${AWKWARD}` },
      { level: 'note' as const, message: 'vendor/ is skipped; scanVendored: true checks it' },
      { level: 'error' as const, path: 'broken.tf', message: 'syntax error', reportedAsFinding: true },
    ],
  };
  const output = formatGithub(result);
  assert.fixture(output, coreAnnotations(result));
  assert.equal(output.split('\n').filter(Boolean).map((line) => /^::(\w+)/.exec(line)?.[1]), ['warning', 'notice']);
  assert.not.match(output, /broken\.tf/);
});

test('an annotation spanning lines carries no columns, as GitHub requires', () => {
  const result = syntheticResult([finding('warning', 'Dockerfile', TWO_LINES)]);
  const output = formatGithub(result);
  assert.fixture(output, coreAnnotations(result));
  assert.not.match(output, /col=|endColumn=/);
});

test.run();
