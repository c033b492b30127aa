import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { allRules } from '../../rules/index.js';
import { defaultConfig } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load.js';
import { loadPolicies } from '../../src/policies/load.js';
import { decodeLeniently } from '../../src/source.js';
import { scan } from '../../src/engine.js';
import { UsageError } from '../../src/errors.js';
import { parseDockerfile } from '../../src/languages/dockerfile/parser.js';
import { classify, recognise, type Kind } from '../../src/languages/index.js';
import { LineIndex } from '../../src/positions.js';
import type { Range } from '../../src/types.js';
import { repoPath } from '../helpers/scan.js';
import * as structures from './structures.js';

/*
 * What the fuzz suite feeds and what it requires of each input. A language parser is one line of
 * FUZZ_TARGETS: `language('deployment.yaml', YAML_TOKENS)` fuzzes every file merlint classifies like
 * `deployment.yaml` through the whole engine (parser, model, rules, suppressions), seeded with the
 * files of that kind under fixtures/, examples/ and test/corpus/.
 */

export interface FuzzTarget {
  name: string;
  /** The kind of file it feeds the engine, for a language's target. */
  kind?: Kind;
  inputs: () => fc.Arbitrary<string>;
  /** Runs one input; resolves to a description of what is wrong with the outcome, or undefined. */
  check: (text: string) => Promise<string | undefined>;
}

const HCL_TOKENS = ['{', '}', '[', ']', '(', ')', '"', '=', '==', '\n', ',', '.', '*', ':', '?', '!', '-', '${', '%{', '}', '~', '#', '//', '/*', '*/', '<<EOF\n', '<<-EOT\n', '\nEOF\n', 'EOT', '1e', '0x', '...', '=>', 'for', 'in', 'if', 'endif', 'endfor', 'null', 'true', 'var.', 'local.', 'module.', 'each.', 'count.index', 'region', 'provider "aws" {\n', 'resource "a" "b" {\n', 'module "m" {\n  source = "./m"\n', 'variable "v" {\n', '\\', '\t', '\r\n', '\u00e9', '\ud83d\ude00', '\u0000'];
const JSON_TOKENS = ['{', '}', '[', ']', ':', ',', '"', '""', '"${', '}"', 'null', 'true', '1e999', '-0', '"resource"', '"variable"', '"provider"', '"region"', '"module"', '"//"', '"planned_values"', '"resource_changes"', '"after"', '"values"', '\\u0000', '\\', '\n', '\ud800', '\u00e9', '\r\n'];
const DOCKERFILE_TOKENS = ['FROM ', 'RUN ', 'COPY ', 'ADD ', 'ARG ', 'ENV ', 'USER ', 'WORKDIR ', 'ENTRYPOINT ', 'CMD ', 'HEALTHCHECK ', 'ONBUILD ', 'SHELL ', 'AS ', '--from=', '--mount=type=secret,id=x ', '--chown=', '\\\n', '\n', '$', '${', '}', '${A:-b}', '"', "'", '[', ']', '&&', '|', ';', '#', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '<<EOF\n', '<<E"OF"', '<<\\EOF', '3<<', '\nEOF\n', '`', 'golang:1.25', '@sha256:', 'alpine', 'scratch', 'GOPROXY=', 'curl ', 'apt-get install ', '\t', '\r\n', '\u00e9', '\u0000'];
const SUPPRESSION_PIECES = ['merlint-ignore', 'merlint-ignore-file', ' ', ',', 'DKR002', 'DKR003', 'RES001', 'RES003', 'MER000', 'XYZ999', 'until=', '2020-01-01', '2099-12-31', '2025-02-30', '--', 'reason', ' -- ', '#', '*'];
const YAML_TOKENS = ['apiVersion: v1\n', 'kind: Deployment\n', 'kind: List\n', 'items:\n', 'metadata:\n', 'spec:\n', 'containers:\n', 'env:\n', 'jobs:\n', 'steps:\n', 'run: |\n', 'variables:\n', 'script:\n', 'services:\n', 'environment:\n', '- name: GOPROXY\n', 'value: ', '  ', '- ', ': ', '"', "'", '{', '}', '[', ']', '&a ', '*a', '<<: *a\n', '!!str ', '|', '>-', '---\n', '...\n', '#', '${{ env.X }}', '{{ .Values.x }}', '[::1]', 'sysctl -w net.ipv6.conf.all.disable_ipv6=1', '\t', '\n', '\u0000', '\ufeff', '\r\n'];
const SHELL_TOKENS = ['export ', 'GOPROXY=', 'GOSUMDB=off', 'go env -w ', 'sysctl -w ', 'net.ipv6.conf.all.disable_ipv6=1', '>> /etc/sysctl.conf', 'sh -c ', 'bash -c ', 'eval ', '"', "'", '$(', ')', '`', '${', '}', '&&', '||', '|', ';', '<<EOF\n', '\nEOF\n', '<<<', 'if ', 'then ', 'fi', 'case ', 'esac', 'function f() {', '#', '\\\n', '\n', '\t', '\u0000', '\r\n'];
const SOURCE_TOKENS = ['package main\n', 'import "go.uber.org/zap"\n', 'import pino from "pino";\n', 'func f() {', 'function f() {', '}', '(', ')', '{', '[', ']', ',', ';', '"', "'", '`', '${', '%v', '%+v', 'logger.Info(', 'console.log(', 'zap.String("phone", ', 'log.Printf(', 'user.Phone', 'nric', '+65 9123 4567', 'S1234567D', '/*', '*/', '//', ':=', '=>', '...', '\n', '\u0000', '\r\n'];
const SETTINGS_TOKENS = ['GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GOPRIVATE', 'GOFLAGS', '=', ':=', '?=', '+=', 'export ', 'override ', 'define ', 'endef', '$(', ')', '${', '}', '$$', '"', "'", '\\\n', '#', 'https://', 'http://', 'user:token@', ',', '|', 'direct', 'off', '*', ':', '\t', '\n', '\r\n', '\u0000'];
const CONFIG_TOKENS = ['rules:\n', 'ignore:\n', 'failOn: ', 'error', 'warning', 'off', 'DKR002', 'XYZ999', '  ', '- ', ': ', 'level: ', 'residency:\n', 'allowedRegions:\n', 'aws: ', '[ap-southeast-1]', 'approvedTransfers:\n', 'cloud: ', 'region: ', 'basis: ', 'contract', 'terraform:\n', 'varFiles: ', 'docker:\n', '"', "'", '{', '}', '[', ']', '&a', '*a', '!!binary ', '---\n', '...\n', '\t', '\n', '#', '%YAML 1.2\n', '<<: ', '~', '\u0000', '\ufeff', '\r\n'];

const POLICY_TOKENS = ['id: ', 'TEAM001', 'title: ', 'level: ', 'warning', 'rationale: ', 'remediation: ', 'target: ', 'terraform.resource', 'dockerfile.instruction', 'kubernetes.container', 'go.setting', 'select:\n', 'type: ', 'name: ', 'labels: ', 'where:\n', 'assert:\n', 'path: ', 'exists: ', 'absent: ', 'matches: ', 'notMatches: ', 'equals: ', 'oneOf: ', 'atLeast: ', 'referencedBy: ', 'all:\n', 'any:\n', 'not:\n', 'message: ', '[*]', '.', '["', '"]', '(a+)+', '\\', '  ', '- ', '\n', '{', '}', '[', ']', '"', "'", '&a ', '*a', '\t', '\r\n', '\u0000'];

let root: string | undefined;
const listed = new Map<string, string[]>();
const seedsRead = new Map<string, string[]>();

/** Openings nested thousands deep by the transforms of structures.ts, whatever the format (each parser must refuse the depth, not overflow). */
const DEEP = ['[', '{', '(', '${', '"${', '$(', '`', '%{ if a }', '- ', '  ', '[for x in a : ', 'f(', '!', 'a ? b : ', '\\\n', '<<EOF\n', '&a [', '*a, ', '? ', '"', "'", 'a.', '-', 'module.a.'];

const TFVARS_JSON = '{\n  "region": "ap-southeast-1",\n  "replicas": ["ap-northeast-1"],\n  "tags": { "Team": "payments" }\n}\n';

export const FUZZ_TARGETS: FuzzTarget[] = [
  { ...language('Dockerfile', DOCKERFILE_TOKENS, structures.dockerfile), check: checkDockerfile },
  language('main.tf', HCL_TOKENS, structures.hcl),
  language('main.tf.json', JSON_TOKENS, structures.jsonc),
  language('terraform.tfvars', HCL_TOKENS, structures.tfvars),
  language('terraform.tfvars.json', JSON_TOKENS, structures.jsonc, { seeds: [TFVARS_JSON] }),
  language('main.tfplan.json', JSON_TOKENS, structures.jsonc),
  language('deploy/payments.yaml', YAML_TOKENS, structures.manifest, { byContent: 'kubernetes' }),
  language('scripts/start.sh', SHELL_TOKENS, structures.shellScript),
  language('main.go', SOURCE_TOKENS, structures.goSource),
  language('webhook.ts', SOURCE_TOKENS, structures.tsSource),
  language('webhook.js', SOURCE_TOKENS, structures.tsSource),
  language('.env', SETTINGS_TOKENS, structures.envFile),
  language('Makefile', SETTINGS_TOKENS, structures.makefile),
  language('.github/workflows/ci.yml', YAML_TOKENS, structures.workflow),
  language('.gitlab-ci.yml', YAML_TOKENS, structures.gitlab),
  language('.devcontainer/devcontainer.json', JSON_TOKENS, structures.jsonc),
  language('docker-compose.yml', YAML_TOKENS, structures.compose),
  suppressions('Dockerfile'),
  suppressions('main.tf'),
  configuration(),
  policies(),
  encodings(),
];

/**
 * Inputs named `path` (of `byContent` where content decides the kind): its kind's files mutated, token
 * soup, documents of its grammar (`structure`), those transformed, random text; each scanned on its own.
 */
function language(path: string, tokens: string[], structure: fc.Arbitrary<string>, options: { seeds?: string[]; byContent?: Kind } = {}): FuzzTarget {
  const kind = options.byContent ?? classify(path)!;
  const seeds = options.seeds ?? [];
  return { name: path, kind, inputs: () => textInputs([...seedsLike(path, kind, seeds.length > 0), ...seeds], tokens, structure), check: (text) => checkScan(path, kind, text) };
}

/** `merlint-ignore` comments of every shape, written at random lines of real files of that kind. */
function suppressions(path: string): FuzzTarget {
  const kind = classify(path)!;
  const comment = fc.array(fc.oneof(fc.constantFrom(...SUPPRESSION_PIECES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 10 }).map((pieces) => `# ${pieces.join('')}`);
  const inputs = () =>
    fc.tuple(fc.constantFrom(...seedsLike(path)), fc.array(fc.tuple(fc.nat(), comment), { minLength: 1, maxLength: 4 })).map(([seed, comments]) => {
      const lines = seed.split('\n');
      for (const [at, text] of comments) {
        const line = at % (lines.length + 1);
        // At the end of a line, or on a line of its own (Dockerfiles have only whole-line comments).
        if (kind === 'dockerfile' || at % 2 === 0) lines.splice(line, 0, text);
        else lines[Math.min(line, lines.length - 1)] += ` ${text}`;
      }
      return lines.join('\n');
    });
  return { name: `suppressions in ${path}`, inputs, check: (text) => checkScan(path, kind, text) };
}

/** `.merlint.yaml` text: loads, or fails with a configuration error that names its file, line and column. */
function configuration(): FuzzTarget {
  const known = new Set(allRules.map((rule) => rule.id));
  const seeds = () => filesUnder(['fixtures', 'examples', 'test']).filter((path) => path.endsWith('.merlint.yaml'));
  return {
    name: '.merlint.yaml',
    inputs: () => textInputs(seeds().map((path) => readFileSync(repoPath(path), 'utf8')), CONFIG_TOKENS, structures.config),
    async check(text) {
      const file = join(scanRoot(), '.merlint.yaml');
      writeFileSync(file, text);
      try {
        await loadConfig(file, known);
        return undefined;
      } catch (error) {
        if (!(error instanceof UsageError)) return `threw ${(error as Error)?.stack ?? String(error)}`;
        return /\.merlint\.yaml:\d+:\d+: \S/.test(error.message) ? undefined : `configuration error without file:line:col: ${error.message}`;
      }
    },
  };
}

/** Team policy files: load, or fail with a configuration error at their file, line and column; a policy that loads runs on a file of its target. */
function policies(): FuzzTarget {
  const known = new Set(allRules.map((rule) => rule.id));
  const seeds = () => filesUnder(['test/policies', 'examples', 'fixtures']).filter((path) => path.endsWith('.policy.yaml')).map((path) => readFileSync(repoPath(path), 'utf8'));
  const scanned: [prefix: string, path: string][] = [['terraform', 'main.tf'], ['dockerfile', 'Dockerfile'], ['kubernetes', 'deploy/payments.yaml'], ['go', '.env']];
  return {
    name: 'team.policy.yaml',
    inputs: () => textInputs(seeds(), POLICY_TOKENS, structures.policy),
    async check(text) {
      const directory = join(scanRoot(), 'policies');
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, 'team.policy.yaml'), text);
      let loaded;
      try {
        loaded = await loadPolicies([directory], known);
      } catch (error) {
        if (!(error instanceof UsageError)) return `threw ${(error as Error)?.stack ?? String(error)}`;
        return /team\.policy\.yaml:\d+:\d+: \S/.test(error.message) ? undefined : `policy error without file:line:col: ${error.message}`;
      }
      const [, path] = scanned.find(([prefix]) => /^target: *(\S+)/m.exec(text)?.[1]?.startsWith(prefix)) ?? scanned[0]!;
      const kind = recognise(path, () => 'apiVersion: v1\nkind: Pod\n')!;
      const seeds = seedsLike(path, kind);
      return checkScan(path, kind, seeds[text.length % seeds.length]!, { ...defaultConfig(), policies: loaded });
    },
  };
}

/**
 * Files of several kinds as bytes: UTF-8 with and without a byte order mark, UTF-16 either way, Latin-1,
 * cut in the middle of a character, bytes flipped. The input is the path, a line break, then one
 * character per byte (U+0000–U+00FF).
 */
function encodings(): FuzzTarget {
  const paths: [string, Kind][] = [['Dockerfile', 'dockerfile'], ['main.tf', 'terraform'], ['deploy/payments.yaml', 'kubernetes'], ['.env', classify('.env')!], ['webhook.ts', classify('webhook.ts')!], ['main.go', classify('main.go')!]];
  const encode = fc.constantFrom(
    (text: string) => Buffer.from(text),
    (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    (text: string) => Buffer.from(text, 'latin1'),
  );
  const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 });
  const inputs = () =>
    fc.tuple(fc.constantFrom(...paths), fc.nat(), encode, flips, fc.option(fc.nat())).map(([[path, kind], pick, encoded, flipped, cut]) => {
      const seeds = seedsLike(path, kind);
      const bytes = Buffer.from(encoded(seeds[pick % seeds.length]!));
      for (const [at, value] of flipped) if (bytes.length > 0) bytes[at % bytes.length] = value;
      const kept = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
      return `${path}\n${kept.toString('latin1')}`;
    });
  return {
    name: 'encodings',
    inputs,
    check(input) {
      const path = input.slice(0, input.indexOf('\n'));
      const [, kind] = paths.find(([candidate]) => candidate === path) ?? paths[0]!;
      return checkScan(path, kind, Buffer.from(input.slice(path.length + 1), 'latin1'));
    },
  };
}

/** Scans `input` (text, or bytes to decode) as the file `path`: the scan must finish, no rule may fail, and every finding must point inside the text. */
async function checkScan(path: string, kind: Kind, input: string | Uint8Array, config = defaultConfig()): Promise<string | undefined> {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const result = await scan({ root: scanRoot(), paths: [], stdin: { bytes, path, kind }, config, today: '2026-01-01' });
  const failed = result.notices.find((notice) => notice.level === 'error');
  if (failed) return `a rule failed: ${failed.message}`;
  const lineCount = new LineIndex(typeof input === 'string' ? input : decodeLeniently(input)).lineCount;
  for (const finding of result.findings) {
    // A reader that failed says so and asks for a report (the shell reader's "merlint could not read this shell script").
    if (finding.ruleId === 'MER000' && /^parser failed:|Please report this/.test(finding.message)) return `the parser threw: ${finding.message}`;
    if (!validRange(finding.location.range, lineCount)) return `${finding.ruleId} at an impossible position ${JSON.stringify(finding.location.range)}: ${finding.message}`;
  }
  return undefined;
}

/** The scan, and the commands of every RUN, which the scan lexes only where a rule may read them. */
async function checkDockerfile(text: string): Promise<string | undefined> {
  const failed = await checkScan('Dockerfile', 'dockerfile', text);
  if (failed) return failed;
  const lineCount = new LineIndex(text).lineCount;
  for (const stage of parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text }).document?.stages ?? []) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const words = instruction.commands.flatMap((command) => [...command.assignments, ...command.words, ...command.redirects.map((redirect) => redirect.target)]);
      const misplaced = words.find((word) => !validRange(word.range, lineCount));
      if (misplaced) return `RUN word ${JSON.stringify(misplaced.value)} at an impossible position ${JSON.stringify(misplaced.range)}`;
    }
  }
  return undefined;
}

function validRange({ start, end }: Range, lineCount: number): boolean {
  const ordered = end.line > start.line || (end.line === start.line && end.column >= start.column);
  return start.line >= 1 && start.column >= 1 && start.line <= lineCount && end.line <= lineCount + 1 && ordered;
}


/** An empty directory to scan in: fuzzed Terraform may ask for module sources and files, and finds none. */
function scanRoot(): string {
  if (!root) {
    const made = mkdtempSync(join(realpathSync(tmpdir()), 'merlint-fuzz-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    root = made;
  }
  return root;
}

/** Mutated seeds (most inputs), soups of the format's tokens, documents of its grammar, those transformed (structures.ts), and arbitrary text. */
function textInputs(seeds: string[], tokens: string[], structure: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const token = fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: 'binary', maxLength: 4 }));
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: token }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('cut at structure' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate line' as const), at: fc.nat() }),
  );
  const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([seed, edits]) => edits.reduce(applyEdit, seed));
  const soup = fc.array(token, { maxLength: 60 }).map((pieces) => pieces.join(''));
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: soup },
    { weight: 3, arbitrary: structure },
    { weight: 2, arbitrary: structures.transformed(fc.oneof(structure, mutated), DEEP) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

type Edit = { kind: 'delete' | 'duplicate'; at: number; length: number } | { kind: 'insert'; at: number; text: string } | { kind: 'truncate' | 'cut at structure' | 'delete line' | 'duplicate line'; at: number };

/** Characters where a cut leaves something open. */
const STRUCTURAL = /[{}[\]()"'`<>:=#$%|\\\n-]/g;

function applyEdit(text: string, edit: Edit): string {
  const at = edit.at % (text.length + 1);
  switch (edit.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'cut at structure': {
      const cuts = [...text.matchAll(STRUCTURAL)];
      return cuts.length === 0 ? text : text.slice(0, cuts[edit.at % cuts.length]!.index + 1);
    }
    case 'delete line':
    case 'duplicate line': {
      const lines = text.split('\n');
      const line = edit.at % lines.length;
      lines.splice(line, edit.kind === 'delete line' ? 1 : 0, ...(edit.kind === 'delete line' ? [] : [lines[line]!]));
      return lines.join('\n');
    }
  }
}

/** The texts of the repository's files that merlint reads like `path` (same kind, same syntax: JSON or not). */
function seedsLike(path: string, kind: Kind | undefined = classify(path), noneNeeded = false): string[] {
  const key = `${path}\n${kind}`;
  let seeds = seedsRead.get(key);
  if (seeds) return seeds;
  const json = path.endsWith('.json');
  const files: [string, string][] = [...filesUnder(['fixtures', 'examples', 'test/corpus']).map((file): [string, string] => [file, repoPath(file)]), ...moreSeedFiles()];
  seeds = files.filter(([file, absolute]) => file.endsWith('.json') === json && recognise(file, () => readFileSync(absolute, 'utf8').slice(0, 65536)) === kind).map(([, absolute]) => readFileSync(absolute, 'utf8'));
  if (seeds.length === 0 && !noneNeeded) throw new Error(`no seed files of the kind of ${path} under fixtures/, examples/ or test/corpus/`);
  seedsRead.set(key, seeds);
  return seeds;
}


/**
 * [path relative to its directory, absolute path] of the files under the directories MERLINT_FUZZ_SEEDS
 * lists (`:`-separated), seeds beside the repository's own for runs on demand (the real corpora).
 */
function moreSeedFiles(): [string, string][] {
  return (process.env.MERLINT_FUZZ_SEEDS ?? '').split(':').filter(Boolean).flatMap((directory) =>
    readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry): [string, string] => [relative(directory, join(entry.parentPath, entry.name)).split('\\').join('/'), join(entry.parentPath, entry.name)]),
  );
}

/** Repository-relative paths of the files under `directories`, `/`-separated. */
function filesUnder(directories: string[]): string[] {
  const key = directories.join('\n');
  let files = listed.get(key);
  if (!files) {
    files = directories.flatMap((directory) =>
      readdirSync(repoPath(directory), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(repoPath(), join(entry.parentPath, entry.name)).split('\\').join('/')),
    );
    listed.set(key, files);
  }
  return files;
}
