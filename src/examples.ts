import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { expectedMarks, fixtureFilesUnder, ruleFixtureDirectories } from './fixtures.js';
import { packagePath } from './paths.js';

/** Fixture files that show a rule firing and staying quiet, for `merlint explain` and the rule docs. */
export interface Example {
  path: string;
  text: string;
}

/** The built-in fixture files of a rule, in path order. */
export function fixtureFiles(ruleId: string): string[] {
  return ruleFixtureDirectories(packagePath('fixtures'))
    .filter((directory) => basename(directory) === ruleId)
    .flatMap(fixtureFilesUnder);
}

/** A short fixture that fires and one that stays quiet, among `files` (default: the built-in fixtures of the rule), named relative to `base`. */
export function fixtureExamples(ruleId: string, files: readonly string[] = fixtureFiles(ruleId), base: string = packagePath()): { bad?: Example; good?: Example } {
  const result: { bad?: Example; good?: Example } = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.split('\n').length > 40) continue;
    const example = { path: relative(base, file), text };
    const marks = expectedMarks(file);
    if (marks.some((mark) => mark.endsWith(` ${ruleId}`))) result.bad ??= example;
    else if (marks.length === 0) result.good ??= example;
  }
  return result;
}
