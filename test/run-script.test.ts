import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig } from '../src/config/config.js';
import { scan } from '../src/engine.js';
import { GO_COMMAND, programName, type RunInstruction } from '../src/languages/dockerfile/model.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import { CommandWords } from '../src/shell/command-words.js';
import { RunScript } from '../src/languages/dockerfile/run-script.js';
import type { Finding } from '../src/types.js';

const SEED = 20261206;

const baseName = (value: string) => value.slice(value.lastIndexOf('/') + 1);

/** The words the rules look for in RUN commands, each with what a word's value is when it holds one (as the readers see it). */
const SOUGHT: [CommandWords, (value: string) => boolean][] = [
  ...['sysctl', '/proc/sys', '.sh', '.bash'].map((word): [CommandWords, (value: string) => boolean] => [CommandWords.anywhere(word), (value) => value.includes(word)]),
  ...['go', 'apt', 'apt-get', 'apk', 'yum', 'dnf', 'microdnf', 'pip', 'pip3'].map((name): [CommandWords, (value: string) => boolean] => [CommandWords.programs(name), (value) => baseName(value) === name]),
  [CommandWords.programs('pip3.[0-9]+'), (value) => /^pip3\.[0-9]+$/.test(baseName(value))],
  [CommandWords.wordStarts('GO[A-Z0-9]+='), (value) => /^GO[A-Z0-9]+=/.test(value)],
];
/** Programs that the rules read, and words that spell part of one (`cargo`, `gosu`, `${X}go`, `pipenv`) but are none. */
const PROGRAMS = [
  'apt-get', 'apt', 'apk', 'dnf', 'microdnf', 'yum', 'pip', 'pip3', 'pip3.11', 'python3 -m pip', 'go', '/usr/local/go/bin/go', '$GOROOT/bin/go', 'sysctl', '/sbin/sysctl',
  'tee -a', 'echo', 'cat', 'rm -rf', 'curl', './start.sh', 'export', 'cargo', 'gosu', 'golang-go', 'django-admin', '${X}go', 'go${X}', '${GO:-go}', 'pipenv', 'apt-cache', 'apkx',
];
const ARGUMENTS = [
  'install', 'add', 'update', 'upgrade', '-y', '--no-cache', '--no-cache-dir', 'curl', 'gcc', 'gcompat', 'clean', 'all', 'build', 'mod', 'download', 'env', '-w',
  'GOPROXY=direct', 'GOSUMDB=off', 'GOFLAGS=-mod=mod', 'CGO_ENABLED=1', '-o', '/out/app', './...', 'net.ipv6.conf.all.disable_ipv6=1', '-p', '/var/lib/apt/lists/*',
  '/var/cache/apk', '/etc/sysctl.conf', '/proc/sys/net/ipv6/conf/all/disable_ipv6', 'run.bash', '1', 'x', 'go', 'pip', 'GOSU_VERSION=1.17', 'GO_VERSION=1.22', 'GOPATH=/go',
  'XGOFLAGS=1', 'mongo', 'google', 'adapter', 'pipeline',
];

/**
 * A word as the lexer may be given it: as written, or with quotes, an escape, a line continuation, a variable,
 * ANSI-C quoting or `$"…"` splitting or replacing a part of it (`ap"t"-get`, `s\<newline>ysctl`, `$'\x61'pt`).
 */
function spelled(word: string): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(word.length), fc.nat(8)).map(([at, how]) => {
    const head = word.slice(0, at);
    const tail = word.slice(at);
    const next = tail[0] ?? '';
    switch (how) {
      case 0:
        return `${head}"${tail}"`;
      case 1:
        return `${head}''${tail}`;
      case 2:
        return next === '' ? word : `${head}\\${tail}`;
      case 3:
        return `${head}\\\n${tail}`;
      case 4:
        return next === '' ? `${word}$X` : `${head}$'\\x${next.charCodeAt(0).toString(16)}'${tail.slice(1)}`;
      case 5:
        return `${head}$"${tail}"`;
      case 6:
        return `${head}\${V}${tail}`;
      default:
        return word;
    }
  });
}

const spelledWord = (words: readonly string[]) => fc.constantFrom(...words).chain((word) => fc.oneof({ weight: 3, arbitrary: fc.constant(word) }, { weight: 2, arbitrary: spelled(word) }));

/** Commands that the rules report, each word of them spelled in any of those ways. */
const REPORTED = [
  'export GOSUMDB=off', 'go env -w GONOSUMDB=*', 'env GOFLAGS=-insecure go build -o /out/app .', 'GOINSECURE=* go mod download', 'sysctl -w net.ipv6.conf.all.disable_ipv6=1',
  'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6', 'apt-get update', 'apk add curl', 'pip install flask', 'dnf install -y gcc', 'go build -o /out/app .', 'microdnf install -y gcc', 'pip3.11 install flask',
  '$GOROOT/bin/go build -o /out/app .',
];
const reported = fc.constantFrom(...REPORTED).chain((command) => fc.tuple(...command.split(' ').map((word) => spelledWord([word]))).map((words) => words.join(' ')));

const anyCommand = fc
  .tuple(fc.option(spelledWord(['GOPROXY=off', 'PIP_NO_CACHE_DIR=1', 'CGO_ENABLED=0', 'A=1', 'GOSU_VERSION=1', 'GO111MODULE=on']), { nil: undefined }), spelledWord(PROGRAMS), fc.array(spelledWord(ARGUMENTS), { maxLength: 4 }), fc.option(fc.constantFrom('> /proc/sys/net/ipv6/conf/all/disable_ipv6', '>> /etc/sysctl.d/ipv6.conf', '2>&1', '<<< "net.ipv6.conf.all.disable_ipv6 = 1"'), { nil: undefined }))
  .map(([prefix, program, args, redirect]) => [prefix, program, ...args, redirect].filter((part) => part !== undefined).join(' '));
const simpleCommand = fc.oneof(anyCommand, reported);

/**
 * How a command stands in a RUN's script: as it is, or run by `sh -c` with its quotes taken out, or with each of its
 * characters quoted on its own (so that quotes stand between any two, `'g''\\''<newline>''o'` of a `g\<newline>o`).
 */
const wrapped = ([command, how]: [string, 'plain' | 'sh -c' | 'sh -c, quoted apart']) => {
  if (how === 'plain') return command;
  if (how === 'sh -c') return `sh -c '${command.replace(/'/g, '')}'`;
  return `sh -c ${[...command].map((character) => (character === "'" ? "\\'" : `'${character}'`)).join('')}`;
};

/** A RUN's script: commands after separators and continuations, some run by `sh -c`. */
const scriptOf = (maxLength: number) => fc
  .array(fc.tuple(simpleCommand, fc.constantFrom('plain' as const, 'sh -c' as const, 'sh -c, quoted apart' as const), fc.constantFrom(' && ', '; ', ' | ', ' \\\n    && ', ' \\\n# a comment\n    && ')), { minLength: 1, maxLength })
  .map((commands) => commands.map(([command, how, separator], i) => wrapped([command, how]) + (i < commands.length - 1 ? separator : '')).join(''));

/** A RUN of the script in shell form, as a heredoc script, in exec form (`sh -c`), or in exec form split at blanks (`["go","build"]`). */
type Form = 'shell' | 'heredoc' | 'exec' | 'argv';

function runLine(script: string, form: Form): string {
  if (form === 'heredoc') return `RUN <<EOF\n${script}\nEOF`;
  if (form === 'argv') return `RUN ${JSON.stringify(script.split(' '))}`;
  return form === 'exec' ? `RUN ["sh", "-c", ${JSON.stringify(script)}]` : `RUN ${script}`;
}

function runOf(script: string, form: Form = 'shell'): RunInstruction {
  const { document } = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text: `FROM alpine:3.20\n${runLine(script, form)}\n` });
  return document!.stages[0]!.instructions[0] as RunInstruction;
}

const form = fc.constantFrom<Form>('shell', 'heredoc', 'exec', 'argv');

test('property: a RUN says its commands may hold a word whenever one of its words, a sh -c script\'s included, holds it', () => {
  fc.assert(
    fc.property(scriptOf(5), form, (text, written) => {
      const run = runOf(text, written);
      const words = run.commands.flatMap((command) => [...command.assignments, ...command.words, ...command.redirects.map((redirect) => redirect.target)]);
      for (const [asked, holds] of SOUGHT) {
        if (words.some((word) => holds(word.value))) assert.ok(run.script.mayHold(asked), `${asked.words.join(' ')} in ${runLine(text, written)}`);
      }
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test('a RUN that names none of the words is not lexed for them, and is lexed once when read', () => {
  const run = runOf('set -eux; \\\n  mkdir -p /app && chown app /app');
  assert.is(run.script.mayHold(CommandWords.anywhere('apt', 'sysctl')), false);
  assert.is(run.script.mayHold(CommandWords.anywhere('chown')), true);
  assert.is(run.commands, run.commands);
  assert.equal(run.commands.map((command) => command.words[0]!.value), ['set', 'mkdir', 'chown']);
  assert.is(runOf(`ap"t"-get update`).script.mayHold(CommandWords.anywhere('apt-get')), true);
  assert.is(runOf(`$'\\x61'pt-get update`).script.mayHold(CommandWords.anywhere('apt-get')), true);
});

test('a RUN is lexed for the go command only where a word of it can be go, with quotes, escapes and line breaks anywhere in it', () => {
  const runsGo = (run: RunInstruction) => run.commands.some((command) => programName(command) === 'go');
  for (const text of ['cargo build', 'gosu app true', 'echo ${X}go go${X} ${GO:-go}', 'cd /usr/local/golang', 'GOSU_VERSION=1.17 django-admin x', 'echo go-1.22']) {
    assert.is(runOf(text).script.mayHold(GO_COMMAND), false, text);
  }
  for (const text of ['g"o" build', '\\go build', "'go' build", '$GOROOT/bin/go build', '(go build)', 'x;go build', "sh -c 'cd /x&&g'\\'''\\''o build'", 'sh -c x\\;go']) {
    const run = runOf(text);
    assert.ok(runsGo(run) && run.script.mayHold(GO_COMMAND), text);
  }
  // In the sh -c script the backslash and the line break meet, a line continuation; in the RUN, quotes stand between them.
  const split = runOf("sh -c 'g\\'\"\n\"'o build'", 'heredoc');
  assert.ok(runsGo(split) && split.script.mayHold(GO_COMMAND));
});

test('the words a reader compares values with are the words its pre-check asks for, each whole', () => {
  const pip = CommandWords.programs('pip', 'pip3', 'pip3.[0-9]+');
  for (const value of ['pip', 'pip3', 'pip3.11']) assert.ok(pip.exactly.test(value), value);
  for (const value of ['pip3.', 'pip3.x', 'pipx', 'xpip', '/usr/bin/pip', 'pip3.11 ']) assert.not.ok(pip.exactly.test(value), value);
  assert.ok(pip.spelledIn('python3 -m pip3.12 install x'));
});

const root = mkdtempSync(join(tmpdir(), 'merlint-run-script-'));

async function findings(dockerfile: string): Promise<string[]> {
  const result = await scan({ root, paths: [], stdin: { bytes: Buffer.from(dockerfile), path: 'Dockerfile', kind: 'dockerfile' }, config: defaultConfig(), today: '2026-12-06' });
  return result.findings.map((finding: Finding) => JSON.stringify([finding.ruleId, finding.location, finding.message, finding.related]));
}

/** The findings with every RUN lexed, as the rules found them before they could ask first. */
async function findingsAlwaysLexed(dockerfile: string): Promise<string[]> {
  const mayHold = Object.getOwnPropertyDescriptor(RunScript.prototype, 'mayHold')!;
  Object.defineProperty(RunScript.prototype, 'mayHold', { ...mayHold, value: () => true });
  try {
    return await findings(dockerfile);
  } finally {
    Object.defineProperty(RunScript.prototype, 'mayHold', mayHold);
  }
}

test('property: the findings on Dockerfiles whose RUNs are lexed only where a rule may need them are those with every RUN lexed', async () => {
  const rulesFound = new Set<string>();
  // Short scripts, so that a word a rule looks for is seldom also written plainly elsewhere in the RUN.
  const run = fc.tuple(scriptOf(2), form).map(([text, written]) => runLine(text, written));
  const dockerfile = fc.tuple(run, run, run, run).map(
    ([build, later, final, last]) => `FROM golang:1.22 AS build\nCOPY go.mod go.sum ./\nCOPY . .\n${build}\n${later}\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n${final}\n${last}\nCMD ["/app"]\n`,
  );
  await fc.assert(
    fc.asyncProperty(dockerfile, async (text) => {
      const found = await findings(text);
      assert.equal(found, await findingsAlwaysLexed(text), text);
      for (const finding of found) rulesFound.add(JSON.parse(finding)[0]);
    }),
    { seed: SEED, numRuns: 300 },
  );
  // The generated RUNs reach every rule that reads commands.
  for (const id of ['DKR005', 'DKR006', 'DKR008', 'GOP001', 'NET003']) assert.ok(rulesFound.has(id), `${id} in ${[...rulesFound].join(' ')}`);
});

test.run();
