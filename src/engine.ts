import { dirname } from 'node:path';
import { allRules } from '../rules/index.js';
import { loadChecks } from './checks.js';
import type { Config } from './config/config.js';
import { discover, isInside, toRootRelative, type DiscoveredFile } from './discover.js';
import { UsageError, type Notice } from './errors.js';
import { carriedFacts, type CarriedFacts } from './facts/index.js';
import type { PolicyRule } from './policies/rule.js';
import type { Shard } from './shard.js';
import { assignFingerprints } from './fingerprint.js';
import type { Workspace } from './workspace.js';
import { buildWorkspace, parse, type Document } from './languages/index.js';
import { LineIndexes, madeLineIndexOf, type LineIndex } from './positions.js';
import { RootReader } from './root-reader.js';
import type { Rule, RuleMeta } from './rule.js';
import { compareFindings, compareNotices } from './sort.js';
import { decode, fileSize, readRegularFile, type Decoded, type FileBytes } from './source.js';
import { applyBaseline, applyInlineSuppressions } from './suppress.js';
import { atLeast, type Finding, type Kind, type Level, type Location, type Range, type SourceFile } from './types.js';
import { realPath } from './paths.js';
import { LATE_OPTIMISATION_BYTES, settleForScan } from './v8-settings.js';

export interface ScanInput {
  /** Absolute scan root: paths in findings are relative to it and nothing outside it is read. */
  root: string;
  paths: string[];
  /** The directory the paths were named from (the working directory): bounds where a named file's context is looked for; default: the root. */
  namedFrom?: string;
  /** Bytes read from standard input, decoded and scanned as if they were the file at `path`. */
  stdin?: { bytes: Uint8Array; path: string; kind: Kind };
  config: Config;
  baseline?: { file: string; fingerprints: ReadonlySet<string> };
  /** Terraform var files (absolute paths inside the root), applied after the tfvars files Terraform loads itself, in this order. */
  varFiles?: string[];
  /** Today's date as YYYY-MM-DD, for `until=` on ignores. */
  today: string;
  /** Scan only this part of the discovered files (--shard). */
  shard?: Shard;
  /** Bytes of source files checked in one batch of a whole scan (default BATCH_BYTES). */
  batchBytes?: number;
}

export interface ScanResult {
  root: string;
  findings: Finding[];
  notices: Notice[];
  /** Enabled rules with their effective levels, in id order. */
  rules: RuleMeta[];
  /** Text of the files read, by path, for reporters that quote source lines: at least of every file a finding is in. */
  sources: ReadonlyMap<string, string>;
  /** The line index of each of `sources`, for reporters that quote lines (else they make their own). */
  lines?: LineIndexes;
  fileCount: number;
  elapsedMs: number;
}

export async function scan(input: ScanInput): Promise<ScanResult> {
  // process.hrtime rather than performance.now, which loads perf_hooks: a millisecond of a pre-commit run.
  const started = process.hrtime.bigint();
  const rules = effectiveRules(input.config);
  const searched = searchedByPolicies(input.config.policies);
  const discovered = input.paths.length > 0 ? await discover({ root: input.root, paths: input.paths, ignore: input.config.ignore, ignoreBase: configDirectory(input), scanVendored: input.config.scanVendored, namedFrom: input.namedFrom, searchedByPolicies: searched }) : { files: [], notices: [] };
  // The shard module loads only for a sharded scan.
  const files = input.shard ? await (await import('./shard.js')).shardOf(discovered.files, input.shard, input.root, searched) : discovered.files;
  // Sizes are read only as far as a decision needs: a batch packs its files by the sizes their reads give.
  const canBatch = batchable(input, files);
  const batchBytes = input.batchBytes ?? BATCH_BYTES;
  const bytes = bytesUpTo(files, canBatch ? Math.max(batchBytes, LATE_OPTIMISATION_BYTES) : LATE_OPTIMISATION_BYTES);
  // A whole scan larger than a batch runs in batches (src/batches.ts); the batch module loads only then.
  const inBatches = canBatch && bytes > batchBytes;
  await settleForScan({ files: files.length, bytes, batched: inBatches, kinds: new Set(files.map((file) => file.kind)) });
  const batched = inBatches ? await (await import('./batches.js')).checkInBatches(input, files, rules) : undefined;
  const part = batched ?? (await checkPart(input, files, rules));
  const targets = new Set([...files.filter((file) => file.target).map((file) => file.path), ...(input.stdin ? [input.stdin.path] : [])]);
  const context = new Set(files.filter((file) => !file.target).map((file) => file.path));
  const notices = [...discovered.notices, ...part.notices].filter((notice) => notice.path === undefined || !context.has(notice.path));
  const findings = part.findings;
  findings.sort(compareFindings);
  dropRepeats(findings);
  notices.sort(compareNotices);
  // Only the files with a finding are split into lines, once a fingerprint is read: most of a whole scan's files have none.
  const lines = new LineIndexes((path) => part.texts.get(path), part.lines);
  assignFingerprints(findings, (path, line) => lines.of(path)?.lineText(line) ?? '');
  if (input.baseline) applyBaseline(findings, input.baseline.fingerprints, input.baseline.file);
  return { root: input.root, findings, notices, rules, sources: part.texts, lines, fileCount: targets.size, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/**
 * Default bytes of source files in one batch of a whole scan: parsed, modelled and checked, a byte of
 * source holds about a hundred of memory (BENCHMARKS.md, "Memory").
 */
export const BATCH_BYTES = 128 * 1024;

/**
 * Whether the scan may run in batches: a whole scan (no --shard, no file named on its own with context,
 * no stdin, no var files, which every root module reads); it does when it holds more bytes than one batch.
 */
function batchable(input: ScanInput, files: readonly DiscoveredFile[]): boolean {
  return !(input.shard || input.stdin || (input.varFiles?.length ?? 0) > 0 || files.some((file) => !file.target));
}

/** The bytes the files hold, summed only until they pass `budget` (sizes are read only that far). */
function bytesUpTo(files: readonly DiscoveredFile[], budget: number): number {
  let bytes = 0;
  for (const file of files) if ((bytes += fileSize(file.absolutePath)) > budget) break;
  return bytes;
}

/** What checking some files leaves: the findings reported about them (suppressions applied), notices, and the texts reporters may quote. */
export interface PartResult {
  findings: Finding[];
  notices: Notice[];
  texts: Map<string, string>;
  /** The line indexes of `texts` that parsers made, kept for reporters rather than made again. */
  lines: Map<string, LineIndex>;
  /** Files read by the model stage (`file()`) beyond the checked files. */
  readByModel: readonly string[];
  /** The workspace-wide facts the part's documents contribute, for the parts checked after it. */
  carry(): CarriedFacts;
}

/**
 * Discovered files parsed, modelled and checked in one workspace: the whole scan, a --shard part, or one batch.
 * `read` holds the files' bytes where they were read already (a batch's, as it was packed).
 */
export async function checkPart(input: ScanInput, files: readonly DiscoveredFile[], rules: readonly RuleMeta[], carried?: CarriedFacts, read?: ReadonlyMap<string, FileBytes>): Promise<PartResult> {
  const levelOf = new Map(rules.map((rule) => [rule.id, rule.level]));
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const add = (ruleId: string, location: Location, message: string, extra: Partial<Pick<Finding, 'related' | 'fix' | 'sensitive' | 'level'>> = {}) => {
    const enabled = levelOf.get(ruleId);
    // A finding may be milder than its rule (never harsher); a level set in the config wins.
    const level = input.config.rules.has(ruleId) ? enabled : lowerLevel(enabled, extra.level);
    if (level) findings.push({ ruleId, level, message, location, related: extra.related ?? [], fingerprint: '', ...(extra.fix ? { fix: extra.fix } : {}), ...(extra.sensitive ? { sensitive: true } : {}) });
  };
  const unreadable = (path: string, range: Range, message: string) => {
    add('MER000', { path, range }, message);
    notices.push({ level: 'warning', path, message: `${path}: ${message}`, reportedAsFinding: true });
  };
  const undecoded = (path: string, failure: Extract<Decoded, { ok: false }>) => {
    if (failure.encrypted) notices.push({ level: 'note', path, message: `${path}: ${failure.message}` });
    else unreadable(path, failure.range, failure.message);
  };

  const varFiles = varFileEntries(input.root, input.varFiles ?? []);
  const listed = new Set(files.map((file) => file.path));
  const sources = readSources([...files, ...varFiles.filter((file) => !listed.has(file.path))], { unreadable, undecoded }, read);
  if (input.stdin) decodeSource(input.stdin, sources, undecoded);

  // Checks load while the files parse: a file that fails to parse only loads checks that then have nothing to run on.
  const loadingChecks = loadChecks(rules, new Set(sources.map((file) => file.kind)));
  loadingChecks.catch(() => {}); // a failure is thrown where it is awaited, not as an unhandled rejection meanwhile
  const documents: Document[] = [];
  for (const file of sources) {
    const document = await parseSafely(file, unreadable);
    if (document) documents.push(document);
  }
  const reader = new RootReader(input.root);
  const requested = new Set(rules.flatMap((rule) => rule.reads ?? []));
  const workspace = await buildWorkspace(documents, { reader, varFiles: varFiles.map((file) => file.path), requested }, carried);
  // Team policies are rules of the same engine, appended to the built-in checks.
  const checks = [...(await loadingChecks), ...input.config.policies.filter((rule) => levelOf.has(rule.id))];
  for (const document of documents) {
    for (const rule of checks) {
      if (!rule.kinds.includes(document.kind)) continue;
      runRule(rule, document, (at, message, extra) => add(rule.id, isLocation(at) ? at : { path: document.file.path, range: at }, message, extra), workspace, input.config, notices);
    }
  }

  notices.push(...modelNotices(workspace, reader));
  // Findings may point into files the model read (a policy in `file("policy.json")`): reporters quote those too.
  const texts = new Map([...reader.texts, ...sources.map((file) => [file.path, file.text] as const)]);

  const knownIds = new Set([...allRules, ...input.config.policies].map((rule) => rule.id));
  applyInlineSuppressions(findings, documents, knownIds, input.today, (location, message) => add('MER001', location, message));
  const targets = new Set([...files.filter((file) => file.target).map((file) => file.path), ...(input.stdin ? [input.stdin.path] : [])]);
  const context = new Set(files.filter((file) => !file.target).map((file) => file.path));
  // A --shard part reports the findings in its own files (each file is in one part) and in the files
  // they pull in (`file()`); a run on a few named files reports those in, or about, them.
  const ownedBy = (finding: Finding) => targets.has(finding.location.path) || (reader.texts.has(finding.location.path) && concerns(finding, targets));
  const reported = input.shard ? findings.filter(ownedBy) : context.size === 0 ? findings : findings.filter((finding) => concerns(finding, targets));
  return { findings: reported, notices, texts, lines: madeLineIndexes(sources), readByModel: [...reader.texts.keys()], carry: () => carriedFacts(workspace.facts) };
}

/**
 * Drops from sorted findings each that repeats the one kept before it (same place, rule and message): a place read twice,
 * such as a script that two RUNs run, gives the same finding twice, and it is reported once. Sorting puts repeats side by
 * side, so no key is built per finding (a JSON key per finding cost a 1,216-finding scan ~6 ms).
 */
function dropRepeats(sorted: Finding[]): void {
  let kept = 0;
  for (const finding of sorted) if (kept === 0 || compareFindings(sorted[kept - 1]!, finding) !== 0) sorted[kept++] = finding;
  sorted.length = kept;
}

/** The rule's level, or the finding's own when that is lower (a configured level is never raised). */
function lowerLevel(rule: Level | undefined, finding: Level | undefined): Level | undefined {
  if (rule === undefined || finding === undefined) return rule;
  return atLeast(rule, finding) ? finding : rule;
}

/** A finding belongs to the run when it, or a place it names, is in a file the user asked about. */
function concerns(finding: Finding, targets: ReadonlySet<string>): boolean {
  return targets.has(finding.location.path) || finding.related.some((location) => targets.has(location.path));
}

/** The kinds team policies' `referencedBy` search. */
export function searchedByPolicies(policies: readonly PolicyRule[]): Set<Kind> {
  return new Set(policies.flatMap((policy) => policy.policy.searched as readonly Kind[]));
}

function configDirectory(input: ScanInput): string {
  return input.config.source ? dirname(input.config.source) : input.root;
}

function madeLineIndexes(sources: readonly SourceFile[]): Map<string, LineIndex> {
  const made = new Map<string, LineIndex>();
  for (const file of sources) {
    const index = madeLineIndexOf(file);
    if (index) made.set(file.path, index);
  }
  return made;
}

/** The rules left on by the configuration (team policies included), with their configured levels. */
export function effectiveRules(config: Config): RuleMeta[] {
  const enabled: RuleMeta[] = [];
  for (const rule of [...allRules, ...config.policies]) {
    const setting = config.rules.get(rule.id) ?? rule.level;
    if (setting !== 'off') enabled.push({ ...rule, level: setting as Level });
  }
  return enabled.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** What becomes of a file that cannot be read (MER000), or whose bytes are not text merlint reads (MER000, or a note when encrypted). */
interface ReadFailures {
  unreadable(path: string, range: Range, message: string): void;
  undecoded(path: string, failure: Extract<Decoded, { ok: false }>): void;
}

function readSources(files: DiscoveredFile[], failures: ReadFailures, readAlready?: ReadonlyMap<string, FileBytes>): SourceFile[] {
  const sources: SourceFile[] = [];
  for (const file of files) {
    if (file.text !== undefined) {
      sources.push({ path: file.path, kind: file.kind, text: file.text });
      continue;
    }
    const read = readAlready?.get(file.path) ?? readRegularFile(file.absolutePath);
    if (read.ok) decodeSource({ path: file.path, kind: file.kind, bytes: read.bytes }, sources, failures.undecoded);
    else failures.unreadable(file.path, START, read.message);
  }
  return sources;
}

/** A file's bytes (or standard input's) as a source, or the failure where they are not text merlint reads. */
function decodeSource(file: { path: string; kind: Kind; bytes: Uint8Array }, sources: SourceFile[], undecoded: ReadFailures['undecoded']): void {
  const decoded = decode(file.bytes);
  if (decoded.ok) sources.push({ path: file.path, kind: file.kind, text: decoded.text });
  else undecoded(file.path, decoded);
}

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

async function parseSafely(file: SourceFile, failed: (path: string, range: Range, message: string) => void): Promise<Document | undefined> {
  try {
    const result = await parse(file);
    for (const error of result.errors) failed(file.path, error.range, error.message);
    return result.document;
  } catch (error) {
    failed(file.path, START, `parser failed: ${(error as Error).message}`);
    return undefined;
  }
}

function isLocation(at: Range | Location): at is Location {
  return 'path' in at;
}

/** Var files as files to read: they must exist inside the scan root, and need not be among the scanned paths. */
function varFileEntries(root: string, files: string[]): DiscoveredFile[] {
  const realRoot = realPath(root);
  return files.map((file) => {
    let real: string;
    try {
      real = realPath(file);
    } catch {
      throw new UsageError(`cannot read var file ${file}: no such file`);
    }
    if (!isInside(realRoot, real)) throw new UsageError(`var file ${file} is outside the scan root ${root}`);
    return { path: toRootRelative(realRoot, real), absolutePath: real, kind: 'tfvars', target: false };
  });
}

/** What the model stage left out (remote modules, files outside the root) as notices of the run. */
function modelNotices(workspace: Workspace, reader: RootReader): Notice[] {
  const notes = workspace.notes.map((note): Notice => {
    const { path, range } = note.location;
    return { level: 'note', path, message: `${path}:${range.start.line}:${range.start.column}: ${note.message}` };
  });
  return [...notes, ...[...reader.refusals].map((message): Notice => ({ level: 'warning', message }))];
}

function runRule(rule: Rule, document: Document, report: Parameters<Rule['check']>[0]['report'], workspace: Workspace, config: Config, notices: Notice[]): void {
  try {
    rule.check({ document, workspace, settings: config.settings, report });
  } catch (error) {
    notices.push({ level: 'error', path: document.file.path, message: `rule ${rule.id} failed on ${document.file.path}: ${(error as Error).message}` });
  }
}
