import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules, builtinRules, checksByKind, documentRules } from '../rules/index.js';
import type { Rule, RuleMeta } from '../src/rule.js';
import type { Kind } from '../src/types.js';
import { KINDS } from '../src/languages/index.js';
import { repoPath } from './helpers/scan.js';
import { schemaValidator } from './helpers/schemas.js';

const validateRule = schemaValidator('rule.schema.json');

/** A rule's metadata: everything but its check function. */
function metadata(rule: RuleMeta): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule).filter(([, value]) => typeof value !== 'function'));
}

const RULE_FILE = /^([A-Z]+[0-9]{3})-.*\.ts$/;

/** rules/<family>/<ID>-<slug>.ts files, as `family/name`; helper modules without an id prefix are left out. */
function ruleFiles(): string[] {
  const root = repoPath('rules');
  return readdirSync(root, { withFileTypes: true })
    .filter((family) => family.isDirectory())
    .flatMap((family) => readdirSync(join(root, family.name)).filter((name) => RULE_FILE.test(name)).map((name) => `${family.name}/${name}`))
    .sort();
}

for (const rule of allRules) {
  test(`${rule.id} metadata matches schemas/rule.schema.json`, () => {
    const valid = validateRule(metadata(rule));
    assert.ok(valid, JSON.stringify(validateRule.errors, null, 2));
  });
}

test('rule ids and slugs are unique', () => {
  const ids = allRules.map((rule) => rule.id);
  const slugs = allRules.map((rule) => rule.slug);
  assert.equal(ids, [...new Set(ids)]);
  assert.equal(slugs, [...new Set(slugs)]);
});

test('rules/index.ts lists builtin and document rules sorted by id', () => {
  for (const list of [builtinRules, documentRules]) {
    const ids = list.map((rule) => rule.id);
    assert.equal(ids, [...ids].sort());
  }
});

test('rules/generated/ is the metadata written in the rule files, and holds each check in the module of every kind it applies to (npm run build writes it)', async () => {
  const fromFiles: RuleMeta[] = [];
  for (const file of ruleFiles()) fromFiles.push(((await import(`../rules/${file.replace(/\.ts$/, '.js')}`)) as { default: RuleMeta }).default);
  const byId = (a: RuleMeta, b: RuleMeta) => (a.id < b.id ? -1 : 1);
  assert.equal([...allRules].sort(byId), fromFiles.sort(byId).map(metadata));
  const checked = fromFiles.filter((rule) => 'check' in rule) as Rule[];
  assert.equal(documentRules.map((rule) => rule.id), checked.map((rule) => rule.id), 'document rules are the ones with a check');
  for (const [kind, load] of Object.entries(checksByKind)) {
    const { checks } = await load();
    assert.equal(checks.filter((rule) => rule.kinds.includes(kind as Kind)), checked.filter((rule) => rule.kinds.includes(kind as Kind)), `the checks loaded for ${kind}`);
  }
});

test('the kinds in schemas/rule.schema.json are the kinds merlint reads (add a new kind to both)', () => {
  const schema = JSON.parse(readFileSync(repoPath('schemas', 'rule.schema.json'), 'utf8')) as { properties: { kinds: { items: { enum: string[] } } } };
  assert.equal([...schema.properties.kinds.items.enum].sort(), [...KINDS].sort());
});

test('every rule lives in rules/<family>/<ID>-<slug>.ts, and every such file is a registered rule', () => {
  const files = ruleFiles();
  const names = files.map((file) => file.slice(file.indexOf('/') + 1));
  for (const rule of allRules) assert.ok(names.includes(`${rule.id}-${rule.slug}.ts`), `${rule.id}: no file rules/<family>/${rule.id}-${rule.slug}.ts`);
  const registered = new Set(allRules.map((rule) => rule.id));
  for (const file of files) assert.ok(registered.has(RULE_FILE.exec(file.slice(file.indexOf('/') + 1))![1]!), `${file} is not registered in rules/index.ts`);
  assert.is(files.length, allRules.length, `one file per rule:\n${files.join('\n')}`);
});

test.run();
