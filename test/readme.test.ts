import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateConfigText } from '../src/config/validate.js';
import { allRules } from '../rules/index.js';
import { merlint } from './helpers/cli.js';
import { repoPath } from './helpers/scan.js';

const readme = readFileSync(repoPath('README.md'), 'utf8');

function codeBlock(language: string, containing: string): string {
  const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === language).map((match) => match[2]!);
  const block = blocks.find((text) => text.includes(containing));
  assert.ok(block, `README has a \`\`\`${language} block containing ${containing}`);
  return block!;
}

test('README shows the current --help text', () => {
  assert.is(codeBlock('', 'Usage: merlint'), merlint(['--help']).stdout);
});

test("README's example configuration is valid", async () => {
  await validateConfigText(codeBlock('yaml', 'failOn'), 'README.md', new Set(allRules.map((rule) => rule.id)));
});

test("README's team policy is the example pack's, which merlint test proves", () => {
  assert.is(codeBlock('yaml', 'id: ACME001'), readFileSync(repoPath('examples/policies/s3-data-classification.policy.yaml'), 'utf8'));
});

test('README marks every existing rule as implemented', () => {
  for (const rule of allRules) assert.match(readme, new RegExp(`^\\| ${rule.id} \\| ✓ \\|`, 'm'), rule.id);
});

test.run();
