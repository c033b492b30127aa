import { isCollection, isNode, isPair, isScalar, YAMLParseError, type Document, type Node } from 'yaml';
import { closingBracket } from './nesting.js';
import { lastAtOrBefore } from './positions.js';

/*
 * Quoted strings folded onto lines indented no deeper than their key. YAML 1.2 (production 69,
 * s-flow-line-prefix) and the yaml package refuse them; libyaml and the readers made from it accept
 * them: go-yaml (kubectl, controller-gen, Compose), PyYAML, Ruby's Psych (GitLab CI) and YamlDotNet 5
 * (GitHub's workflow parser; YamlDotNet 8.1.1 and later refuse such a double-quoted string), which
 * check no indentation inside quotes. go-yaml writes such strings when it folds a long description
 * or a CEL rule. The yaml package cuts the string at the line indented too little and reads the rest
 * as more YAML: mostly an error, but where the cut line ends in an escaped quote (`''`, `\"`) the
 * cut part looks closed, and a next line such as `: …` or `key: …` reads on without one. A flow collection
 * (`[…]`, `{…}`) with lines indented no deeper than its key is the same case: libyaml reads it, the yaml
 * package cuts it, and it is read again indented the same way.
 */

type YamlParse = (text: string) => Document.Parsed;

/** A quoted string the yaml package ended before its closing quote. */
interface CutString {
  /** The opening quote. */
  opening: number;
  /** Where the yaml package ended the string: the end of the line before one indented too little. */
  cut: number;
  /** The closing quote, as libyaml finds it; undefined when the text has none. */
  closing: number | undefined;
}

/** Rounds of re-reading: each indents the strings the yaml package cut, which lets it read on to the next. */
const REINDENT_ROUNDS = 4;

/**
 * Parses `text` as libyaml reads it: a document with a cut string is read again with the string's
 * lines indented past its opening quote, which changes no value (a quoted string folds its line
 * breaks and the indentation after them), and that reading is kept only if it has no error. The
 * document's ranges are offsets of `text` either way. A cut string that leaves no error of its own
 * and cannot be read so becomes the document's error, at the line that continues it.
 */
export function parseAsLibyamlReads(text: string, parse: YamlParse): Document.Parsed {
  const document = parse(text);
  const cuts = cutStringsAndFlows(document, text);
  if (cuts.length === 0) return document;
  const relaxed = withCutStringsIndented(text, cuts, parse, cutStringsAndFlows);
  if (relaxed) return relaxed;
  if (document.errors.length === 0) document.errors.push(cutStringError(text, cuts[0]!));
  return document;
}

/**
 * For a reader that keeps to YAML 1.2: the error of the first cut string where it is all that stops
 * the text reading as libyaml reads it, or where the yaml package read the text without an error.
 * A text broken in other ways keeps the yaml package's own first error.
 */
export function yaml12CutStringError(document: Document.Parsed, text: string, parse: YamlParse): YAMLParseError | undefined {
  const cuts = cutStrings(document, text);
  if (cuts.length === 0) return undefined;
  return document.errors.length === 0 || withCutStringsIndented(text, cuts, parse, cutStrings) ? cutStringError(text, cuts[0]!) : undefined;
}

type CutFinder = (document: Document.Parsed, text: string) => CutString[];

/**
 * The cut strings and the flow collections (`[…]`, `{…}`) the yaml package ended before their closing bracket, in order,
 * none inside another: it wants a flow collection's lines indented past the key it belongs to, which libyaml does not.
 */
function cutStringsAndFlows(document: Document.Parsed, text: string): CutString[] {
  return outermost([...cutStrings(document, text), ...cutFlowCollections(document, text)].sort((a, b) => a.opening - b.opening));
}

function cutFlowCollections(document: Document.Parsed, text: string): CutString[] {
  if (document.errors.length === 0) return [];
  const cuts: CutString[] = [];
  eachNode(document.contents, (node) => {
    if (!isCollection(node) || !node.flow || !node.range) return;
    const [opening, end] = node.range;
    const cut = text.lastIndexOf('\n', end - 1);
    if (text[end - 1] !== CLOSING_BRACKETS[text[opening]!] && cut > opening) cuts.push({ opening, cut, closing: closingBracket(text, opening) });
  });
  return cuts;
}

const CLOSING_BRACKETS: Record<string, string> = { '[': ']', '{': '}' };

/** The quoted strings of a parsed document that the yaml package cut short, in order, none inside another. */
function cutStrings(document: Document.Parsed, text: string): CutString[] {
  if (document.errors.length === 0 && !endsALineInEscapedQuote(text)) return [];
  const cuts: CutString[] = [];
  eachNode(document.contents, (node) => {
    const cut = cutString(node, text);
    if (cut) cuts.push(cut);
  });
  return outermost(cuts);
}

/** Of cuts in order, those not inside an earlier one (one that nothing closes holds all after it). */
function outermost(cuts: CutString[]): CutString[] {
  const kept: CutString[] = [];
  for (const cut of cuts) {
    const last = kept[kept.length - 1];
    if (!(last && cut.opening <= (last.closing ?? Infinity))) kept.push(cut);
  }
  return kept;
}

/** The error of a cut string: at the line that goes on with it, or at its opening quote when nothing closes it. */
function cutStringError(text: string, { opening, cut, closing }: CutString): YAMLParseError {
  if (closing === undefined) return new YAMLParseError([opening, opening + 1], 'MISSING_CHAR', `Missing closing ${text[opening]}quote`);
  let offset = text.indexOf('\n', cut) + 1;
  while (text[offset] === ' ' || text[offset] === '\t') offset++;
  const message = 'a quoted string goes on here, on a line indented no deeper than its key: YAML 1.2 ends the string before this line (go-yaml and PyYAML do not); indent the line past the opening quote';
  return new YAMLParseError([offset, offset + 1], 'BAD_INDENT', message);
}

/**
 * Where the yaml package reads a cut string as closed: a line, or the text, that ends in an escaped
 * quote (an even run of single quotes, or a backslash and a double quote). Only such a text, or one
 * the yaml package finds an error in, can hold a cut string; at the end of the text it is one that
 * nothing closes.
 */
function endsALineInEscapedQuote(text: string): boolean {
  for (let run = text.indexOf("''"); run !== -1; run = text.indexOf("''", run)) {
    const start = run;
    while (text[run] === "'") run++;
    if ((run - start) % 2 === 0 && endsALine(text[run])) return true;
  }
  for (let at = text.indexOf('\\"'); at !== -1; at = text.indexOf('\\"', at + 2)) if (endsALine(text[at + 2])) return true;
  return false;
}

function endsALine(next: string | undefined): boolean {
  return next === undefined || next === '\n' || next === '\r';
}

/** Calls `visit` on every node under `node`, keys included, in the order they are written; lighter than the yaml package's `visit`, which builds a path for each. */
function eachNode(node: unknown, visit: (node: Node) => void): void {
  if (!isNode(node)) return;
  visit(node);
  if (!isCollection(node)) return;
  for (const item of node.items) {
    if (isPair(item)) {
      eachNode(item.key, visit);
      eachNode(item.value, visit);
    } else {
      eachNode(item, visit);
    }
  }
}

function cutString(node: Node, text: string): CutString | undefined {
  if (!isScalar(node) || (node.type !== 'QUOTE_SINGLE' && node.type !== 'QUOTE_DOUBLE')) return undefined;
  const [opening, end] = node.range ?? [];
  if (opening === undefined || end === undefined) return undefined;
  const closing = closingQuote(text, opening + 1, text[opening]!);
  return closing === end - 1 ? undefined : { opening, cut: end, closing };
}

/** Spaces inserted at a line start (`at`, an offset of the text before the insertion). */
interface Shift {
  at: number;
  spaces: number;
}

function withCutStringsIndented(source: string, firstCuts: CutString[], parse: YamlParse, cutsOf: CutFinder): Document.Parsed | undefined {
  let text = source;
  let cuts = firstCuts;
  const rounds: Round[] = [];
  for (let round = 0; round < REINDENT_ROUNDS; round++) {
    const shifts = cuts.flatMap((cut) => continuationShifts(text, cut));
    if (shifts.length === 0) return undefined;
    text = withShifts(text, shifts);
    rounds.unshift(roundOf(shifts));
    const document = parse(text);
    cuts = cutsOf(document, text);
    if (cuts.length === 0) return document.errors.length === 0 ? withSourceRanges(document, (at) => rounds.reduce(beforeShifts, at)) : undefined;
  }
  return undefined;
}

/**
 * The text with the spaces of `shifts` (in order) inserted, copied once: inserting them one at a time copied the
 * whole text for each (a string of 20,000 lines took 20 s).
 */
function withShifts(text: string, shifts: readonly Shift[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (const { at, spaces } of shifts) {
    parts.push(text.slice(copied, at), ' '.repeat(spaces));
    copied = at;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The line starts between a cut string's end and its closing quote that are indented no further than the opening quote; none when a line there ends the document, as it does for libyaml. */
function continuationShifts(text: string, { opening, cut, closing }: CutString): Shift[] {
  if (closing === undefined) return [];
  const needed = opening - text.lastIndexOf('\n', opening - 1);
  const shifts: Shift[] = [];
  for (let lineStart = text.indexOf('\n', cut) + 1; lineStart > 0 && lineStart <= closing; lineStart = text.indexOf('\n', lineStart) + 1) {
    if (DOCUMENT_MARKER.test(text.slice(lineStart, lineStart + 4))) return [];
    const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + needed + 1))![0].length;
    const blank = /[\r\n]/.test(text[lineStart + indent] ?? '\n');
    if (!blank && indent < needed) shifts.push({ at: lineStart, spaces: needed - indent });
  }
  return shifts;
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/;

/** A round's shifts, with where each one's spaces start in the indented text and the spaces inserted up to its end. */
interface Round {
  shifts: readonly Shift[];
  starts: number[];
  insertedThrough: number[];
}

function roundOf(shifts: readonly Shift[]): Round {
  const starts: number[] = [];
  const insertedThrough: number[] = [];
  let inserted = 0;
  for (const { at, spaces } of shifts) {
    starts.push(at + inserted);
    inserted += spaces;
    insertedThrough.push(inserted);
  }
  return { shifts, starts, insertedThrough };
}

/**
 * The offset before a round's indentation of `at`, an offset after it (inside inserted spaces, the line start they
 * were inserted at); found by a binary search, as every node's range is mapped back (a walk of all the shifts for
 * each took time that grows with the square of a long cut string's lines).
 */
function beforeShifts(at: number, { shifts, starts, insertedThrough }: Round): number {
  const last = lastAtOrBefore(starts, at);
  if (!(starts[last]! <= at)) return at;
  const shift = shifts[last]!;
  return at < starts[last]! + shift.spaces ? shift.at : at - insertedThrough[last]!;
}

/** The document with every node's range mapped to offsets of the text before indenting. */
function withSourceRanges(document: Document.Parsed, toSource: (at: number) => number): Document.Parsed {
  eachNode(document.contents, (node) => {
    if (node.range) node.range = [toSource(node.range[0]), toSource(node.range[1]), toSource(node.range[2])];
  });
  return document;
}

/** The offset of the quote that closes a string, from `from`: `''` in single quotes and `\"` in double quotes do not. */
function closingQuote(text: string, from: number, quote: string): number | undefined {
  for (let at = text.indexOf(quote, from); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (quote === "'" && text[at + 1] === "'") {
      at++;
      continue;
    }
    if (quote === '"' && escaped(text, at)) continue;
    return at;
  }
  return undefined;
}

/** Whether the character at `at` follows an odd run of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text[at - 1 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 1;
}
