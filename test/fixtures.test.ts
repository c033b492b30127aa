import { relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareFixtures, ruleFixtureDirectories } from '../src/fixtures.js';
import { repoPath, scanDirectory } from './helpers/scan.js';

// Every rule's fixtures: the (line, rule) pairs found in each file equal those its `expect:` marks name (see src/fixtures.ts).
for (const directory of ruleFixtureDirectories(repoPath('fixtures'))) {
  test(relative(repoPath(), directory), async () => {
    for (const check of compareFixtures(directory, await scanDirectory(directory))) {
      assert.equal(check.found, check.expected, `${relative(directory, check.file)}\n${check.unexpected.map((finding) => `  ${finding.detail}`).join('\n')}`);
    }
  });
}

test.run();
