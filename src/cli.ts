import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allRules } from '../rules/index.js';
import { findConfig, loadConfig } from './config/load.js';
import { commonDirectory, isInside, toRootRelative, withRealParent } from './discover.js';
import { scan, type ScanResult } from './engine.js';
import { UsageError } from './errors.js';
import { FINGERPRINT_KEY } from './fingerprint.js';
import { classify, decidedByContent, recognise } from './languages/index.js';
import { CONTENT_PROBE_CHARS } from './language.js';
import { packagePath, realPath } from './paths.js';
import { decodeLeniently, readUserJson, systemReason } from './source.js';
import { isTerminal, writeStandardError, writeStandardOutput } from './stdio.js';
import { utcDate } from './suppress.js';
import { isFormat, type Format } from './reporters/formats.js';
import type { ReporterOptions } from './reporters/index.js';
import type { PolicyRule } from './policies/rule.js';
import type { RuleMeta } from './rule.js';
import { atLeast, LEVELS, type Level } from './types.js';
import { keepMemoryLow } from './v8-settings.js';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  write(text: string): void;
  error(text: string): void;
  readStdin(): Promise<Uint8Array>;
}

export const processIo: Io = {
  cwd: process.cwd(),
  env: process.env,
  // Asked only when colour depends on it.
  get stdoutIsTTY() {
    return isTerminal(1);
  },
  write: writeStandardOutput,
  error: writeStandardError,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};

/** The ids of merlint's own rules: team policies may not take them, and config may name them. */
const BUILTIN_IDS: ReadonlySet<string> = new Set(allRules.map((rule) => rule.id));

const USAGE = `Usage: merlint [scan] [PATH ...]        scan files and directories (default: .)
       merlint rules                     list every rule, team policies included
       merlint explain ID                one rule or team policy in full
       merlint test [DIR ...] [--builtin]
                                         prove the team policies in DIR (default: those the config
                                         lists) on their fixtures; --builtin: the built-in rules too
       merlint init [--force]            write a starter .merlint.yaml here
       merlint merge-sarif FILE ...      the SARIF outputs of the shards of one scan as one log, on stdout

Options:
  -f, --format NAME[:FILE]   text | sarif | github | compact | json; repeatable, FILE writes there
  -c, --config FILE          use this config instead of the nearest .merlint.yaml
      --policy DIR           also load the team policies (*.policy.yaml) below DIR; repeatable
      --fail-on LEVEL        error | warning | note | none (default: error, or failOn in config)
      --baseline FILE        hide findings whose fingerprint is in this earlier SARIF or JSON output
      --write-baseline FILE  write the current findings as a baseline (JSON)
      --sarif-category NAME  code scanning category (runAutomationDetails.id NAME/) for uploads without upload-sarif
      --stdin-filename PATH  path (and so kind) of the text read from stdin when PATH is '-'
      --var-file FILE        Terraform variables applied after terraform.tfvars and *.auto.tfvars; repeatable, in order
      --changed[=REF]        only files changed against REF (default HEAD: staged, unstaged and new files), within PATHs
      --shard INDEX/COUNT    scan part INDEX of COUNT (1-based), for a CI matrix; merge the parts' SARIF with merge-sarif
      --color, --no-color    force colour on or off (default: on for a terminal; NO_COLOR, FORCE_COLOR)
      --debug                print stack traces of internal errors
  -h, --help                 this text
  -v, --version              the version

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage, configuration or internal error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  config: { type: 'string', short: 'c' },
  policy: { type: 'string', multiple: true },
  builtin: { type: 'boolean' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'sarif-category': { type: 'string' },
  'stdin-filename': { type: 'string' },
  'var-file': { type: 'string', multiple: true },
  changed: { type: 'string' },
  shard: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type ParsedOptions = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
type Values = ParsedOptions['values'];

function parseOptions(argv: string[]): ParsedOptions {
  // A pre-commit hook passes file names alone: without an option there is nothing for parseArgs to do,
  // and a run spares loading it (Node loads its module on first use).
  if (!argv.some((argument) => argument.startsWith('-'))) return { values: {}, positionals: argv };
  try {
    // `--changed` takes an optional ref, which parseArgs cannot express: a bare flag means HEAD.
    const args = argv.map((argument) => (argument === '--changed' ? '--changed=HEAD' : argument));
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('.')[0]!.replace(/^Unknown option '(.*)'$/, 'unknown option $1');
    throw new UsageError(`${message} (see merlint --help)`);
  }
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.error(`merlint: ${error.message}\n`);
    } else {
      io.error(`merlint: internal error: ${(error as Error).message}${debug ? '' : ' (run with --debug for details)'}\n`);
      if (debug) io.error(`${(error as Error).stack}\n`);
    }
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    io.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.write(`${readVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'rules') return listRules(io, rest, await teamPolicies(values, io));
  if (command === 'explain') return explainRule(io, rest, await teamPolicies(values, io));
  if (command === 'test') return testPolicies(io, rest, values);
  if (command === 'init') return initConfig(io, rest, values.force ?? false);
  if (command === 'merge-sarif') return mergeSarif(io, rest, values['fail-on']);
  return runScan(values, command === 'scan' ? rest : positionals, io);
}

async function runScan(values: Values, paths: string[], io: Io): Promise<number> {
  const outputs = (values.format ?? ['text']).map(parseFormat);
  const failOnFlag = parseFailOn(values['fail-on']);
  const shard = values.shard === undefined ? undefined : (await import('./shard.js')).parseShard(values.shard);
  const targets = values.changed === undefined ? (paths.length ? paths : ['.']) : await changedTargets(io.cwd, values.changed, paths);
  const usesStdin = targets.includes('-');
  const varFiles = values['var-file'] ?? [];
  const scanned = targets.filter((path) => path !== '-').map((path) => namedTarget(io.cwd, path));
  if (scanned.some((path) => statSync(path).isDirectory())) await keepMemoryLow();
  const namedVarFiles = varFiles.map((file) => realTarget(io.cwd, file));
  // The config nearest the scanned files applies, so `merlint examples` uses examples/.merlint.yaml.
  const configStart = scanned.length ? targetsDirectory(scanned) : scanRoot(io.cwd, namedVarFiles);
  const config = await loadConfig(findConfig(configStart, values.config && resolve(io.cwd, values.config)), BUILTIN_IDS, policyDirectories(values, io));
  // A var file, named or listed in the config, widens the scan root like a path does: merlint reads nothing outside the root.
  // A missing one is left to the scan, which says so.
  const configVarFiles = config.terraform.varFiles.flatMap((file) => {
    try {
      return [realPath(file)];
    } catch {
      return [];
    }
  });
  const root = scanRoot(io.cwd, [...scanned, ...namedVarFiles, ...configVarFiles]);
  const stdin = usesStdin ? await readStdinFile(values['stdin-filename'], root, io) : undefined;
  const baseline = values.baseline ? readBaseline(resolve(io.cwd, values.baseline), values.baseline) : undefined;
  const result = await scan({
    root,
    paths: targets.filter((path) => path !== '-').map((path) => resolve(io.cwd, path)),
    namedFrom: io.cwd,
    ...(stdin ? { stdin } : {}),
    config,
    ...(baseline ? { baseline } : {}),
    varFiles: [...config.terraform.varFiles, ...varFiles.map((file) => resolve(io.cwd, file))],
    today: utcDate(),
    ...(shard ? { shard } : {}),
  });
  const category = values['sarif-category'];
  // package.json is read only for the formats that print merlint's version.
  const options = (color: boolean): ReporterOptions => ({
    color,
    get version() {
      return readVersion();
    },
    ...(category ? { sarifCategory: category } : {}),
  });
  for (const output of outputs) {
    const color = output.file === undefined && useColor(values, io);
    const text = (await reporter(output.format, options(color)))(result);
    if (output.file === undefined) io.write(text);
    else writeOutput(resolve(io.cwd, output.file), text);
  }
  if (values['write-baseline']) writeOutput(resolve(io.cwd, values['write-baseline']), (await reporter('json', options(false)))(result));
  if (outputs.some((output) => output.format === 'github') && io.env.GITHUB_STEP_SUMMARY) {
    await appendStepSummary(io.env.GITHUB_STEP_SUMMARY, result);
  }
  // A rule that failed is an internal error: its findings are missing, so a clean result cannot be trusted.
  const failures = result.notices.filter((notice) => notice.level === 'error');
  if (failures.length > 0) {
    io.error(`merlint: internal error: ${failures[0]!.message}${failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''}\n`);
    return 2;
  }
  return exitCode(result, failOnFlag ?? config.failOn);
}

async function mergeSarif(io: Io, files: string[], failOn: string | undefined): Promise<number> {
  const threshold = parseFailOn(failOn) ?? 'error';
  const { mergeSarifFiles } = await import('./merge-sarif.js');
  const merged = mergeSarifFiles(files.map((file) => resolve(io.cwd, file)));
  io.write(merged.text);
  return failsOn(merged.results.filter((result) => !result.suppressions?.length).map((result) => result.level), threshold);
}

async function reporter(format: Format, options: ReporterOptions) {
  const { loadReporter } = await import('./reporters/index.js');
  return loadReporter(format, options);
}

async function appendStepSummary(file: string, result: ScanResult): Promise<void> {
  const { formatStepSummary } = await import('./reporters/github.js');
  try {
    appendFileSync(file, formatStepSummary(result));
  } catch (error) {
    throw new UsageError(`cannot append to GITHUB_STEP_SUMMARY ${file}: ${systemReason(error)}`);
  }
}

/** Changed files under the given paths (default: everything changed below the working directory). */
async function changedTargets(cwd: string, ref: string, paths: string[]): Promise<string[]> {
  const { changedFiles } = await import('./changed.js');
  // A directory named through a link holds the files of its target, which git names by their own paths.
  // realTarget refuses a missing path; the named one then needs only its parent resolved.
  const within = (paths.length ? paths : ['.']).flatMap((path) => {
    const real = realTarget(cwd, path);
    return [withRealParent(resolve(cwd, path)), real];
  });
  return changedFiles(cwd, ref).filter((file) => within.some((directory) => isInside(directory, file)));
}

function parseFormat(spec: string): { format: Format; file: string | undefined } {
  const colon = spec.indexOf(':');
  const name = colon === -1 ? spec : spec.slice(0, colon);
  const file = colon === -1 ? undefined : spec.slice(colon + 1);
  if (!isFormat(name)) throw new UsageError(`unknown format ${name}; use text, sarif, github, compact or json`);
  if (file === '') throw new UsageError(`--format ${name}: needs a file name after the colon`);
  return { format: name, file };
}

function isFailOn(value: string): value is Level | 'none' {
  return value === 'none' || (LEVELS as readonly string[]).includes(value);
}

/** A named path with every symbolic link in it followed; a missing path is a usage error. */
function realTarget(cwd: string, path: string): string {
  try {
    return realPath(resolve(cwd, path));
  } catch {
    throw new UsageError(`cannot read ${path}: no such file or directory`);
  }
}

/**
 * A scan path as named, with the directories above it resolved: a symbolic link named is kept, not
 * followed, so that the scan root holds the link and discovery refuses one that leads out of it.
 */
function namedTarget(cwd: string, path: string): string {
  realTarget(cwd, path); // only to refuse a missing path or a broken link
  return withRealParent(resolve(cwd, path));
}

/** The scan root: the working directory, or the nearest directory holding every target when some lie outside it. */
function scanRoot(cwd: string, targets: string[]): string {
  const root = realPath(cwd);
  return targets.every((target) => isInside(root, target)) ? root : targetsDirectory(targets);
}

/** The deepest directory that holds every target (a file target counts as its directory). */
function targetsDirectory(targets: string[]): string {
  return targets.map((target) => (statSync(target).isDirectory() ? target : dirname(target))).reduce(commonDirectory);
}

async function readStdinFile(filename: string | undefined, root: string, io: Io) {
  if (!filename) throw new UsageError("reading '-' from stdin needs --stdin-filename PATH (the path decides the file kind)");
  const name = filename.split(/[\\/]/).join('/');
  if (!classify(name) && !decidedByContent(name)) throw new UsageError(`--stdin-filename ${filename}: not a kind of file merlint reads`);
  const bytes = await io.readStdin();
  // A YAML or JSON name: the text decides (`helm template … | merlint - --stdin-filename chart.yaml`); nothing of ours is nothing to check.
  const kind = recognise(name, () => decodeLeniently(bytes.subarray(0, CONTENT_PROBE_CHARS)));
  return kind ? { bytes, path: toRootRelative(root, resolve(io.cwd, filename)), kind } : undefined;
}

function readBaseline(file: string, shown: string): { file: string; fingerprints: Set<string> } {
  const data = readUserJson(file, 'baseline', shown);
  const fingerprints = new Set<string>();
  const sarif = data as { runs?: { results?: { partialFingerprints?: Record<string, string> }[] }[] };
  const json = data as { findings?: { fingerprint?: string }[] };
  if (Array.isArray(sarif.runs)) {
    for (const run of sarif.runs) for (const result of run.results ?? []) {
      const fingerprint = result.partialFingerprints?.[FINGERPRINT_KEY];
      if (fingerprint) fingerprints.add(fingerprint);
    }
  } else if (Array.isArray(json.findings)) {
    for (const finding of json.findings) if (finding.fingerprint) fingerprints.add(finding.fingerprint);
  } else {
    throw new UsageError(`baseline ${shown} is neither merlint SARIF nor merlint JSON output`);
  }
  return { file: shown, fingerprints };
}

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${systemReason(error)}`);
  }
}

function useColor(values: Values, io: Io): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR) return false;
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

export function exitCode(result: ScanResult, failOn: Level | 'none'): number {
  return failsOn(result.findings.filter((finding) => !finding.suppression).map((finding) => finding.level), failOn);
}

/** 1 when an unsuppressed finding is at or above `failOn`, else 0. */
function failsOn(levels: readonly Level[], failOn: Level | 'none'): number {
  if (failOn === 'none') return 0;
  return levels.some((level) => atLeast(level, failOn)) ? 1 : 0;
}

function parseFailOn(flag: string | undefined): Level | 'none' | undefined {
  if (flag !== undefined && !isFailOn(flag)) throw new UsageError(`--fail-on must be error, warning, note or none, not ${flag}`);
  return flag;
}

let version: string | undefined;
function readVersion(): string {
  version ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

function listRules(io: Io, rest: string[], policies: readonly RuleMeta[]): number {
  if (rest.length) throw new UsageError(`merlint rules takes no arguments`);
  const rows = [...allRules, ...policies].map((rule) => [rule.id, rule.level, rule.slug, rule.kinds.join(','), rule.title]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), 4));
  const header = ['ID', 'LEVEL', 'SLUG', 'KINDS', 'TITLE'];
  const line = (row: string[]) => row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join('  ').trimEnd();
  io.write(`${[header, ...rows].map(line).join('\n')}\n`);
  return 0;
}

async function initConfig(io: Io, rest: string[], force: boolean): Promise<number> {
  if (rest.length) throw new UsageError('merlint init takes no arguments; it writes .merlint.yaml in the current directory');
  const { writeStarterConfig } = await import('./init.js');
  io.write(`wrote ${await writeStarterConfig(io.cwd, force)}\n`);
  return 0;
}

async function explainRule(io: Io, rest: string[], policies: readonly PolicyRule[]): Promise<number> {
  const id = rest[0]?.toUpperCase();
  if (!id || rest.length > 1) throw new UsageError('usage: merlint explain ID (for example merlint explain DKR002)');
  const rule = [...allRules, ...policies].find((candidate) => candidate.id === id || candidate.slug === rest[0]);
  if (!rule) throw new UsageError(`no rule ${rest[0]}; run \`merlint rules\` for the list`);
  const { explain } = await import('./explain.js');
  io.write(explain(rule, io.cwd));
  return 0;
}

function policyDirectories(values: Values, io: Io): string[] {
  return (values.policy ?? []).map((directory) => resolve(io.cwd, directory));
}

/** The team policies of the configuration in the working directory (or --config) and of --policy. */
async function teamPolicies(values: Values, io: Io): Promise<PolicyRule[]> {
  const config = await loadConfig(findConfig(io.cwd, values.config && resolve(io.cwd, values.config)), BUILTIN_IDS, policyDirectories(values, io));
  return config.policies;
}

/** `merlint test [DIR ...]`: the policies below each DIR, or those the configuration lists, on their fixtures. */
async function testPolicies(io: Io, directories: string[], values: Values): Promise<number> {
  let policies: PolicyRule[];
  if (directories.length > 0) {
    const { loadPolicies } = await import('./policies/load.js');
    policies = await loadPolicies([...directories.map((directory) => resolve(io.cwd, directory)), ...policyDirectories(values, io)], BUILTIN_IDS);
  } else {
    policies = await teamPolicies(values, io);
  }
  if (policies.length === 0 && !values.builtin) {
    throw new UsageError(directories.length ? `no *.policy.yaml below ${directories.join(', ')}` : 'no team policies to test: name a directory (merlint test DIR), or list policies: in .merlint.yaml; --builtin tests the built-in rules');
  }
  const { runFixtureTests } = await import('./test-command.js');
  const run = await runFixtureTests(policies, values.builtin ?? false, BUILTIN_IDS, io.cwd);
  io.write(`${run.lines.join('\n')}\n`);
  return run.failed ? 1 : 0;
}
