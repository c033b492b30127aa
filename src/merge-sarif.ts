import { UsageError } from './errors.js';
import { SARIF_SCHEMA_URI } from './reporters/sarif.js';
import { compareText } from './sort.js';
import { readUserJson } from './source.js';
import type { Level } from './types.js';

/*
 * `merlint merge-sarif A.sarif B.sarif …`: the SARIF logs of the shards of one scan (--shard) as one
 * run, for one upload to code scanning. Every result is kept once (a result two shards both report,
 * through a file both read, is one result), rules are listed once and indexed anew, notifications are
 * merged, and the order is deterministic: results by file, position and rule, as merlint writes them.
 */

interface SarifRule {
  id: string;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  suppressions?: unknown[];
}

interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } & Record<string, unknown> };
  automationDetails?: { id: string };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }[];
  results: SarifResult[];
  [key: string]: unknown;
}

export interface MergedSarif {
  text: string;
  results: readonly SarifResult[];
}

export function mergeSarifFiles(paths: readonly string[]): MergedSarif {
  if (paths.length === 0) throw new UsageError('usage: merlint merge-sarif FILE.sarif ... (the SARIF outputs of the shards of one scan)');
  return mergeRuns(paths.flatMap((path) => runsOf(path)));
}

function runsOf(path: string): { path: string; run: SarifRun }[] {
  const log = readUserJson(path, 'SARIF') as { version?: string; runs?: SarifRun[] };
  if (log.version !== '2.1.0' || !Array.isArray(log.runs)) throw new UsageError(`${path} is not a SARIF 2.1.0 log`);
  for (const run of log.runs) if (run.tool?.driver?.name !== 'merlint') throw new UsageError(`${path} holds a run of ${run.tool?.driver?.name ?? 'an unnamed tool'}, not of merlint`);
  return log.runs.map((run) => ({ path, run }));
}

function mergeRuns(runs: { path: string; run: SarifRun }[]): MergedSarif {
  const [first] = runs;
  const versions = new Set(runs.map(({ run }) => run.tool.driver.version));
  if (versions.size > 1) throw new UsageError(`the SARIF logs come from different merlint versions (${[...versions].join(', ')}); merge the outputs of one version`);
  const categories = new Set(runs.map(({ run }) => run.automationDetails?.id));
  if (categories.size > 1) throw new UsageError(`the SARIF logs have different categories (${[...categories].join(', ')}); merge one category at a time`);

  const rules = new Map<string, SarifRule>();
  for (const { run } of runs) for (const rule of run.tool.driver.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const ruleList = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(ruleList.map((rule, index) => [rule.id, index]));
  const results = uniqueByJson(runs.flatMap(({ run }) => run.results)).map((result) => ({ ...result, ruleIndex: ruleIndex.get(result.ruleId) ?? -1 }));
  results.sort(compareResults);
  const notifications = uniqueByJson(runs.flatMap(({ run }) => run.invocations.flatMap((invocation) => invocation.toolExecutionNotifications ?? []))).sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));

  const merged: SarifRun = {
    ...first!.run,
    tool: { ...first!.run.tool, driver: { ...first!.run.tool.driver, rules: ruleList } },
    invocations: [{ ...first!.run.invocations[0]!, executionSuccessful: runs.every(({ run }) => run.invocations.every((invocation) => invocation.executionSuccessful)), toolExecutionNotifications: notifications }],
    results,
  };
  return { text: `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [merged] }, null, 2)}\n`, results };
}

function uniqueByJson<T>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const key = JSON.stringify({ ...item, ruleIndex: undefined });
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}

function compareResults(a: SarifResult, b: SarifResult): number {
  const [left, right] = [a, b].map((result) => result.locations[0]!.physicalLocation);
  return (
    compareText(left!.artifactLocation.uri, right!.artifactLocation.uri) ||
    left!.region.startLine - right!.region.startLine ||
    left!.region.startColumn - right!.region.startColumn ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(JSON.stringify(a), JSON.stringify(b))
  );
}
