import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { githubEnvWrites } from '../src/languages/ci/github-env.js';
import { withExpressionsAsVariables } from '../src/languages/ci/github.js';
import { LineIndex } from '../src/positions.js';
import { loadShellReader } from '../src/shell/index.js';
import { BASH } from '../src/shell/output.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

/** Each step's script as the only step of a job, and the Go settings findings on it: `line:column rule selected text`. */
async function findingsOfSteps(...scripts: string[]): Promise<string[]> {
  const steps = scripts.map((script) => `      - run: |\n${script.replace(/^/gm, '          ')}\n`).join('');
  const workflow = `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n${steps}`;
  const result = await scanDirectory(makeTree({ '.github/workflows/env.yml': workflow }));
  const index = new LineIndex(workflow);
  return result.findings.map(({ ruleId, location: { range } }) => `${range.start.line}:${range.start.column} ${ruleId} ${workflow.slice(index.offset(range.start), index.offset(range.end))}`);
}

test('$GITHUB_ENV: echo -n leaves the line open, so what the next write appends continues its value', async () => {
  assert.equal(await findingsOfSteps('echo -n "GOFLAGS=-mod=mod" >> $GITHUB_ENV\necho "GOSUMDB=off" >> $GITHUB_ENV'), []);
  assert.equal(await findingsOfSteps('echo -n "GOSUMDB=off" >> $GITHUB_ENV'), ['7:28 GOP001 off'], 'the last line needs no line break');
  assert.equal(await findingsOfSteps('echo -n GOSUMDB= >> $GITHUB_ENV\necho off >> $GITHUB_ENV'), ['8:16 GOP001 off'], 'the value is placed where the next write has it');
  assert.equal(await findingsOfSteps('echo "GOSUMDB=off" -n >> $GITHUB_ENV'), [], 'an option after the text is text');
  assert.equal(await findingsOfSteps('echo -n "GOFLAGS=$EXTRA" >> $GITHUB_ENV\necho "GOSUMDB=off" >> $GITHUB_ENV'), [], 'unknown text written with -n leaves its line open too');
});

test('$GITHUB_ENV: echo -e and printf write the lines their escapes and formats make', async () => {
  assert.equal(await findingsOfSteps('echo -e "GOSUMDB=off\\nGOPROXY=http://proxy.example.sg" >> $GITHUB_ENV'), [
    '7:28 GOP001 off',
    '7:41 GOP002 http://proxy.example.sg',
    '7:41 GOP006 http://proxy.example.sg',
  ]);
  assert.equal(await findingsOfSteps('echo "GOSUMDB=off\\nGOPRIVATE=x" >> $GITHUB_ENV'), [], "bash's echo writes \\n as it is without -e");
  assert.equal(await findingsOfSteps(`printf 'GONOSUMDB=%s\\n' '*' >> "$GITHUB_ENV"`), ['7:36 GOP005 *'], 'the value at the word printed for %s');
  assert.equal(await findingsOfSteps(`printf 'GOSUMDB=off\\n' >> "$GITHUB_ENV"`), ['7:27 GOP001 off']);
  assert.equal(await findingsOfSteps(`printf '%s\\n' GOPRIVATE=x GOSUMDB=off >> "$GITHUB_ENV"`), ['7:45 GOP001 off'], 'the format again for the arguments left');
  assert.equal(await findingsOfSteps(`printf -- 'GOSUMDB=off\\n' >> "$GITHUB_ENV"`), ['7:30 GOP001 off'], '-- ends the options');
  assert.equal(await findingsOfSteps(`printf -v line 'GOSUMDB=off'`), []);
});

test("$GITHUB_ENV: a word with a workflow expression and a shell variable is one word of unknown value, at its place, and its write is read", async () => {
  const script = 'echo -n "GOFLAGS=${{ inputs.flags }}$EXTRA" >> $GITHUB_ENV\necho "GOSUMDB=off" >> $GITHUB_ENV';
  const read = (await loadShellReader())(script, undefined, withExpressionsAsVariables(script));
  const [flags] = read.commands.map((command) => command.programArguments.map(({ text, value, range }) => ({ text, value, range })));
  assert.equal(flags, [
    { text: '-n', value: '-n', range: { start: { line: 1, column: 6 }, end: { line: 1, column: 8 } } },
    { text: '"GOFLAGS=${{ inputs.flags }}$EXTRA"', value: undefined, range: { start: { line: 1, column: 9 }, end: { line: 1, column: 44 } } },
  ]);
  assert.equal(read.errors, []);
  assert.equal(read.writes.map((write) => write.target.text), ['$GITHUB_ENV', '$GITHUB_ENV']);
  assert.equal(await findingsOfSteps(script), [], 'the unknown text leaves the line open: GOSUMDB=off is the end of GOFLAGS');
});

test('a workflow expression written over several lines is one word of unknown value at its place, and what follows keeps its place', async () => {
  const script = "echo ${{ format('{0}\n  {1}', inputs.a,\n  inputs.b) }} \"$(date)\"; sysctl -w net.ipv6.conf.all.disable_ipv6=1\n";
  const read = (await loadShellReader())(script, undefined, withExpressionsAsVariables(script));
  assert.equal(read.errors, []);
  const [echo, date, sysctl] = read.commands;
  assert.equal(echo!.programArguments.map(({ text, value, range }) => ({ text, value, range })), [
    { text: "${{ format('{0}\n  {1}', inputs.a,\n  inputs.b) }}", value: undefined, range: { start: { line: 1, column: 6 }, end: { line: 3, column: 15 } } },
    { text: '"$(date)"', value: undefined, range: { start: { line: 3, column: 16 }, end: { line: 3, column: 25 } } },
  ]);
  assert.equal([date!.range.start, sysctl!.range.start], [{ line: 3, column: 19 }, { line: 3, column: 27 }]);
});

test('a workflow expression left open leaves the script as written from there on: the runner refuses the workflow', () => {
  assert.is(withExpressionsAsVariables("a ${{ x }} b ${{ 'y }} c ${{ z }}"), "a ${_____} b ${{ 'y }} c ${{ z }}");
});

test('$GITHUB_ENV: a workflow expression in single quotes or in a quoted heredoc is a value merlint cannot know, as in double quotes', async () => {
  const script = "echo 'GOSUMDB=${{ vars.SUMDB }}' >> $GITHUB_ENV\ncat >> $GITHUB_ENV <<'EOF'\nGOPROXY=https://${{ vars.HOST }}\nEOF\n";
  const read = (await loadShellReader())(script, undefined, withExpressionsAsVariables(script));
  assert.is(read.commands[0]!.programArguments[0]!.value, undefined);
  assert.equal(
    githubEnvWrites(read.writes, new LineIndex(script), BASH).map(({ name, value }) => [name, value]),
    [['GOPROXY', undefined]],
  );
});

/** The variables a script writes to $GITHUB_ENV: `name@text value@text`, each with the text of the script where it is placed (`!` when the value is placed exactly). */
async function placedVariables(script: string): Promise<string[]> {
  const read = (await loadShellReader())(script);
  return githubEnvWrites(read.writes, new LineIndex(script), BASH).map(
    (variable) => `${variable.name}@${script.slice(variable.nameStart, variable.nameEnd)} ${variable.value ?? '?'}@${script.slice(variable.valueStart, variable.valueEnd)}${variable.verbatim ? '!' : ''}`,
  );
}

test('$GITHUB_ENV: a name and a value are placed where the format or the word that prints them has them', async () => {
  assert.equal(await placedVariables(`printf 'GOFLAGS=%s\\n' "$X" >> "$GITHUB_ENV"`), ['GOFLAGS@GOFLAGS ?@"$X"']);
  assert.equal(await placedVariables(`printf 'GOSUMDB=%s\\n' off >> "$GITHUB_ENV"`), ['GOSUMDB@GOSUMDB off@off!']);
  assert.equal(await placedVariables(`printf '%s=%s\\n' GOSUMDB off GOPRIVATE x >> "$GITHUB_ENV"`), ['GOSUMDB@GOSUMDB off@off!', 'GOPRIVATE@GOPRIVATE x@x!']);
  assert.equal(await placedVariables(`printf 'GOSUMDB=\\157ff\\n' >> "$GITHUB_ENV"`), ['GOSUMDB@GOSUMDB off@\\157ff'], 'an escape is placed, not exactly');
  assert.equal(await placedVariables(`echo GOSUMDB=o"ff" >> "$GITHUB_ENV"`), ['GOSUMDB@GOSUMDB=o"ff off@GOSUMDB=o"ff'], 'a word not written as it reads is placed whole');
  assert.equal(await placedVariables(`echo "GOPRIVATE=$MODULES" >> "$GITHUB_ENV"`), [], 'a word that is not static is unknown as a whole: no name is read from it');
  assert.equal(await placedVariables(`echo -n GOSUMDB= >> "$GITHUB_ENV"`), ['GOSUMDB@GOSUMDB @!'], 'an empty value just after its =');
});

test.run();
