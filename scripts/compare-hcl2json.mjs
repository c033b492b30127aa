// Parses every .tf and .tfvars file under the given directories with merlint's HCL parser and with HashiCorp's
// (@cdktf/hcl2json) and compares block structure and literal values, as test/hcl2json.test.ts does
// for test/corpus/hcl. Run after `npx tsc -p .`: node scripts/compare-hcl2json.mjs DIR...
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTool } from '../tools/load.mjs';

const { parse } = await importTool('@cdktf/hcl2json');
import { parseHcl } from '../dist/src/languages/terraform/hcl/parser.js';
import { hcl2jsonValue } from '../dist/test/helpers/hcl2json.js';

const counts = { files: 0, same: 0, different: 0, bothRejected: 0, rejectedOnAnotherLine: 0, onlyWeRejected: 0, onlyTheyRejected: 0, crashed: 0 };
for (const directory of process.argv.slice(2)) {
  for (const file of tfFiles(directory)) await compare(file);
}
console.log(Object.entries(counts).map(([name, count]) => `${name}: ${count}`).join(', '));

async function compare(file) {
  counts.files++;
  const text = readFileSync(file, 'utf8');
  let ours;
  try {
    ours = await parseHcl(text);
  } catch (error) {
    counts.crashed++;
    console.log(`CRASH ${file}: ${error.stack}`);
    return;
  }
  const theirs = await parse(file, text).catch((error) => error);
  const weRejected = ours.errors.length > 0;
  const theyRejected = theirs instanceof Error;
  if (weRejected || theyRejected) {
    const outcome = weRejected && theyRejected ? 'bothRejected' : weRejected ? 'onlyWeRejected' : 'onlyTheyRejected';
    counts[outcome]++;
    if (outcome !== 'bothRejected') console.log(`${outcome} ${file}: ${weRejected ? JSON.stringify(ours.errors[0]) : String(theirs.message).slice(0, 300)}`);
    else if (ours.errors[0].range.start.line !== Number(/:(\d+),\d+-/.exec(theirs.message)?.[1])) {
      counts.rejectedOnAnotherLine++;
      console.log(`rejectedOnAnotherLine ${file}: ${JSON.stringify(ours.errors[0])} / ${String(theirs.message).slice(0, 300)}`);
    }
    return;
  }
  const difference = firstDifference(theirs, hcl2jsonValue(ours.body, text), '');
  if (difference) {
    counts.different++;
    console.log(`DIFFERENT ${file} at ${difference.path}: hcl2json ${JSON.stringify(difference.theirs)?.slice(0, 300)} merlint ${JSON.stringify(difference.ours)?.slice(0, 300)}`);
  } else {
    counts.same++;
  }
}

function firstDifference(theirs, ours, path) {
  if (typeof theirs !== 'object' || typeof ours !== 'object' || theirs === null || ours === null || Array.isArray(theirs) !== Array.isArray(ours)) {
    return Object.is(theirs, ours) ? undefined : { path, theirs, ours };
  }
  const keys = new Set([...Object.keys(theirs), ...Object.keys(ours)]);
  for (const key of keys) {
    const difference = firstDifference(theirs[key], ours[key], `${path}/${key}`);
    if (difference) return difference;
  }
  return undefined;
}

function* tfFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== '.terraform') yield* tfFiles(path);
    else if (entry.isFile() && /\.(?:tf|tfvars)$/.test(entry.name)) yield path;
  }
}
