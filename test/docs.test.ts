import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules } from '../rules/index.js';
import { ruleDocument, ruleIndex } from '../src/docs.js';
import { repoPath } from './helpers/scan.js';

const STALE = 'docs/rules is stale: run `npm run docs` and commit the result';

test('every rule has a generated page, and the pages are current', () => {
  for (const rule of allRules) {
    const file = repoPath('docs', 'rules', `${rule.id}.md`);
    assert.ok(existsSync(file), `${file} is missing; ${STALE}`);
    assert.is(readFileSync(file, 'utf8'), ruleDocument(rule), `${rule.id}.md: ${STALE}`);
  }
  assert.is(readFileSync(repoPath('docs', 'rules', 'README.md'), 'utf8'), ruleIndex(allRules), `README.md: ${STALE}`);
});

test('no page for a rule that no longer exists', () => {
  const pages = readdirSync(repoPath('docs', 'rules')).filter((name) => name !== 'README.md');
  assert.equal(pages.sort(), allRules.map((rule) => `${rule.id}.md`).sort(), STALE);
});

test('each rule help link points at its page', () => {
  for (const rule of allRules) assert.ok(rule.helpUri.endsWith(`/docs/rules/${rule.id}.md`), rule.id);
});

test.run();
