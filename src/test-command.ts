import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { documentRules } from '../rules/index.js';
import { defaultConfig, type Config } from './config/config.js';
import { CONFIG_NAMES, loadConfig } from './config/load.js';
import { scan } from './engine.js';
import { compareFixtures, isDirectory, ruleFixtureDirectories, type FixtureCheck } from './fixtures.js';
import { UsageError } from './errors.js';
import { packagePath } from './paths.js';
import { utcDate } from './suppress.js';
import type { PolicyRule } from './policies/rule.js';

/*
 * `merlint test`: proves team policies (and with --builtin the built-in rules) on their fixtures,
 * the same way the repository's own fixture test does (src/fixtures.ts). A policy's fixtures are
 * the directory `fixtures/<ID>/` beside its policy file; each is scanned as a root of its own (with
 * its own .merlint.yaml, if any) with that one policy on and the built-in checks off, so a fixture
 * names only what the policy must and must not find.
 */

export interface TestRun {
  /** Lines to print, one per fixture file and one per problem, then a summary. */
  lines: string[];
  failed: boolean;
}

interface Suite {
  name: string;
  directory: string;
  /** The config to scan the directory with. */
  config: () => Promise<Config>;
  /** Rule ids whose fixtures must show it firing and staying quiet (team policies). */
  proves?: string;
}

export async function runFixtureTests(policies: readonly PolicyRule[], builtin: boolean, builtinIds: ReadonlySet<string>, cwd: string): Promise<TestRun> {
  const suites = [...(builtin ? builtinSuites(builtinIds) : []), ...policies.map((policy) => policySuite(policy, builtinIds))];
  const lines: string[] = [];
  let files = 0;
  let failures = 0;
  for (const suite of suites) {
    const problems = await runSuite(suite, cwd);
    files += problems.checks.length;
    failures += problems.checks.filter((check) => !check.passed).length + problems.notes.length;
    lines.push(...problems.checks.flatMap((check) => describe(suite.name, check, cwd)), ...problems.notes.map((note) => `FAIL  ${suite.name}  ${note}`));
  }
  lines.push('', `${files} fixture file${files === 1 ? '' : 's'} of ${suites.length} rule${suites.length === 1 ? '' : 's'}: ${failures === 0 ? 'all passed' : `${failures} failed`}`);
  return { lines, failed: failures > 0 };
}

async function runSuite(suite: Suite, cwd: string): Promise<{ checks: FixtureCheck[]; notes: string[] }> {
  if (!isDirectory(suite.directory)) return { checks: [], notes: [`no fixtures: add files with expect: ${suite.name} marks under ${relative(cwd, suite.directory) || '.'}/`] };
  const result = await scan({ root: suite.directory, paths: [suite.directory], config: await suite.config(), today: new Date().toISOString().slice(0, 10) });
  const checks = compareFixtures(suite.directory, result);
  const notes = result.notices.filter((notice) => notice.level === 'error').map((notice) => notice.message);
  if (suite.proves) {
    const marks = checks.map((check) => check.expected.some((mark) => mark.endsWith(` ${suite.proves}`)));
    if (!marks.includes(true)) notes.push(`no fixture where ${suite.proves} must fire: mark a line with expect: ${suite.proves}`);
    if (!marks.includes(false)) notes.push(`no fixture where ${suite.proves} must stay quiet: add a file without ${suite.proves} marks that the policy accepts`);
  }
  return { checks, notes };
}

function describe(name: string, check: FixtureCheck, cwd: string): string[] {
  const shown = relative(cwd, check.file) || check.file;
  if (check.passed) return [`PASS  ${name}  ${shown}`];
  return [
    `FAIL  ${name}  ${shown}`,
    ...check.missing.map((mark) => `        expected, not found   ${mark}`),
    ...check.unexpected.map((finding) => `        found, not expected   ${finding.detail}`),
  ];
}

/** Built-in fixtures: `fixtures/<family>/<rule>/`, each scanned with every rule, as the repository's fixture test does. */
function builtinSuites(builtinIds: ReadonlySet<string>): Suite[] {
  const directories = ruleFixtureDirectories(packagePath('fixtures'));
  if (directories.length === 0) throw new UsageError(`the built-in fixtures are not in this copy of merlint (${packagePath('fixtures')})`);
  return directories.map((directory) => ({ name: basename(directory), directory, config: () => fixtureConfig(directory, builtinIds, []) }));
}

function policySuite(policy: PolicyRule, builtinIds: ReadonlySet<string>): Suite {
  const directory = join(policy.policy.directory, 'fixtures', policy.id);
  return {
    name: policy.id,
    directory,
    proves: policy.id,
    config: async () => {
      const config = await fixtureConfig(directory, new Set([...builtinIds, policy.id]), [policy]);
      // Built-in checks stay off: a policy's fixtures say what the policy finds, not what merlint's own rules do.
      for (const rule of documentRules) config.rules.set(rule.id, 'off');
      return config;
    },
  };
}

async function fixtureConfig(directory: string, knownIds: ReadonlySet<string>, policies: PolicyRule[]): Promise<Config> {
  const file = CONFIG_NAMES.map((name) => join(directory, name)).find((candidate) => existsSync(candidate));
  const config = file ? await loadConfig(file, knownIds) : defaultConfig();
  config.policies = [...config.policies, ...policies];
  return config;
}
