// Breaks the files of test/corpus/hcl at random (a few characters deleted, or a token inserted)
// and parses each result with merlint's HCL parser and with HashiCorp's (@cdktf/hcl2json): counts
// crashes, files only one parser rejects, and errors the two place on different lines, with
// examples. Run after `npx tsc -p .`: node scripts/fuzz-hcl.mjs [SEED] [MUTATIONS_PER_FILE]
import { readdirSync, readFileSync } from 'node:fs';
import { importTool } from '../tools/load.mjs';

const { parse } = await importTool('@cdktf/hcl2json');
import { parseHcl } from '../dist/src/languages/terraform/hcl/parser.js';

const corpus = new URL('../test/corpus/hcl/', import.meta.url);
const TOKENS = ['{', '}', '"', '=', '${', '\n', '[', ']', ',', '(', ')', '~', '%{', ':', '?', '#', '/*', '<<EOF\n', '.', '*', '-', '1e'];
let seed = Number(process.argv[2] ?? 1);
const perFile = Number(process.argv[3] ?? 15);
const random = (below) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % below;
};

const counts = { runs: 0, crashed: 0, bothAccepted: 0, bothRejected: 0, rejectedOnAnotherLine: 0, rejectedOnAnotherColumn: 0, onlyWeRejected: 0, onlyTheyRejected: 0 };
const examples = { crashed: [], onlyWeRejected: [], onlyTheyRejected: [], rejectedOnAnotherLine: [], rejectedOnAnotherColumn: [] };
for (const name of readdirSync(corpus).filter((file) => file.endsWith('.tf')).sort()) {
  const original = readFileSync(new URL(name, corpus), 'utf8');
  for (let run = 0; run < perFile; run++) await compare(name, mutate(original));
}
console.log(counts);
const agreeing = counts.bothRejected - counts.rejectedOnAnotherLine - counts.rejectedOnAnotherColumn;
console.log(`both rejected ${counts.bothRejected}: same line ${counts.bothRejected - counts.rejectedOnAnotherLine} (${percent(counts.bothRejected - counts.rejectedOnAnotherLine)}), same line and column ${agreeing} (${percent(agreeing)})`);
for (const [kind, found] of Object.entries(examples)) for (const example of found.slice(0, Number(process.env.EXAMPLES ?? 5))) console.log(kind, JSON.stringify(example));

function mutate(text) {
  const at = random(text.length);
  return random(2) ? text.slice(0, at) + text.slice(at + 1 + random(4)) : text.slice(0, at) + TOKENS[random(TOKENS.length)] + text.slice(at);
}

async function compare(name, text) {
  counts.runs++;
  let ours;
  try {
    ours = await parseHcl(text);
  } catch (error) {
    record('crashed', { name, text, error: error.stack });
    return;
  }
  const theirs = await parse(name, text).then(() => undefined, (error) => String(error.message));
  const ourError = ours.errors[0];
  if (!ourError && !theirs) counts.bothAccepted++;
  else if (!ourError) record('onlyTheyRejected', { name, theirs, text });
  else if (!theirs) record('onlyWeRejected', { name, ours: ourError, text });
  else {
    counts.bothRejected++;
    const [, theirLine, theirColumn] = (/:(\d+),(\d+)-/.exec(theirs) ?? []).map(Number);
    const ours = `${ourError.range.start.line}:${ourError.range.start.column}: ${ourError.message}`;
    if (ourError.range.start.line !== theirLine) record('rejectedOnAnotherLine', { name, ours, theirs: theirs.slice(0, 200) });
    else if (ourError.range.start.column !== theirColumn) record('rejectedOnAnotherColumn', { name, ours, theirs: theirs.slice(0, 200) });
  }
}

function percent(count) {
  return `${((100 * count) / Math.max(1, counts.bothRejected)).toFixed(1)}%`;
}

function record(kind, example) {
  counts[kind]++;
  examples[kind].push(example);
}
