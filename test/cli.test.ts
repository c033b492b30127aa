import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allRules } from '../rules/index.js';
import { assertUsageError, merlint } from './helpers/cli.js';
import { repoPath } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

// One DKR002 warning (line 1) and nothing else.
const WARNING_ONLY = 'FROM alpine:latest\nUSER 10001\n';
// One MER000 error (line 2).
const UNPARSEABLE = 'FROM alpine:3.22\nFORM alpine:3.22\n';
// Preloaded (`node -r`): writes the modules Node loaded to loaded.txt as the process exits.
const LOADED_MODULES = 'process.on("exit", () => require("node:fs").writeFileSync("loaded.txt", process.moduleLoadList.join("\\n")));\n';

test('an unknown flag exits 2 with one line on stderr', () => {
  assertUsageError(merlint(['--frobnicate']), /^merlint: unknown option --frobnicate/);
});

test('a command line of paths alone runs as after --, without loading Node\'s option parser', () => {
  const root = makeTree({ 'a/Dockerfile': WARNING_ONLY, 'b/Dockerfile': UNPARSEABLE, 'loaded.cjs': LOADED_MODULES });
  const optionParserLoaded = (args: string[]) => {
    const run = spawnSync(process.execPath, ['-r', './loaded.cjs', repoPath('bin', 'merlint.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const modules = readFileSync(join(root, 'loaded.txt'), 'utf8').split('\n');
    return { status: run.status, stdout: run.stdout.replace(/\(\d+ ms\)/, ''), parser: modules.includes('NativeModule internal/util/parse_args/parse_args') };
  };
  const plain = optionParserLoaded(['a', 'b/Dockerfile']);
  const afterDashes = optionParserLoaded(['--', 'a', 'b/Dockerfile']);
  assert.equal({ ...plain, parser: true }, afterDashes);
  assert.is(plain.status, 1);
  assert.is(plain.parser, false);
});

test('an unknown config key exits 2 with file:line:col naming the key', () => {
  const root = makeTree({ '.merlint.yaml': 'failOn: error\nignroe:\n  - vendor/\n', Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: root }), /^merlint: \.merlint\.yaml:2:1: unknown key ignroe\b/);
});

test('a bad config value exits 2 with file:line:col of the value', () => {
  const root = makeTree({ '.merlint.yaml': 'rules:\n  DKR002: note\nfailOn: sometimes\n', Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: root }), /^merlint: \.merlint\.yaml:3:9: failOn must be one of "error", "warning", "note", "none"$/);
});

test('a config of two YAML documents, or with a list for a key, exits 2 with one line in our words', () => {
  const two = makeTree({ '.merlint.yaml': 'failOn: error\n---\nfailOn: none\n', Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: two }), /^merlint: \.merlint\.yaml:2:1: the configuration is one YAML document; remove the second `---` and what follows it$/);
  const listKey = makeTree({ '.merlint.yaml': '? [failOn]\n: none\n', Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: listKey }), /^merlint: \.merlint\.yaml:1:1: unknown key \[ failOn \] in the configuration$/);
});

test('a config string that goes on left of its key is an error where it goes on, even where the YAML library would read it short without one', () => {
  const root = makeTree({ '.merlint.yaml': "ignore:\n  - 'build/''\n  - docs/'\n", Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: root }), /^merlint: \.merlint\.yaml:3:3: a quoted string goes on here, on a line indented no deeper than its key: YAML 1\.2 ends the string before this line \(go-yaml and PyYAML do not\); indent the line past the opening quote$/);
});

test('a config, baseline or output file that cannot be read or written is one line with the reason in words', () => {
  const root = makeTree({ Dockerfile: WARNING_ONLY, 'reports/.keep': '' });
  assertUsageError(merlint(['--config', 'none.yaml', '.'], { cwd: root }), /^merlint: cannot read config none\.yaml: no such file or directory$/);
  assertUsageError(merlint(['--baseline', 'none.json', '.'], { cwd: root }), /^merlint: cannot read baseline none\.json: no such file or directory$/);
  assertUsageError(merlint(['--format', 'json:reports', '.'], { cwd: root }), /^merlint: cannot write .*reports: a directory$/);
});

test('a rule setting with an unknown key, or a rule id in lower case, is named for what it is', () => {
  const extra = makeTree({ '.merlint.yaml': 'rules:\n  DKR002: { level: note, until: 2027-01-01 }\n', Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: extra }), /^merlint: \.merlint\.yaml:2:26: unknown key until in rules\.DKR002$/);
  const lower = makeTree({ '.merlint.yaml': 'rules:\n  dkr002: off\n', Dockerfile: WARNING_ONLY });
  assertUsageError(merlint(['.'], { cwd: lower }), /^merlint: \.merlint\.yaml:2:3: rules has a key that is not a rule id \(letters and three digits, e\.g\. DKR002\)$/);
});

test('a path that does not exist exits 2', () => {
  assertUsageError(merlint(['no/such/dir']), /^merlint: cannot read no\/such\/dir: no such file or directory$/);
});

test('--fail-on sets the lowest level that fails the run', () => {
  const root = makeTree({ 'warn/Dockerfile': WARNING_ONLY, 'error/Dockerfile': UNPARSEABLE });
  const status = (path: string, ...flags: string[]) => merlint([path, ...flags], { cwd: root }).status;
  assert.is(status('warn'), 0, 'a warning passes the default --fail-on error');
  assert.is(status('warn', '--fail-on', 'warning'), 1);
  assert.is(status('warn', '--fail-on', 'note'), 1);
  assert.is(status('error'), 1);
  assert.is(status('error', '--fail-on', 'none'), 0);
  assertUsageError(merlint(['warn', '--fail-on', 'sometimes'], { cwd: root }), /--fail-on must be error, warning, note or none/);
});

test('--fail-on overrides failOn in the config', () => {
  const root = makeTree({ '.merlint.yaml': 'failOn: warning\n', Dockerfile: WARNING_ONLY });
  assert.is(merlint(['.'], { cwd: root }).status, 1);
  assert.is(merlint(['.', '--fail-on', 'error'], { cwd: root }).status, 0);
});

test('the config nearest the scanned directory applies, its ignore globs relative to it', () => {
  const root = makeTree({
    'project/.merlint.yaml': 'rules:\n  DKR002: error\nignore:\n  - /third_party/\n',
    'project/Dockerfile': WARNING_ONLY,
    'project/third_party/Dockerfile': WARNING_ONLY,
  });
  const run = merlint(['project', '--format', 'compact'], { cwd: root });
  assert.match(run.stdout, /^project\/Dockerfile:1:6: error DKR002 [^\n]+\n$/);
  assert.is(run.status, 1);
});

test('scanVendored: true in the config scans the vendor directories that are skipped by default', () => {
  const root = makeTree({ Dockerfile: WARNING_ONLY, 'vendor/example.com/tool/Dockerfile': WARNING_ONLY });
  assert.match(merlint(['.', '--format', 'compact'], { cwd: root }).stdout, /^Dockerfile:1:6: warning DKR002 [^\n]+\n$/);
  writeFileSync(join(root, '.merlint.yaml'), 'scanVendored: true\n');
  assert.match(merlint(['.', '--format', 'compact'], { cwd: root }).stdout, /^Dockerfile:1:6: [^\n]+\nvendor\/example\.com\/tool\/Dockerfile:1:6: warning DKR002 [^\n]+\n$/);
});

test('--format compact:FILE writes the report to FILE and nothing to stdout', () => {
  const root = makeTree({ Dockerfile: WARNING_ONLY, 'out/.keep': '' });
  const run = merlint(['--format', 'compact:out/report.txt', '.'], { cwd: root });
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout, '');
  assert.match(readFileSync(join(root, 'out', 'report.txt'), 'utf8'), /^Dockerfile:1:6: warning DKR002 .+\n$/);
});

test('rules lists every rule id', () => {
  const run = merlint(['rules']);
  assert.is(run.status, 0);
  for (const rule of allRules) assert.match(run.stdout, new RegExp(`^${rule.id} `, 'm'));
});

test('explain prints the rationale and remediation of a rule', () => {
  const rule = allRules.find((candidate) => candidate.id === 'DKR002')!;
  const run = merlint(['explain', 'DKR002']);
  assert.is(run.status, 0);
  assert.ok(run.stdout.includes(rule.rationale), 'rationale');
  assert.ok(run.stdout.includes(rule.remediation), 'remediation');
});

test('explain of an unknown rule exits 2', () => {
  assertUsageError(merlint(['explain', 'XYZ999']), /^merlint: no rule XYZ999; run `merlint rules` for the list$/);
});

test("'-' with --stdin-filename scans standard input as that file", () => {
  const run = merlint(['-', '--stdin-filename', 'Dockerfile', '--format', 'compact', '--fail-on', 'warning'], { stdin: WARNING_ONLY });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stdout, /^Dockerfile:1:6: warning DKR002 /);
});

test('standard input is decoded as a file is: a byte order mark is dropped, and text that is not UTF-8 is MER000 at its byte', () => {
  const args = ['-', '--stdin-filename', 'Dockerfile', '--format', 'compact', '--fail-on', 'warning'];
  const bom = merlint(args, { stdin: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WARNING_ONLY)]) });
  assert.match(bom.stdout, /^Dockerfile:1:6: warning DKR002 /);
  const latin1 = merlint(args, { stdin: Buffer.from('FROM alpine:3.20\nLABEL maintainer="Ren\xe9e Tan"\nUSER 10001\n', 'latin1') });
  assert.is(latin1.stdout, 'Dockerfile:2:22: error MER000 not valid UTF-8; save the file as UTF-8 (byte 39)\n');
});

test("'-' without --stdin-filename exits 2", () => {
  assertUsageError(merlint(['-'], { stdin: WARNING_ONLY }), /needs --stdin-filename/);
});

test('--help and --version exit 0', () => {
  assert.match(merlint(['--help']).stdout, /^Usage: merlint/);
  assert.match(merlint(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
});

test.run();
