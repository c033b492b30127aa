import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CopyInstruction, DockerfileDocument, Instruction, RunInstruction, ShellCommand, Word } from '../src/languages/dockerfile/model.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import { defaultConfig } from '../src/config/config.js';
import { scan } from '../src/engine.js';
import { copiedText } from '../src/languages/dockerfile/copied-text.js';
import { EMPTY_ENVIRONMENT, type Environment } from '../src/languages/dockerfile/model.js';
import { lineIndexOf } from '../src/positions.js';
import { findPlainInstructions, firstLineEnd } from '../src/languages/dockerfile/plain-instructions.js';
import { LineIndex } from '../src/positions.js';
import type { Range } from '../src/types.js';
import { heredocsOfLine } from '../src/languages/dockerfile/buildkit-heredocs.js';
import { dockerfileAstIsOracle } from './helpers/dockerfile-heredocs.js';
import { repoPath } from './helpers/scan.js';

// A RUN, COPY or ADD whose first line opens here-documents is read without dockerfile-ast where BuildKit's reading and
// dockerfile-ast's agree. Its model must be the one dockerfile-ast's reading gives (the differential check), and its bodies BuildKit's
// (frontend/dockerfile/parser/parser.go: a body runs up to a line that is the name, after `<<-` once its leading tabs are trimmed).
// A COPY or ADD copies each here-document as a file named by it (instructions/parse.go, parseSourcesAndDest).

const SEED = 20261207;

/** Nothing read without dockerfile-ast: the whole file is its. */
const NOTHING_PLAIN = () => ({ instructions: [], comments: [], readAlone: [], complete: false });

function parsed(text: string, readPlain?: typeof NOTHING_PLAIN): DockerfileDocument {
  return parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text }, readPlain).document!;
}

/** What rules see of a document: every instruction's places, words, flags and commands, with their redirections and heredoc texts. */
function modelOf(document: DockerfileDocument): unknown {
  const word = ({ value, range }: Word) => [value, at(range)];
  const command = (each: ShellCommand) => ({
    words: each.words.map(word),
    assignments: each.assignments.map(word),
    programIndex: each.programIndex,
    redirects: each.redirects.map((redirect) => [redirect.operator, redirect.descriptor, word(redirect.target), redirect.text]),
    range: at(each.range),
    pipedFrom: each.pipedFrom && at(each.pipedFrom.range),
  });
  const instructions = [...document.globalArgs, ...document.stages.flatMap((stage) => [stage.from, ...stage.instructions])];
  return {
    statements: document.statements.map(at),
    comments: document.comments.map((comment) => [comment.text, at(comment.range)]),
    instructions: instructions.map((instruction) => ({
      keyword: instruction.keyword,
      range: at(instruction.range),
      keywordRange: at(instruction.keywordRange),
      args: instruction.args.map(word),
      flags: instruction.flags.map((flag) => [flag.name, flag.value, at(flag.range)]),
      commands: 'commands' in instruction ? instruction.commands.map(command) : undefined,
      copies: isCopy(instruction) ? copied(instruction) : undefined,
    })),
  };
}

function isCopy(instruction: Instruction): instruction is CopyInstruction {
  return instruction.keyword === 'COPY' || instruction.keyword === 'ADD';
}

function isRun(instruction: Instruction): instruction is RunInstruction {
  return instruction.keyword === 'RUN';
}

/** What a COPY or ADD copies, and where to: its sources, the here-documents it writes as files, its destination. */
function copied({ from, sources, texts, destination }: CopyInstruction): unknown {
  const word = (each: Word | undefined) => each && [each.value, at(each.range)];
  return { from: word(from), sources: sources.map(word), texts: texts.map((text) => [word(text.name), text.text]), destination: word(destination) };
}

function at(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** The plain reading's model is dockerfile-ast's, and so are the parse errors. */
function checkAgainstDockerfileAst(text: string): void {
  if (!dockerfileAstIsOracle(text, '\\')) return;
  const plain = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text });
  const ast = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text }, NOTHING_PLAIN);
  assert.equal(plain.errors, ast.errors, 'the errors');
  assert.equal(modelOf(plain.document!), modelOf(ast.document!), 'the model');
}

/** The instructions with here-documents read without dockerfile-ast, as their first lines. */
function plainHeredocLines(text: string): string[] {
  return findPlainInstructions(text, '\\')
    .instructions.filter((instruction) => instruction.heredocs.length > 0)
    .map((instruction) => text.slice(instruction.start, text.indexOf('\n', instruction.start)));
}

/** A plain here-document's body, as BuildKit gives it: its lines with their line breaks; an empty body ends before it starts. */
function bodyOf(text: string, [start, end]: [number, number]): string {
  return end < start ? '' : `${text.slice(start, end)}\n`;
}

/** The first RUN of the first stage. */
function firstRun(text: string): RunInstruction {
  const run = parsed(text).stages[0]!.instructions[0]!;
  assert.is(run.keyword, 'RUN');
  return run as RunInstruction;
}

/** What each command of the first RUN reads from its heredocs. */
function heredocTexts(text: string): (string | undefined)[][] {
  return firstRun(text).commands.map((command) => command.redirects.filter((redirect) => redirect.operator.startsWith('<<')).map((redirect) => redirect.text));
}

/** The words of each command of the first RUN. */
function commandWords(text: string): string[][] {
  return firstRun(text).commands.map((command) => command.words.map((word) => word.value));
}

const READ_PLAIN = [
  'FROM alpine\nRUN <<EOF\napk update\napk add git\nEOF\n',
  'FROM alpine\nRUN <<EOT bash\nset -e\necho "x" > /y\nEOT\nUSER app\n',
  "FROM alpine\nRUN cat <<'EOF' > /etc/motd\n$HOME stays\n# not a comment\nFROM not an instruction\nEOF\n",
  'FROM alpine\nRUN python3 <<"PY"\nprint(1)\n\n  indented\nPY\n',
  'FROM alpine\nRUN <<-EOF\n\techo tabbed\n\tEOF\nRUN x\n',
  'FROM alpine\nRUN cat <<A <<B > /out\none\nA\ntwo\nB\nCMD ["x"]\n',
  'FROM alpine\nRUN <<EOF\napt-get install -y \\\n    git \\\n  curl\nEOF\n',
  'FROM alpine\nRUN <<EOF\nlast line\nEOF',
  'FROM alpine\nRUN <<EOF\nbody\n\nEOF\n',
  'FROM alpine\nRUN --mount=type=cache,target=/x <<EOF\nwith flags\nEOF\n',
  'FROM alpine\nRUN --mount=x a--b <<EOF\nleft to dockerfile-ast, which looks for flags after a--b\nEOF\nRUN <<EOF\nread on after it\nEOF\n',
  'FROM alpine\nCOPY <<EOF /etc/app.conf\nlisten = 0.0.0.0:8080\nEOF\n',
  'FROM alpine\nCOPY --from=build --chown=1:1 --chmod=755 <<"EOF" app /usr/local/bin/\n$HOME stays\nEOF\nUSER app\n',
  'FROM alpine\nADD --link <<-EOT <<-B /d/\n\tone\n\tEOT\n\ttwo\n\tB\n',
  'FROM alpine\nCOPY <<EOF <<EOF /d/\nfirst\nEOF\nsecond\nEOF\n',
  'FROM alpine\nARG V=1\nCOPY <<EOF /usr/local/bin/x.sh\napk add git\nsysctl -w a=$V\nEOF\nRUN x.sh && sh -c "echo ok"\n',
];

const LEFT_TO_DOCKERFILE_AST = [
  'FROM alpine\nRUN <<EOF\nno delimiter\n',
  'FROM alpine\nRUN <<EOF\n',
  'FROM alpine\nRUN <<EOF\nEOF\n',
  'FROM alpine\r\nRUN <<EOF\r\nx\r\nEOF\r\n',
  'FROM alpine\nRUN <<EOF\nx \\\nEOF\n',
  'FROM alpine\nRUN <<EOF\nx \\\n# comment\nEOF\n',
  'FROM alpine\nRUN <<EOF\nprintf "a\\nb"\nEOF\n',
  'FROM alpine\nRUN <<EOF \\\n  bash\nx\nEOF\n',
  'FROM alpine\nCOPY /etc/x <<EOF\nx\nEOF\n',
  'FROM alpine\nCOPY <<EOF /x\nEOF\n',
  'FROM alpine\nCOPY ["<<EOF", "/x"]\n',
  'RUN <<EOF\nx\nEOF\nFROM alpine\n',
  'FROM alpine\nRUN <<${A:-b}\nx\nEOF\n',
];

/**
 * Here-documents dockerfile-ast reads otherwise than BuildKit, read as BuildKit reads them, with the name, `<<-`, expansion and body
 * of each (test/buildkit-heredocs.json holds BuildKit's own reading of these and of many more).
 */
const READ_AS_BUILDKIT: [text: string, heredocs: [name: string, chomp: boolean, expand: boolean, body: string][]][] = [
  ['FROM debian:12\nRUN <<E"OF"\napt-get update\nEOF\nUSER app\n', [['EOF', false, false, 'apt-get update\n']]],
  ['FROM alpine\nRUN <<"E"OF\nx\nEOF\n', [['EOF', false, false, 'x\n']]],
  [`FROM alpine\nRUN <<'E'"O"F\nx\nEOF\n`, [['EOF', false, false, 'x\n']]],
  ['FROM alpine\nRUN <<\\EOF\nx\nEOF\n', [['EOF', false, true, 'x\n']]],
  ['FROM alpine\nRUN <<E\\OF\nx\nEOF\n', [['EOF', false, true, 'x\n']]],
  ['FROM alpine\nRUN <<-"EOF"\n\tx\n\tEOF\n', [['EOF', true, false, '\tx\n']]],
  ['FROM alpine\nRUN <<$VAR\nx\n$VAR\n', [['$VAR', false, true, 'x\n']]],
  ['FROM alpine\nRUN cat 3<<EOF\nx\nEOF\n', [['EOF', false, true, 'x\n']]],
  ["FROM alpine\nRUN <<eo\\'f\nx\neo'f\n", [["eo'f", false, true, 'x\n']]],
  ['FROM alpine\nRUN cat <<A <<-B\na\nA\n\tb\n\tB\n', [['A', false, true, 'a\n'], ['B', true, true, '\tb\n']]],
  ['FROM alpine\nCOPY <<A <<-B /d/\na\nA\n\tb\n\tB\n', [['A', false, true, 'a\n'], ['B', true, true, '\tb\n']]],
  ['FROM alpine\nRUN <<E"OF"\nEOF\n', [['EOF', false, false, '']]],
  ['FROM alpine\nRUN <<E"OF"\nx \\\nEOF\n', [['EOF', false, false, 'x \\\n']]],
  ['FROM alpine\nRUN cat<<EOF\nx\nEOF\n', []],
  ['FROM alpine\nRUN echo "<<EOF"\n', []],
  ['FROM alpine\nRUN ["sh", "-c", "a <<b"]\n', []],
];

test('a RUN, COPY or ADD whose first line opens here-documents as BuildKit and dockerfile-ast both read them is read without dockerfile-ast', () => {
  for (const text of READ_PLAIN) {
    const expected = text.split('\n').filter((line) => /^(?:RUN|COPY|ADD) .*<</.test(line) && !line.includes('a--b'));
    assert.equal(plainHeredocLines(text), expected, JSON.stringify(text));
  }
});

test('other here-documents are left to dockerfile-ast: where the two readings may differ, and where BuildKit refuses the file', () => {
  for (const text of LEFT_TO_DOCKERFILE_AST) assert.equal(plainHeredocLines(text), [], JSON.stringify(text));
});

test('here-documents dockerfile-ast reads otherwise are read as BuildKit reads them: `<<E"OF"` is EOF, `3<<EOF` opens one, `cat<<EOF` none', () => {
  for (const [text, expected] of READ_AS_BUILDKIT) {
    const line = text.split('\n')[1]!;
    const read = findPlainInstructions(text, '\\').instructions.find((instruction) => instruction.start === text.indexOf(line));
    assert.ok(read, `${JSON.stringify(text)} is read without dockerfile-ast`);
    const opened = heredocsOfLine(line.slice(line.indexOf(' ')))!;
    const heredocs = read!.heredocs.map(({ name, content }, i) => [name, opened[i]!.chomp, opened[i]!.expand, bodyOf(text, content)]);
    assert.equal(heredocs, expected, JSON.stringify(text));
  }
});

test('the words of a RUN whose here-document dockerfile-ast names otherwise are read as those of one it names alike, and the instructions after it keep theirs', () => {
  const words = (text: string) => parsed(text).stages[0]!.instructions.map((instruction) => instruction.args.map(({ value, range }) => `${value} ${at(range)}`));
  const [alike = [], otherwise] = ['EOF', 'E"OF"'].map((name) => words(`FROM alpine\nRUN <<${name} bash\necho x\nEOF\nCMD echo hi\n`));
  assert.equal(otherwise, [['<<E"OF" 2:5-2:12', 'bash 2:13-2:17', ...alike[0]!.slice(2)], alike[1]]);
});

test('a COPY whose here-document dockerfile-ast names otherwise on a line with a `\\` is read alone under the directives, with BuildKit\'s bodies, and the instructions after it keep theirs', () => {
  const cases = [
    ['\\', '/app/a\\ b.txt', [['/app/a', '3:14-3:20']], ['b.txt', '3:22-3:27']],
    ['`', 'C:\\app\\start.cmd', [], ['C:\\app\\start.cmd', '3:14-3:30']],
  ] as const;
  for (const [escape, written, sources, destination] of cases) {
    const text = `# escape=${escape}\nFROM alpine\nCOPY <<E"OF" ${written}\nhello\nEOF\nUSER 1000\n`;
    const [copy, user, ...rest] = parsed(text).stages[0]!.instructions;
    assert.equal(copied(copy as CopyInstruction), { from: undefined, sources, texts: [[['EOF', '3:6-3:13'], 'hello\n']], destination }, JSON.stringify(text));
    assert.equal([user!.keyword, at(user!.range), rest.length], ['USER', '6:1-6:10', 0], JSON.stringify(text));
  }
});

test('the model of every case is the one dockerfile-ast reads', () => {
  for (const text of [...READ_PLAIN, ...LEFT_TO_DOCKERFILE_AST]) {
    try {
      checkAgainstDockerfileAst(text);
    } catch (error) {
      throw new Error(`${JSON.stringify(text)}: ${(error as Error).message}`);
    }
  }
});

test('the bodies are what BuildKit gives the command: the lines up to the delimiter, raw', () => {
  assert.equal(heredocTexts(READ_PLAIN[2]!), [['$HOME stays\n# not a comment\nFROM not an instruction\n']]);
  assert.equal(heredocTexts(READ_PLAIN[5]!), [['one\n', 'two\n']]);
  assert.equal(commandWords(READ_PLAIN[4]!), [['echo', 'tabbed']], 'the body of `RUN <<-EOF` is its script; the delimiter after tabs ends it');
  assert.equal(commandWords(READ_PLAIN[6]!), [['apt-get', 'install', '-y', 'git', 'curl']], 'continued lines of a body are one command of the script');
});

/** What the first COPY or ADD of the first stage copies, read without dockerfile-ast and by it. */
function copies(text: string): unknown {
  const [plain, ast] = [parsed(text), parsed(text, NOTHING_PLAIN)].map((document) => copied(document.stages[0]!.instructions.find(isCopy)!));
  assert.equal(plain, ast, 'the two readings');
  return plain;
}

test('a COPY or ADD here-document is a source BuildKit writes as a file named by it, with the body as its text; the destination is the last word', () => {
  assert.equal(copies(READ_PLAIN[11]!), { from: undefined, sources: [], texts: [[['EOF', '2:6-2:11'], 'listen = 0.0.0.0:8080\n']], destination: ['/etc/app.conf', '2:12-2:25'] });
  assert.equal(copies(READ_PLAIN[12]!), { from: ['build', '2:13-2:18'], sources: [['app', '2:51-2:54']], texts: [[['EOF', '2:43-2:50'], '$HOME stays\n']], destination: ['/usr/local/bin/', '2:55-2:70'] });
  assert.equal(copies(READ_PLAIN[13]!), { from: undefined, sources: [], texts: [[['EOT', '2:12-2:18'], 'one\n'], [['B', '2:19-2:23'], 'two\n']], destination: ['/d/', '2:24-2:27'] }, 'without the leading tabs after <<-');
  assert.equal(copies(READ_PLAIN[14]!), { from: undefined, sources: [], texts: [[['EOF', '2:6-2:11'], 'second\n'], [['EOF', '2:12-2:17'], 'second\n']], destination: ['/d/', '2:18-2:21'] }, 'BuildKit looks bodies up by name: the last wins');
  assert.equal(copies(READ_AS_BUILDKIT[10]![0]), { from: undefined, sources: [], texts: [[['A', '2:6-2:9'], 'a\n'], [['B', '2:10-2:14'], 'b\n']], destination: ['/d/', '2:15-2:18'] }, '<<- strips the leading tabs of its own body only');
  assert.equal(copies(LEFT_TO_DOCKERFILE_AST[9]!), { from: undefined, sources: [], texts: [[['EOF', '2:6-2:11'], '']], destination: ['/x', '2:12-2:14'] }, 'an empty body');
  const copy = parsed(READ_PLAIN[11]!).stages[0]!.instructions[0]!;
  assert.equal(copy.args.map((word) => word.value), ['<<EOF', '/etc/app.conf'], 'its words are those of its first line');
});

/** The texts of the files the COPY and ADD here-documents of the first stage write. */
function copiedTexts(text: string): string[] {
  return parsed(text).stages[0]!.instructions.filter(isCopy).flatMap((copy) => copy.texts.map((copied) => copied.text));
}

test('the body of a here-document whose name is not quoted is expanded as BuildKit expands it (its own tests: testCopyHeredocSpecialSymbols, testHeredocVarSubstitution)', () => {
  const lines = lineIndexOf({ path: 'Dockerfile', kind: 'dockerfile', text: '' });
  const written = (body: string, environment?: Environment) => copiedText(`${body}\n`, 0, false, environment, lines).text;
  const symbols = ['"quotes in file"', '\\', '\\\\', '\\$'];
  assert.equal(symbols.map((body) => written(body, EMPTY_ENVIRONMENT)), ['"quotes in file"\n', '\n', '\\\n', '$\n']);
  assert.equal(symbols.map((body) => written(body)), symbols.map((body) => `${body}\n`), 'quoted: as written');
  const copy = (name: string, body: string) => `COPY <<${name} /f\n${body}\n${name.replace(/["']/g, '')}\n`;
  const greetings = ['Hello ${name}!', "Hello '${name}'!", 'Hello "${name}"!'];
  const names = ['EOF', "'EOF'", '"EOF"'];
  const texts = copiedTexts(`FROM busybox\nARG name=world\n${names.flatMap((name) => greetings.map((body) => copy(name, body))).join('')}`);
  assert.equal(texts, ['Hello world!\n', "Hello 'world'!\n", 'Hello "world"!\n', ...greetings.map((greeting) => `${greeting}\n`), ...greetings.map((greeting) => `${greeting}\n`)]);
  const partly = copiedTexts('FROM busybox\nARG name=world\nCOPY <<\\EOF /a\n${name}\nEOF\nCOPY <<E"OF" /b\n${name}\nEOF\nCOPY <<E\\"OF /c\n${name}\nE"OF\n');
  assert.equal(partly, ['world\n', '${name}\n', 'world\n'], 'a name with a quote in it is not expanded; one with an escape is (heredocFromMatch counts quotes)');
});

test('a reference whose value merlint cannot know stays as written; special parameters expand to nothing', () => {
  const text = 'FROM alpine\nARG LATER\nENV KNOWN=1 EMPTY=\nCOPY <<EOF /f\n$KNOWN ${KNOWN:+on} ${EMPTY:-off} $LATER $HOME ${HOME:-x} ${KNOWN#1} $1 "$@" ${2} $ \nEOF\n';
  assert.equal(copiedTexts(text), ['1 on off $LATER $HOME ${HOME:-x} ${KNOWN#1}  ""  $ \n']);
  const lines = lineIndexOf({ path: 'Dockerfile', kind: 'dockerfile', text: '' });
  const chomped = copiedText('\t\t$A\\\n\tb\n', 0, true, EMPTY_ENVIRONMENT.set('A', '1'), lines).text;
  assert.equal(chomped, '1\nb\n', 'the tabs of a <<- body go before expansion, also after an escaped line break');
});

test('a reference left as written keeps the references inside it; words nested past 64 levels are unknown, read in linear time without overflowing', () => {
  const lines = lineIndexOf({ path: 'Dockerfile', kind: 'dockerfile', text: '' });
  const environment = EMPTY_ENVIRONMENT.set('B', '1');
  const written = (body: string) => copiedText(body, 0, false, environment, lines).text;
  assert.equal(written('${UNSET:-$B} ${UNSET:-${B}} $B'), '${UNSET:-$B} ${UNSET:-${B}} 1');
  const nested = (depth: number) => `${'${B:+'.repeat(depth)}x${'}'.repeat(depth)}`;
  assert.equal(written(nested(60)), 'x');
  assert.equal(written(nested(100)), nested(100));
  assert.equal(written(`${nested(50_000)} $B`), `${nested(50_000)} 1`);
  assert.equal(written(`${'${UNSET:-'.repeat(50_000)}x${'}'.repeat(50_000)}`), `${'${UNSET:-'.repeat(50_000)}x${'}'.repeat(50_000)}`);
});

test("a copied file's lines are each at the body line they are written on; an expanded value at the reference it replaces", () => {
  const text = 'FROM alpine\nENV HOST=proxy.internal\nCOPY <<-EOF /f\n\tGOPROXY=http://${HOST}/go\n\n\t\tplain\n\tEOF\n';
  const [copy, ast] = [parsed(text), parsed(text, NOTHING_PLAIN)].map((document) => document.stages[0]!.instructions.find(isCopy)!);
  const lines = copy!.texts[0]!.lines.map(({ value, range }) => [value, at(range)]);
  assert.equal(lines, [['GOPROXY=http://proxy.internal/go', '4:2-4:27'], ['', '5:1-5:1'], ['plain', '6:3-6:8']]);
  assert.equal(ast!.texts[0]!.lines.map(({ value, range }) => [value, at(range)]), lines, 'read by dockerfile-ast alike');
});

test('a RUN that runs a script a COPY here-document wrote has its commands, expanded, at their places in the body', () => {
  const text = READ_PLAIN[READ_PLAIN.length - 1]!;
  const run = parsed(text).stages[0]!.instructions[2] as RunInstruction;
  const commands = run.commands.map((command) => command.words.map(({ value, range }) => `${value} ${at(range)}`).join(', '));
  assert.equal(commands, ['x.sh 7:5-7:9', 'sh 7:13-7:15, -c 7:16-7:18, echo ok 7:19-7:28', 'echo 7:20-7:24, ok 7:25-7:27', 'apk 4:1-4:4, add 4:5-4:8, git 4:9-4:12', 'sysctl 5:1-5:7, -w 5:8-5:10, a=1 5:11-5:15']);
});

test('a RUN runs the copied script its words name, however the name is quoted or joined; the last COPY to a path wins, and a stage FROM another has its files', () => {
  const ran = (lines: string[]) => {
    const document = parsed(`FROM alpine:3.20 AS base\n${lines.join('\n')}\n`);
    return document.stages.flatMap((stage) => stage.instructions.filter(isRun)).map((run) => run.commands.map((command) => command.words.map((word) => word.value).join(' ')).join('; '));
  };
  const copy = (path: string, body: string) => `COPY <<EOF ${path}\n#!/bin/sh\n${body}\nEOF`;
  assert.equal(ran([copy('/usr/local/bin/a.sh', 'echo a'), 'RUN a.sh', 'RUN "/usr/local/bin/a.sh"&&x', "RUN sh '/usr/local/bin/a.sh'", 'RUN xa.sh; a.sh.bak']), [
    'a.sh; echo a',
    '/usr/local/bin/a.sh; x; echo a',
    'sh /usr/local/bin/a.sh; echo a',
    'xa.sh; a.sh.bak',
  ]);
  assert.equal(ran([copy('/opt/a=b.sh', 'echo equals'), 'RUN /opt/a=b.sh']), ['/opt/a=b.sh; echo equals']);
  assert.equal(ran([copy('/a.sh', 'echo old'), copy('/a.sh', 'echo new'), 'FROM base', copy('/b.sh', 'echo b'), 'RUN /a.sh && /b.sh']), ['/a.sh; /b.sh; echo new; echo b']);
});

test('a RUN whose only word is a here-document whose body starts with `#!` runs the program it names, as BuildKit runs it: a shell reads it, another interpreter is no shell', () => {
  const commands = (body: string[]) =>
    (parsed(['FROM alpine:3.20', 'RUN <<EOF', ...body, 'EOF', ''].join('\n')).stages[0]!.instructions[0] as RunInstruction).commands.map((command) => command.words.map((word) => word.value).join(' '));
  assert.equal(commands(['#!/usr/bin/env python3', 'import os', 'print(1)']), []);
  assert.equal(commands(['#!/bin/sh', 'apk add curl']), ['apk add curl']);
  assert.equal(commands(['apk add curl']), ['apk add curl']);
  // bash, not the image's ash, decodes `\u` in `$'…'`.
  assert.equal(commands(['#!/bin/bash', "echo $'\\u0041'"]), ['echo A']);
  assert.equal(commands(["echo $'\\u0041'"]), ["echo $'\\u0041'"]);
});

test('a copied script is lexed once however many RUNs run it, and a script of 200,000 commands is read whole', () => {
  const runs = (lines: string[]) => parsed(`${lines.join('\n')}\n`).stages[0]!.instructions.filter(isRun);
  const [first, second] = runs(['FROM alpine:3.20', 'COPY <<EOF /x.sh', '#!/bin/sh', 'apk add curl', 'EOF', 'RUN /x.sh', 'RUN --mount=type=cache,target=/var/cache/apk /x.sh']);
  assert.is(first!.commands[1], second!.commands[1]);
  const many = Array.from({ length: 200_000 }, () => 'true');
  assert.is(runs(['FROM alpine:3.20', 'COPY <<EOF /x.sh', '#!/bin/sh', ...many, 'EOF', 'RUN /x.sh'])[0]!.commands.length, 200_001);
  assert.is(runs(['FROM alpine:3.20', 'RUN <<EOF', ...many, 'EOF'])[0]!.commands.length, 200_000);
});

test('a copied script that several RUNs run gives each finding in it once', async () => {
  const root = mkdtempSync(join(tmpdir(), 'merlint-copied-script-'));
  const dockerfile = ['FROM alpine:3.20', 'COPY <<EOF /x.sh', '#!/bin/sh', 'apk add curl', 'EOF', 'RUN /x.sh', 'RUN /x.sh', 'USER 1000', ''].join('\n');
  const result = await scan({ root, paths: [], stdin: { bytes: Buffer.from(dockerfile), path: 'Dockerfile', kind: 'dockerfile' }, config: defaultConfig(), today: '2026-12-07' });
  assert.equal(result.findings.map((finding) => `${finding.ruleId} ${finding.location.range.start.line}`), ['DKR006 4']);
});

test('a COPY or ADD that BuildKit refuses for its arguments is a parse error at the word, the first in file order', () => {
  const errors = (text: string) => parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text }).errors.map((error) => [at(error.range), error.message.split(',')[0]]);
  assert.equal(errors('FROM alpine\nCOPY /etc/x <<EOF\nx\nEOF\n'), [['2:13-2:18', "a here-document cannot be COPY's destination"]]);
  assert.equal(errors('FROM alpine\nADD <<EOF\nx\nEOF\n'), [['2:5-2:10', 'ADD needs a source and a destination']]);
  assert.equal(errors('FROM alpine\nCOPY\n'), [['2:1-2:5', 'COPY needs a source and a destination']]);
  assert.equal(errors('FROM alpine\nCOPY x\nFORM y\n'), [['2:6-2:7', 'COPY needs a source and a destination']]);
  assert.equal(errors('FROM alpine\nFORM y\nCOPY x\n'), [['2:1-2:5', 'unknown instruction FORM; docker build stops here']]);
  assert.equal(errors('FROM alpine\nCOPY <<A <<B /d/\na\nA\nb\nB\n'), []);
  const unterminated = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text: 'FROM alpine\nRUN <<E"OF"\nx\nE"OF"\n' }).errors;
  assert.equal(unterminated.map((error) => [at(error.range), error.message.split(',')[0]]), [['2:5-2:12', 'no line EOF ends the here-document this RUN opens']], 'named as BuildKit names it');
});

test('an instruction ends at the line break after its last delimiter line, and the body holds no comments', () => {
  const document = parsed('FROM alpine\nRUN cat <<A <<B\n# one\nA\n# two\nB\n# after\n');
  assert.equal(document.statements.map(at), ['1:1-1:12', '2:1-6:2']);
  assert.equal(document.comments.map((comment) => comment.text), ['after']);
});

test('a RUN or FROM with flags read without dockerfile-ast has the model dockerfile-ast reads', () => {
  const texts = [
    'FROM --platform=$BUILDPLATFORM golang:1.18-alpine AS builder\nRUN --mount=type=cache,target=/go/pkg/mod/cache \\\n    --mount=type=cache,target=/go-build \\\n    go build -o bin/backend main.go\n',
    'FROM --platform=linux/amd64 alpine\nRUN --network=none --security=insecure apk add curl && make\nRUN --mount=type=secret,id=npmrc,dst=/root/.npmrc npm ci\n',
  ];
  for (const text of texts) {
    assert.ok(findPlainInstructions(text, '\\').complete, JSON.stringify(text));
    checkAgainstDockerfileAst(text);
  }
  checkAgainstDockerfileAst('FROM alpine\nRUN --mount=x \\\n# a comment line, after which the script starts\n  b\n');
  const run = parsed(texts[1]!).stages[0]!.instructions[1] as RunInstruction;
  assert.equal(run.mounts.map((mount) => [mount.type, mount.target]), [['secret', '/root/.npmrc']]);
});

const PIECES = [
  'FROM alpine\n', 'RUN <<EOF\n', 'RUN cat <<EOF > /x\n', "RUN <<'EOF' bash\n", 'RUN <<-EOF\n', 'RUN <<A <<B\n', 'RUN cat 2<<EOF\n', 'RUN --mount=type=cache,target=/x <<EOF\n', 'COPY <<EOF /x\n', 'COPY --from=b <<-EOF <<A /d/\n', "ADD --chmod=644 <<'EOF' src /d/\n", 'COPY <<A <<-EOF /d/\n', 'RUN <<EOF \\\n', 'RUN <<E"OF"\n', 'RUN cat 3<<\\EOF <<-"B"\n', "COPY <<E\\'OF /x\n", "E'OF\n", 'RUN ["sh", "-c", "a <<b"]\n', 'b"]\n',
  'RUN --mount=type=cache,target=/x \\\n', '  --network=none \\\n', 'FROM --platform=$BUILDPLATFORM golang AS b\n', '  go build\n', 'EOF\n', '\tEOF\n', 'EOF', 'A\n', 'B\n', 'apk add git\n', 'x \\\n', '  y\n', '# note\n', '\n', 'echo \\$HOME\n', 'FROM x\n', 'USER app\n', '\r\n', ' EOF\n', 'EOF \n',
];

test('any mix of here-document pieces: the plain reading gives dockerfile-ast\'s model (fixed-seed property)', () => {
  const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join(''));
  fc.assert(fc.property(texts, (text) => checkAgainstDockerfileAst(text)), { seed: SEED, numRuns: 3000 });
});

/** What BuildKit's parser made of each text (test/buildkit-heredocs.json): its error, or each instruction's lines and here-documents. */
interface BuildKitCase {
  text: string;
  buildkit: { error: string } | { instructions: [keyword: string, startLine: number, endLine: number, heredocs?: BuildKitHeredoc[]][] };
}
type BuildKitHeredoc = { name: string; expand: boolean; chomp: boolean; descriptor?: number; content: string };

const BUILDKIT_CASES = (JSON.parse(readFileSync(repoPath('test', 'buildkit-heredocs.json'), 'utf8')) as { cases: BuildKitCase[] }).cases;
/** The table's hand-written cases, at its head: the forms of BuildKit's own tests and of here-documents dockerfile-ast reads otherwise. */
const HAND_WRITTEN = new Set(BUILDKIT_CASES.slice(0, 16).map((each) => each.text));

/**
 * merlint's reading of a text as BuildKit's table gives it: a parse error, or each instruction's lines and, for each RUN, COPY or
 * ADD read without dockerfile-ast, its here-documents (names, `<<-`, expansion, bodies); a here-document line left to dockerfile-ast
 * gives its first line alone.
 */
function asBuildKitReads(text: string): unknown {
  const { document, errors } = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text });
  if (errors.some((error) => error.message.includes('(unterminated heredoc)'))) return { error: 'unterminated heredoc' };
  const plain = findPlainInstructions(text, '\\').instructions;
  const lines = new LineIndex(text);
  return {
    instructions: document!.statements.map((range) => {
      const read = plain.find((instruction) => lines.offset(range.start) === instruction.start);
      if (!read || read.heredocs.length === 0) return [range.start.line, range.end.line];
      const opened = heredocsOfLine(text.slice(read.keywordEnd, firstLineEnd(read)))!;
      const heredocs = read.heredocs.map(({ name, content }, j) => ({ name, expand: opened[j]!.expand, chomp: opened[j]!.chomp, content: bodyOf(text, content) }));
      return [range.start.line, range.end.line, heredocs];
    }),
  };
}

test("here-document lines are read as BuildKit's parser reads them: the names, `<<-`, expansion and bodies, and where each instruction ends (a table BuildKit made)", () => {
  const leftToDockerfileAst: string[] = [];
  for (const { text, buildkit } of BUILDKIT_CASES) {
    // Each text opens here-documents on its second line, after `FROM alpine`.
    if (!findPlainInstructions(text, '\\').instructions.some((instruction) => instruction.start === text.indexOf('\n') + 1)) {
      leftToDockerfileAst.push(text);
      continue;
    }
    const withoutDescriptors = (heredocs: BuildKitHeredoc[]) => heredocs.map(({ name, expand, chomp, content }) => ({ name, expand, chomp, content }));
    const expected = 'error' in buildkit ? buildkit : { instructions: buildkit.instructions.map(([, start, end, heredocs]) => (heredocs ? [start, end, withoutDescriptors(heredocs)] : [start, end])) };
    assert.equal(asBuildKitReads(text), expected, JSON.stringify(text));
  }
  // Left to dockerfile-ast (heredocsOpenedBy): a `${…}` merlint does not follow, a here-document no line closes (BuildKit's "unterminated
  // heredoc"), an instruction whose other words are not plain (COPY paths in quotes), and, where dockerfile-ast names the here-documents
  // alike, an empty body or an escape in a body line. 249 of the 416 texts are read without it.
  assert.equal(leftToDockerfileAst.filter((text) => HAND_WRITTEN.has(text)), ['FROM alpine\nRUN <<${A:-x y}\nx\nEOF\nUSER app\n'], 'the hand-written cases left to dockerfile-ast');
  assert.ok(BUILDKIT_CASES.length - leftToDockerfileAst.length >= 240, `${BUILDKIT_CASES.length - leftToDockerfileAst.length} read without dockerfile-ast`);
});

test.run();
