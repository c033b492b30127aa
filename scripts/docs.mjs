// Writes docs/rules/<ID>.md and docs/rules/README.md from rule metadata and fixtures (npm run docs).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { allRules } from '../dist/rules/index.js';
import { ruleDocument, ruleIndex } from '../dist/src/docs.js';

const directory = new URL('../docs/rules/', import.meta.url);
mkdirSync(directory, { recursive: true });
for (const file of readdirSync(directory)) rmSync(new URL(file, directory));
for (const rule of allRules) writeFileSync(new URL(`${rule.id}.md`, directory), ruleDocument(rule));
writeFileSync(new URL('README.md', directory), ruleIndex(allRules));
console.log(`wrote ${allRules.length} rule pages to docs/rules/`);
