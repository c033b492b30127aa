import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_NAMES } from './config/load.js';
import { packagePath } from './paths.js';

/** Fixture files that show a rule firing and staying quiet, for `merlint explain` and the rule docs. */
export interface Example {
  path: string;
  text: string;
}

export function fixtureFiles(ruleId: string): string[] {
  const root = packagePath('fixtures');
  if (!existsSync(root)) return [];
  const files: string[] = [];
  for (const family of readdirSync(root).sort()) {
    const directory = join(root, family, ruleId);
    if (existsSync(directory) && statSync(directory).isDirectory()) collect(directory, files);
  }
  return files;
}

function collect(directory: string, files: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) collect(path, files);
    else if (entry.isFile() && !entry.name.endsWith('.expect') && !CONFIG_NAMES.includes(entry.name)) files.push(path);
  }
}

/** A short fixture that fires and one that stays quiet, among `files` (default: the built-in fixtures of the rule), named relative to `base`. */
export function fixtureExamples(ruleId: string, files: readonly string[] = fixtureFiles(ruleId), base: string = packagePath()): { bad?: Example; good?: Example } {
  const result: { bad?: Example; good?: Example } = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.split('\n').length > 40) continue;
    const example = { path: relative(base, file), text };
    const marked = new RegExp(`expect:[^\\n]*\\b${ruleId}\\b`).test(text);
    if (marked) result.bad ??= example;
    // A file whose marks are in a sidecar (formats without comments) is not a quiet example.
    else if (!/expect:/.test(text) && !existsSync(`${file}.expect`)) result.good ??= example;
  }
  return result;
}
