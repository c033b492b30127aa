import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { mergeSarifFiles } from '../src/merge-sarif.js';
import { formatSarif } from '../src/reporters/sarif.js';
import type { Finding } from '../src/types.js';
import { allRules } from '../rules/index.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { requireTool } from './helpers/tools.js';

/** The validator's rule kinds for GitHub code scanning: the SARIF rules, GitHub's (Gh) and GitHub Advanced Security's (Ghas). */
const GITHUB_RULE_KINDS = 'Sarif;Gh;Ghas';

/** SARIF2006 sends an HTTP GET to every URI in the log; tests and CI have no network, so it is switched off. */
const VALIDATOR_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/**
 * The multitool is a self-contained .NET program. .NET needs ICU (Debian's libicu72 or libicu76) unless
 * globalization runs in invariant mode, which validation does not need; so it never depends on ICU here.
 */
const MULTITOOL_ENV = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };

interface ValidatorLog {
  runs: {
    tool: { driver: { rules?: { id: string; defaultConfiguration?: { level?: string }; messageStrings?: Record<string, { text: string }> }[] } };
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[];
    results?: ValidatorResult[];
  }[];
}

interface ValidatorResult {
  ruleId: string;
  ruleIndex: number;
  level?: string;
  message: { id?: string; text?: string; arguments?: string[] };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
}

interface Problem {
  level: string;
  file: string;
  text: string;
}

/** The binary of `@microsoft/sarif-multitool` for this platform; its package resolves the platform package. */
function multitoolPath(): string {
  try {
    return requireTool('@microsoft/sarif-multitool') as string;
  } catch (error) {
    throw new Error(`@microsoft/sarif-multitool has no binary for ${process.platform}-${process.arch}: run node scripts/tools.mjs (${String(error)})`);
  }
}

/**
 * Runs `sarif-multitool validate` over the files and returns what it found. `validate` exits 0 whatever it
 * finds, so a non-zero exit or a missing output file means the tool itself could not run.
 */
function validate(files: string[], directory: string): Problem[] {
  const config = join(directory, 'validator.xml');
  const output = join(directory, 'validation.sarif');
  writeFileSync(config, VALIDATOR_CONFIG);
  const args = ['validate', '--config', config, '--rule-kind', GITHUB_RULE_KINDS, '--level', 'Error;Warning', '--log', 'ForceOverwrite', '--output', output, ...files];
  const run = spawnSync(multitoolPath(), args, { env: MULTITOOL_ENV, encoding: 'utf8', timeout: 300_000 });
  let log: ValidatorLog;
  try {
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`exit status ${run.status ?? run.signal}`);
    log = JSON.parse(readFileSync(output, 'utf8')) as ValidatorLog;
  } catch (error) {
    throw new Error(`the SARIF multitool could not run (${String(error)}):\n${run.stdout ?? ''}\n${run.stderr ?? ''}`);
  }
  const [validation] = log.runs;
  const toolErrors = validation!.invocations?.filter((invocation) => !invocation.executionSuccessful) ?? [];
  assert.equal(toolErrors, [], `the multitool reported a failed run: ${JSON.stringify(toolErrors)}`);
  return (validation!.results ?? []).map((result) => problem(result, validation!.tool.driver.rules ?? []));
}

/** A validator result with its effective level and its message filled in from the rule's message strings. */
function problem(result: ValidatorResult, rules: NonNullable<ValidatorLog['runs'][number]['tool']['driver']['rules']>): Problem {
  const rule = rules[result.ruleIndex];
  const template = result.message.text ?? rule?.messageStrings?.[result.message.id ?? '']?.text ?? result.message.id ?? '';
  const text = template.replace(/\{(\d+)\}/g, (_, index: string) => result.message.arguments?.[Number(index)] ?? '');
  return { level: result.level ?? rule?.defaultConfiguration?.level ?? 'warning', file: basename(result.locations[0]!.physicalLocation.artifactLocation.uri), text: `${result.ruleId} ${text}` };
}

function listed(problems: Problem[]): string {
  return problems.map((problem) => `${problem.file}: ${problem.level} ${problem.text}`).join('\n');
}

/** What the fixtures and examples do not show yet: a fix, a baseline suppression, related-location messages, an error notice. */
function everyShape(): ScanResult {
  const rule = allRules.find((candidate) => candidate.id === 'DKR002')!;
  const at = { start: { line: 1, column: 6 }, end: { line: 1, column: 19 } };
  const finding: Finding = {
    ruleId: rule.id,
    level: rule.level,
    message: 'the base image alpine:latest is not pinned; see [the stage that copies from it](1)',
    location: { path: 'services/api/Dockerfile', range: at },
    related: [{ path: 'services/api/Dockerfile', range: { start: { line: 5, column: 1 }, end: { line: 5, column: 24 } }, message: 'copied from here' }],
    fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    fix: { description: 'pin the tag', replacements: [{ range: at, text: 'alpine:3.20' }] },
    suppression: { kind: 'external', justification: 'accepted in baseline merlint-baseline.json' },
  };
  const notices: ScanResult['notices'] = [
    { level: 'warning', path: 'link/Dockerfile', message: 'link/Dockerfile: broken symbolic link; skipped' },
    { level: 'error', message: 'rule DKR002 failed: internal error' },
  ];
  return { root: '/nowhere', findings: [finding], notices, rules: [rule], sources: new Map(), fileCount: 1, elapsedMs: 1 };
}

async function sarifFiles(directory: string): Promise<string[]> {
  const results: Record<string, ScanResult> = {
    'fixtures.sarif': await scanDirectory(repoPath('fixtures')),
    'examples.sarif': await scanDirectory(repoPath('examples')),
    'every-shape.sarif': everyShape(),
  };
  assert.ok(results['fixtures.sarif']!.findings.some((finding) => finding.suppression), 'fixtures hold suppressed findings');
  assert.ok(results['fixtures.sarif']!.findings.some((finding) => finding.related.length > 0), 'fixtures hold related locations');
  const files = Object.entries(results).map(([name, result]) => {
    const file = join(directory, name);
    writeFileSync(file, formatSarif(result, { version: '1.2.3' }));
    return file;
  });
  const shards = [1, 2, 3].map((index) => join(directory, `shard-${index}.sarif`));
  for (const [index, file] of shards.entries()) writeFileSync(file, formatSarif(await scanDirectory(repoPath('fixtures'), [repoPath('fixtures')], { shard: { index: index + 1, count: 3 } }), { version: '1.2.3' }));
  const merged = join(directory, 'merged-shards.sarif');
  writeFileSync(merged, mergeSarifFiles(shards).text);
  return [...files, merged];
}

test('the SARIF multitool finds no error in our SARIF of fixtures/, examples/, every result shape and merged shards, with GitHub’s rules', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-multitool-'));
  try {
    const problems = validate(await sarifFiles(directory), directory);
    const errors = problems.filter((problem) => problem.level === 'error');
    assert.equal(errors, [], `errors:\n${listed(errors)}\n\nwarnings:\n${listed(problems.filter((problem) => problem.level === 'warning'))}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('the multitool checks with GitHub’s rules: a rule without shortDescription, fullDescription and help is an error', () => {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-multitool-'));
  try {
    const log = JSON.parse(formatSarif(everyShape(), { version: '1.2.3' })) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[] };
    const descriptor = log.runs[0]!.tool.driver.rules[0]!;
    delete descriptor.shortDescription;
    delete descriptor.fullDescription;
    delete descriptor.help;
    const file = join(directory, 'bare-rule.sarif');
    writeFileSync(file, JSON.stringify(log));
    const errors = validate([file], directory).filter((problem) => problem.level === 'error');
    assert.equal(errors.map((error) => error.text.split(' ')[0]), ['GH2012', 'GH2012', 'GH2012'], listed(errors));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
