import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { allRules } from '../../rules/index.js';
import { defaultConfig } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load.js';
import { scan } from '../../src/engine.js';
import { UsageError } from '../../src/errors.js';
import { parseDockerfile } from '../../src/languages/dockerfile/parser.js';
import { classify, recognise, type Kind } from '../../src/languages/index.js';
import { LineIndex } from '../../src/positions.js';
import type { Range } from '../../src/types.js';
import { repoPath } from '../helpers/scan.js';

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
const DOCKERFILE_TOKENS = ['FROM ', 'RUN ', 'COPY ', 'ADD ', 'ARG ', 'ENV ', 'USER ', 'WORKDIR ', 'ENTRYPOINT ', 'CMD ', 'HEALTHCHECK ', 'ONBUILD ', 'SHELL ', 'AS ', '--from=', '--mount=type=secret,id=x ', '--chown=', '\\\n', '\n', '$', '${', '}', '${A:-b}', '"', "'", '[', ']', '&&', '|', ';', '#', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '<<EOF\n', '\nEOF\n', '`', 'golang:1.25', '@sha256:', 'alpine', 'scratch', 'GOPROXY=', 'curl ', 'apt-get install ', '\t', '\r\n', '\u00e9', '\u0000'];
const SUPPRESSION_PIECES = ['merlint-ignore', 'merlint-ignore-file', ' ', ',', 'DKR002', 'DKR003', 'RES001', 'RES003', 'MER000', 'XYZ999', 'until=', '2020-01-01', '2099-12-31', '2025-02-30', '--', 'reason', ' -- ', '#', '*'];
const YAML_TOKENS = ['apiVersion: v1\n', 'kind: Deployment\n', 'kind: List\n', 'items:\n', 'metadata:\n', 'spec:\n', 'containers:\n', 'env:\n', 'jobs:\n', 'steps:\n', 'run: |\n', 'variables:\n', 'script:\n', 'services:\n', 'environment:\n', '- name: GOPROXY\n', 'value: ', '  ', '- ', ': ', '"', "'", '{', '}', '[', ']', '&a ', '*a', '<<: *a\n', '!!str ', '|', '>-', '---\n', '...\n', '#', '${{ env.X }}', '{{ .Values.x }}', '[::1]', 'sysctl -w net.ipv6.conf.all.disable_ipv6=1', '\t', '\n', '\u0000', '\ufeff', '\r\n'];
const SHELL_TOKENS = ['export ', 'GOPROXY=', 'GOSUMDB=off', 'go env -w ', 'sysctl -w ', 'net.ipv6.conf.all.disable_ipv6=1', '>> /etc/sysctl.conf', 'sh -c ', 'bash -c ', 'eval ', '"', "'", '$(', ')', '`', '${', '}', '&&', '||', '|', ';', '<<EOF\n', '\nEOF\n', '<<<', 'if ', 'then ', 'fi', 'case ', 'esac', 'function f() {', '#', '\\\n', '\n', '\t', '\u0000', '\r\n'];
const SOURCE_TOKENS = ['package main\n', 'import "go.uber.org/zap"\n', 'import pino from "pino";\n', 'func f() {', 'function f() {', '}', '(', ')', '{', '[', ']', ',', ';', '"', "'", '`', '${', '%v', '%+v', 'logger.Info(', 'console.log(', 'zap.String("phone", ', 'log.Printf(', 'user.Phone', 'nric', '+65 9123 4567', 'S1234567D', '/*', '*/', '//', ':=', '=>', '...', '\n', '\u0000', '\r\n'];
const SETTINGS_TOKENS = ['GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GOPRIVATE', 'GOFLAGS', '=', ':=', '?=', '+=', 'export ', 'override ', 'define ', 'endef', '$(', ')', '${', '}', '$$', '"', "'", '\\\n', '#', 'https://', 'http://', 'user:token@', ',', '|', 'direct', 'off', '*', ':', '\t', '\n', '\r\n', '\u0000'];
const CONFIG_TOKENS = ['rules:\n', 'ignore:\n', 'failOn: ', 'error', 'warning', 'off', 'DKR002', 'XYZ999', '  ', '- ', ': ', 'level: ', 'residency:\n', 'allowedRegions:\n', 'aws: ', '[ap-southeast-1]', 'approvedTransfers:\n', 'cloud: ', 'region: ', 'basis: ', 'contract', 'terraform:\n', 'varFiles: ', 'docker:\n', '"', "'", '{', '}', '[', ']', '&a', '*a', '!!binary ', '---\n', '...\n', '\t', '\n', '#', '%YAML 1.2\n', '<<: ', '~', '\u0000', '\ufeff', '\r\n'];

let root: string | undefined;
const listed = new Map<string, string[]>();

export const FUZZ_TARGETS: FuzzTarget[] = [
  { ...language('Dockerfile', DOCKERFILE_TOKENS), check: checkDockerfile },
  language('main.tf', HCL_TOKENS),
  language('main.tf.json', JSON_TOKENS),
  language('terraform.tfvars', HCL_TOKENS),
  language('terraform.tfvars.json', JSON_TOKENS, ['{\n  "region": "ap-southeast-1",\n  "replicas": ["ap-northeast-1"],\n  "tags": { "Team": "payments" }\n}\n']),
  language('main.tfplan.json', JSON_TOKENS),
  language('deploy/payments.yaml', YAML_TOKENS, [], 'kubernetes'),
  language('scripts/start.sh', SHELL_TOKENS),
  language('main.go', SOURCE_TOKENS),
  language('webhook.ts', SOURCE_TOKENS),
  language('webhook.js', SOURCE_TOKENS),
  language('.env', SETTINGS_TOKENS),
  language('Makefile', SETTINGS_TOKENS),
  language('.github/workflows/ci.yml', YAML_TOKENS),
  language('.gitlab-ci.yml', YAML_TOKENS),
  language('.devcontainer/devcontainer.json', JSON_TOKENS),
  language('docker-compose.yml', YAML_TOKENS),
  suppressions('Dockerfile'),
  suppressions('main.tf'),
  configuration(),
];

/** Inputs named `path` (of `kind` where content decides it): its kind's files mutated, token soup, random text; each scanned on its own. */
function language(path: string, tokens: string[], moreSeeds: string[] = [], byContent?: Kind): FuzzTarget {
  const kind = byContent ?? classify(path)!;
  return { name: path, kind, inputs: () => textInputs([...seedsLike(path, kind, moreSeeds.length > 0), ...moreSeeds], tokens), check: (text) => checkScan(path, kind, text) };
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
    inputs: () => textInputs(seeds().map((path) => readFileSync(repoPath(path), 'utf8')), CONFIG_TOKENS),
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

/** Scans `text` as the file `path`: the scan must finish, no rule may fail, and every finding must point inside the text. */
async function checkScan(path: string, kind: Kind, text: string): Promise<string | undefined> {
  const result = await scan({ root: scanRoot(), paths: [], stdin: { bytes: Buffer.from(text), path, kind }, config: defaultConfig(), today: '2026-01-01' });
  const failed = result.notices.find((notice) => notice.level === 'error');
  if (failed) return `a rule failed: ${failed.message}`;
  const lineCount = new LineIndex(text).lineCount;
  for (const finding of result.findings) {
    if (finding.ruleId === 'MER000' && /^parser failed:/.test(finding.message)) return `the parser threw: ${finding.message}`;
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

/** Mutated seeds (most inputs), soups of the format's tokens, and arbitrary text. */
function textInputs(seeds: string[], tokens: string[]): fc.Arbitrary<string> {
  const token = fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: 'binary', maxLength: 4 }));
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: token }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );
  const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([seed, edits]) => edits.reduce(applyEdit, seed));
  const soup = fc.array(token, { maxLength: 60 }).map((pieces) => pieces.join(''));
  return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 2, arbitrary: soup }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) });
}

type Edit = { kind: 'delete'; at: number; length: number } | { kind: 'insert'; at: number; text: string } | { kind: 'duplicate'; at: number; length: number } | { kind: 'truncate'; at: number };

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
  }
}

/** The texts of the repository's files that merlint reads like `path` (same kind, same syntax: JSON or not). */
function seedsLike(path: string, kind: Kind | undefined = classify(path), noneNeeded = false): string[] {
  const json = path.endsWith('.json');
  const seeds = filesUnder(['fixtures', 'examples', 'test/corpus'])
    .filter((file) => file.endsWith('.json') === json && recognise(file, () => readFileSync(repoPath(file), 'utf8').slice(0, 65536)) === kind)
    .map((file) => readFileSync(repoPath(file), 'utf8'));
  if (seeds.length === 0 && !noneNeeded) throw new Error(`no seed files of the kind of ${path} under fixtures/, examples/ or test/corpus/`);
  return seeds;
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
