// Parses every .tf and .tfvars file under the directories given (by default fixtures/, examples/
// and test/corpus/hcl) with the tree-sitter HCL reader and with the hand-written parser, and
// compares what they give: the tree (node kinds, values, every range), the comments and the error
// (position and message). Prints a count of each kind of difference and the first examples.
// With --record, also writes test/hcl-trees.json: for each file, digests of its text and of what
// the hand-written parser gives, which test/hcl-trees.test.ts holds the parser to once the
// tree-sitter reader is gone.
// Run after `npm run build`: node scripts/hcl-differential.mjs [--record] [DIR...]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHcl as treeSitterParse } from '../dist/src/languages/terraform/hcl/parser.js';
import { parseHcl as handParse } from '../dist/src/languages/terraform/hcl/hand-parser.js';

const record = process.argv.includes('--record');
const given = process.argv.slice(2).filter((argument) => argument !== '--record');
const roots = given.length > 0 ? given : ['fixtures', 'examples', 'test/corpus/hcl'];
const digests = {};
const files = roots.flatMap((root) => walk(root)).sort();
const counts = { files: files.length, same: 0, tree: 0, comments: 0, errorPosition: 0, errorOnlyOld: 0, errorOnlyNew: 0, errorMessage: 0 };
const examples = Object.fromEntries(Object.keys(counts).map((key) => [key, []]));

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const old = await treeSitterParse(text);
  const hand = await handParse(text);
  digests[file] = { text: digest(text), tree: digest(JSON.stringify(hand)) };
  const kinds = [];
  const treeDifference = firstDifference(old.body, hand.body, 'body');
  if (treeDifference) kinds.push(['tree', treeDifference]);
  const commentDifference = firstDifference(old.comments, hand.comments, 'comments');
  if (commentDifference) kinds.push(['comments', commentDifference]);
  const [oldError] = old.errors;
  const [newError] = hand.errors;
  if (oldError && !newError) kinds.push(['errorOnlyOld', oldError]);
  else if (!oldError && newError) kinds.push(['errorOnlyNew', newError]);
  else if (oldError && newError && JSON.stringify(oldError.range.start) !== JSON.stringify(newError.range.start)) kinds.push(['errorPosition', { old: oldError, new: newError }]);
  else if (oldError && newError && oldError.message !== newError.message) kinds.push(['errorMessage', { old: oldError.message, new: newError.message }]);
  if (kinds.length === 0) counts.same++;
  for (const [kind, detail] of kinds) {
    counts[kind]++;
    examples[kind].push({ file, detail });
  }
}

console.log(counts);
if (record) writeFileSync('test/hcl-trees.json', `${JSON.stringify(digests, null, 1)}\n`);
for (const [kind, found] of Object.entries(examples)) for (const example of found.slice(0, Number(process.env.EXAMPLES ?? 5))) console.log(kind, JSON.stringify(example).slice(0, 1200));

function digest(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function walk(path) {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((name) => (name === 'node_modules' || name.startsWith('.') ? [] : walk(join(path, name))));
  return /\.(tf|tfvars)$/.test(path) ? [path] : [];
}

/** The first path at which two values differ, with both values there; undefined when they are equal. */
function firstDifference(a, b, path) {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return { path, old: a, new: b };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== undefined || b[key] !== undefined);
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}
