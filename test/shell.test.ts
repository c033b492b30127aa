import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linePositions, loadShellReader, programName, shellGoSettings, type ShellCommand, type ShellScript, type ShellWord } from '../src/shell/index.js';
import { bashOrShDialect, imageShDialect, isWindowsImage, windowsDefaultUser } from '../src/shell/images.js';
import type { Range } from '../src/types.js';
import { countNodeReads } from './helpers/tree-sitter-traps.js';

const read = await loadShellReader();

/** `line:column-line:column` of a range. */
function at(range: Range): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function named(script: ShellScript, name: string): ShellCommand[] {
  return script.commands.filter((command) => programName(command) === name);
}

function values(words: readonly ShellWord[]): (string | undefined)[] {
  return words.map((word) => word.value);
}

test('commands are found in functions, after &&, in pipelines, subshells, loops, if, case and $( … )', () => {
  const script = read(`#!/bin/sh
setup() {
  mkdir -p /run/app && sysctl -w net.ipv6.conf.all.disable_ipv6=1
}
(cd /tmp; sysctl -p /etc/sysctl.d/99-ipv6.conf) || true
for i in 1 2; do sysctl -n net.core.somaxconn | cat; done
if [ -n "$X" ]; then sysctl -a; fi
case "$1" in start) sysctl -q kernel.pid_max ;; esac
current=$(sysctl -n net.ipv6.conf.all.disable_ipv6)
`);
  const sysctls = named(script, 'sysctl');
  assert.equal(sysctls.map((command) => at(command.program!.range)), ['3:24-3:30', '5:11-5:17', '6:18-6:24', '7:22-7:28', '8:21-8:27', '9:11-9:17']);
  assert.equal(sysctls[0]!.context.function, 'setup');
  assert.equal(values(sysctls[0]!.programArguments), ['-w', 'net.ipv6.conf.all.disable_ipv6=1']);
  assert.equal(sysctls[5]!.context.substitution, true);
  assert.equal(script.errors, []);
});

test('comments and strings passed to echo are not commands', () => {
  const script = read(`# sysctl -w net.ipv6.conf.all.disable_ipv6=1
echo "sysctl -w net.ipv6.conf.all.disable_ipv6=1"
printf '%s\\n' 'export GOPROXY=off'  # go env -w GOSUMDB=off
`);
  assert.equal(named(script, 'sysctl'), []);
  assert.equal(script.assignments, []);
  assert.equal(shellGoSettings(script, 'a.sh', 'shell script'), []);
  assert.equal(script.comments.map((comment) => comment.text), [' sysctl -w net.ipv6.conf.all.disable_ipv6=1', ' go env -w GOSUMDB=off']);
});

test('quoting and escapes are undone; expansions make a word not static', () => {
  const script = read(`cmd 'a b' "c \\"d\\" \\$e" f\\ g "h"'i'j $'k\\tl' "$HOME/x" \${Y:-z} pre$(date)post
`);
  const [command] = script.commands;
  assert.equal(values(command!.arguments), ['a b', 'c "d" $e', 'f g', 'hij', 'k\tl', undefined, undefined, undefined]);
  assert.equal(command!.arguments.map((word) => word.verbatim), [true, false, false, false, false, false, false, false]);
  assert.equal(at(command!.arguments[0]!.valueRange), '1:6-1:9');
  assert.equal(command!.arguments[5]!.text, '"$HOME/x"');
});

test("$'…' strings: octal, hex, Unicode and control escapes are decoded; an escape bash does not know keeps its backslash", () => {
  const script = read(`printf $'\\061\\x31\\u0031\\U0001F600\\cA\\q\\'' $'a\\x4g'
`);
  assert.equal(values(script.commands[0]!.arguments), ["111\u{1F600}\x01\\q'", 'a\x04g']);
});

test("under sh, which may be dash, a $'…' string has no known value; a script bash runs from it reads one as bash does", () => {
  const script = read(`printf $'a\\tb' "c"\nsh -c $'echo x'\ndash <<'EOF'\necho $'y'\nEOF\nbash <<'EOF'\necho $'z'\nEOF\n`, undefined, undefined, 'sh');
  assert.equal(values(named(script, 'printf')[0]!.arguments), [undefined, 'c']);
  assert.equal(named(script, 'echo').map((command) => values(command.arguments)), [[undefined], ['z']]);
});

test('a shell script is read as sh where its #! line names sh or dash, directly or through env; else as bash', async () => {
  const { parseShellScript } = await import('../src/languages/shell/parser.js');
  const valueIn = async (shebang: string) => {
    const { document } = await parseShellScript({ path: 'start.sh', kind: 'shell', text: `${shebang}\necho $'x'\n` });
    return document!.script.commands[0]!.arguments[0]!.value;
  };
  for (const shebang of ['#!/bin/sh', '#! /bin/sh -e', '#!/usr/bin/env sh', '#!/usr/bin/env -S sh -eu', '#!/bin/dash']) assert.is(await valueIn(shebang), undefined, shebang);
  for (const shebang of ['#!/bin/bash', '#!/usr/bin/env bash', '#!/bin/ash', '#!/bin/zsh', '', '# no interpreter']) assert.is(await valueIn(shebang), 'x', shebang);
});

test('assignments: plain, export, declare -x, readonly, local, prefixes, env, and a later export', () => {
  const script = read(`GOPROXY="https://proxy.example.com,direct"
export GOSUMDB=off GOFLAGS='-mod=mod'
declare -x GOPRIVATE=*.corp.example.com
readonly GOTOOLCHAIN=local
f() { local GOINSECURE=x; }
GONOSUMDB=a go build ./...
sudo -E env GONOPROXY=b go mod download
GOPROXY+=",off"
export GOPROXY
`);
  const rows = script.assignments.map((a) => `${a.name}=${a.value?.value}${a.keyword ? ` ${a.keyword}` : ''}${a.exported ? ' exported' : ''}${a.prefixOf ? ` for ${programName(a.prefixOf)}` : ''}${a.append ? ' +=' : ''}`);
  assert.equal(rows, [
    'GOPROXY=https://proxy.example.com,direct exported',
    'GOSUMDB=off export exported',
    'GOFLAGS=-mod=mod export exported',
    'GOPRIVATE=*.corp.example.com declare exported',
    'GOTOOLCHAIN=local readonly',
    'GOINSECURE=x local',
    'GONOSUMDB=a exported for go',
    'GONOPROXY=b exported for go',
    'GOPROXY=,off exported +=',
    'GOPROXY=undefined export exported',
  ]);
  const proxy = script.assignments[0]!;
  assert.equal(at(proxy.nameRange), '1:1-1:8');
  assert.equal(at(proxy.value!.valueRange), '1:10-1:42');
  assert.ok(proxy.value!.verbatim);
  assert.equal(at(script.assignments[7]!.value!.valueRange), '7:23-7:24');
});

test('Go settings: assignments and go env -w, with the value range and source', () => {
  const script = read(`export GOPROXY=http://proxy.internal:3000
go env -w GOSUMDB=off GOFLAGS=-insecure
GOOGLE_APPLICATION_CREDENTIALS=/k.json GOOS=linux go build
go env GOPROXY
`);
  const settings = shellGoSettings(script, 'ci/build.sh', 'shell script');
  assert.equal(
    settings.map((s) => `${s.name}=${s.value} ${at(s.nameAt.range)} ${at(s.at.range)} ${s.source}${s.verbatim ? '' : ' ~'}`),
    ['GOPROXY=http://proxy.internal:3000 1:8-1:15 1:16-1:42 shell script', 'GOSUMDB=off 2:11-2:18 2:19-2:22 go env -w', 'GOFLAGS=-insecure 2:23-2:30 2:31-2:40 go env -w', 'GOOS=linux 3:40-3:44 3:45-3:50 shell script'],
  );
  assert.equal(settings[0]!.at.path, 'ci/build.sh');
});

test('redirections, heredocs and tee: the files written, what writes them, and heredoc lines', () => {
  const script = read(`cat <<EOF >> /etc/sysctl.conf
net.ipv6.conf.all.disable_ipv6 = 1
net.ipv6.conf.default.disable_ipv6 = 1
EOF
echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6 2>/dev/null
printf 'net.ipv6.conf.lo.disable_ipv6=1\\n' | sudo tee -a /etc/sysctl.d/10-ipv6.conf >/dev/null
cat <<'EOF' | tee /etc/sysctl.d/20.conf
vm.swappiness = $NOT_EXPANDED
EOF
{ echo a; echo b; } >> /tmp/log
`);
  assert.equal(
    script.writes.map((w) => `${w.target.value} ${w.append ? 'append' : 'replace'} ${w.by} ${w.writers.map(programName).join('+')}`),
    [
      '/etc/sysctl.conf append redirect cat',
      '/proc/sys/net/ipv6/conf/all/disable_ipv6 replace redirect echo',
      '/etc/sysctl.d/10-ipv6.conf append tee printf',
      '/dev/null replace redirect tee',
      '/etc/sysctl.d/20.conf replace tee cat',
      '/tmp/log append redirect echo+echo',
    ],
  );
  const [first, , , , fifth] = script.writes;
  assert.equal(first!.heredoc!.lines.map((line) => `${line.text} ${at(line.range)}`), ['net.ipv6.conf.all.disable_ipv6 = 1 2:1-2:35', 'net.ipv6.conf.default.disable_ipv6 = 1 3:1-3:39']);
  assert.equal(first!.heredoc!.expands, true);
  assert.equal(fifth!.heredoc!.expands, false);
  assert.equal(fifth!.heredoc!.body, 'vm.swappiness = $NOT_EXPANDED\n');
  assert.equal(script.errors, []);
});

test('sh -c, bash -c, su -c, eval and bash <<EOF: the nested script is read with positions in the file', () => {
  const script = read(`sh -c 'sysctl -w net.ipv6.conf.all.disable_ipv6=1'
bash -euo pipefail -c "echo \\"start\\"; GOFLAGS=-mod=mod go build"
su - app -c 'sysctl -p'
eval "sysctl" -a
bash <<SCRIPT
  sysctl -w net.ipv6.conf.default.disable_ipv6=1
SCRIPT
bash <<< 'sysctl kernel.pid_max'
`);
  const sysctls = named(script, 'sysctl');
  assert.equal(sysctls.map((command) => `${at(command.program!.range)} ${programName(command.context.embeddedIn!)}`), ['1:8-1:14 sh', '3:14-3:20 su', '4:7-4:13 eval', '6:3-6:9 bash', '8:11-8:17 bash']);
  assert.equal(at(sysctls[0]!.programArguments[1]!.range), '1:18-1:50');
  const go = named(script, 'go')[0]!;
  assert.equal(go.assignments.map((a) => `${a.name} ${at(a.value!.valueRange)}`), ['GOFLAGS 2:48-2:56']);
  assert.equal(script.commands.filter((command) => programName(command) === 'echo').map((echo) => echo.programArguments[0]!.value), ['start']);
});

test("a redirection written after the last command of a list or pipeline is that command's, as bash reads it: `true && bash <<EOF` runs its script", () => {
  const script = read(`true && bash <<'EOF'
sysctl -w net.ipv6.conf.all.disable_ipv6=1
EOF
cd / || sh -e <<EOF
sysctl -w net.ipv6.conf.default.disable_ipv6=1
EOF
true && echo 1 > /proc/sys/net/ipv6/conf/lo/disable_ipv6
false | { echo a; echo b; } >> /tmp/log
`);
  const sysctls = named(script, 'sysctl');
  assert.equal(sysctls.map((command) => `${at(command.program!.range)} ${programName(command.context.embeddedIn!)}`), ['2:1-2:7 bash', '5:1-5:7 sh']);
  assert.equal(script.writes.map((w) => `${w.target.value} ${w.writers.map(programName).join('+')}`), ['/proc/sys/net/ipv6/conf/lo/disable_ipv6 echo', '/tmp/log echo+echo']);
  assert.equal(named(script, 'true').map((command) => command.redirects.length), [0, 0]);
});

test('an embedded script: every range is in the host file (an indented YAML block scalar)', () => {
  const yaml = `jobs:
  build:
    steps:
      - run: |
          export GOPROXY=https://proxy.golang.org
          if true; then
            go env -w GOSUMDB=off
          fi
`;
  const scriptText = 'export GOPROXY=https://proxy.golang.org\nif true; then\n  go env -w GOSUMDB=off\nfi\n';
  const script = read(scriptText, linePositions(scriptText, [5, 6, 7, 8].map((line) => ({ line, column: 11 }))));
  const settings = shellGoSettings(script, '.github/workflows/ci.yml', 'GitHub Actions run');
  assert.equal(settings.map((s) => `${s.name} ${at(s.at.range)}`), ['GOPROXY 5:26-5:50', 'GOSUMDB 7:31-7:34']);
  const lines = yaml.split('\n');
  assert.equal(lines[4]!.slice(25, 49), 'https://proxy.golang.org');
  assert.equal(lines[6]!.slice(30, 33), 'off');
});

test('an embedded one-line script, and sh -c inside it, map to the host line', () => {
  const text = `sh -c "sysctl -w net.ipv6.conf.all.disable_ipv6=1"`;
  // command: ["/bin/sh", "-c", "..."] in a Kubernetes manifest, the script string starting at line 12, column 30.
  const script = read(text, linePositions(text, [{ line: 12, column: 30 }]));
  assert.equal(named(script, 'sysctl').map((command) => at(command.program!.range)), ['12:37-12:43']);
});

test('a syntax error is reported with its position, and the commands after it are still read', () => {
  const script = read(`echo start
if [ -f /etc/x ]; then
  echo )
fi
sysctl -w net.ipv6.conf.all.disable_ipv6=1
`);
  assert.equal(script.errors.length, 1);
  assert.equal(script.errors[0]!.range.start.line, 3);
  assert.match(script.errors[0]!.message, /Shell syntax error/);
  assert.equal(named(script, 'sysctl').map((command) => command.range.start.line), [5]);
});

test('a script tree-sitter-bash would take minutes over is stopped, reported at its start, and the next script is read as usual', () => {
  // Its error recovery over a run of `)` grows with the square of the run: 40,000 take it over 40 s.
  const stopped = read(`export GOSUMDB=off\nexport GOS${')'.repeat(40_000)}\n`);
  assert.equal(stopped.commands, []);
  assert.equal(stopped.errors.map((error) => [at(error.range), error.message.slice(0, 59)]), [['1:1-1:2', 'The shell parser was stopped after 5.8 s on this script (a ']]);
  const next = read('export GOSUMDB=off\n');
  assert.equal(next.errors, []);
  assert.equal(next.assignments.map((assignment) => assignment.name), ['GOSUMDB']);
});

test('a line of more than 1,000 `|` is refused at the first past them, before it is parsed; lines continued by a backslash are one', () => {
  // 40,000 `|` took tree-sitter-bash's error recovery 40 s (found by fuzzing); 1,640 before an unclosed `$(` overran its stack.
  const refused = read(`export GOSUMDB=off\nexport GOS${'|'.repeat(40_000)}\n`);
  assert.equal(refused.commands, []);
  assert.equal(refused.errors.map((error) => [at(error.range), error.message.slice(0, 33)]), [['2:1011-2:1012', 'This line holds more than 1,000 `']]);
  const continued = read(`echo a ${'| cat '.repeat(600)}\\\r\n${'| cat '.repeat(600)}\n`);
  assert.equal(continued.errors.map((error) => at(error.range)), ['2:2401-2:2402']);
  const lines = read(`${'echo a | cat\n'.repeat(1500)}echo a ${'| cat '.repeat(1000)}\nexport GOSUMDB=off\n`);
  assert.equal(lines.errors, []);
  assert.equal(lines.assignments.map((assignment) => assignment.name), ['GOSUMDB']);
});

test('a `[` that bash reads as a plain word (`[!`, `[ a b ]` in a function) is no syntax error, and the commands around it are read as written', () => {
  const script = read(`check() {
  if [! docker compose version] &> /dev/null; then
    sysctl -w net.ipv6.conf.all.disable_ipv6=1
  fi
  [ "$1" "$2" ]
}
`);
  assert.equal(script.errors, []);
  assert.equal(named(script, '[!').map((command) => [at(command.program!.range), ...values(command.programArguments)]), [['2:6-2:8', 'docker', 'compose', 'version]']]);
  assert.equal(named(script, 'sysctl').map((command) => command.range.start.line), [3]);
  assert.equal(named(script, '[').map((command) => command.programArguments.map((word) => word.text)), [['"$1"', '"$2"', ']']]);
});

test('a here-string after another redirection is no syntax error, and its command is read', () => {
  const script = read(`jq -e .ok >/dev/null 2>&1 <<<"$health" || echo unhealthy
`);
  assert.equal(script.errors, []);
  assert.equal(named(script, 'jq').map((command) => values(command.programArguments)), [['-e', '.ok']]);
  assert.equal(named(script, 'echo').length, 1);
});

test('bash idioms tree-sitter-bash alone rejects are read as bash reads them: `V=2 ns::cmd`, `${s:$i:1}`, `${X:+(a ${Y})}`, `` `# comment` `` words', () => {
  const script = read(`V=2 kube::log::status "placing"
A=1 B=2 kube::codegen::gen_helpers --boilerplate "$b"
A="a b" B=$(date) ns::cmd
printf "%s" "\${text:$i:1}" "\${X:+(opts: \${Y})}"
git ls-files \\
  ':!:vendor/*' \`# vendored\` \\
  "$@"
`);
  assert.equal(script.errors, []);
  assert.equal(named(script, 'kube::log::status').map((command) => [at(command.program!.range), command.assignments.map((assignment) => assignment.name)]), [['1:5-1:22', ['V']]]);
  assert.equal(named(script, 'kube::codegen::gen_helpers').map((command) => [at(command.program!.range), command.assignments.map((assignment) => assignment.name), values(command.programArguments)]), [['2:9-2:35', ['A', 'B'], ['--boilerplate', undefined]]]);
  assert.equal(named(script, 'ns::cmd').map((command) => [at(command.program!.range), command.assignments.map((assignment) => assignment.name)]), [['3:19-3:26', ['A', 'B']]]);
  assert.equal(named(script, 'printf').map((command) => command.programArguments.map((word) => word.text)), [['"%s"', '"\${text:$i:1}"', '"\${X:+(opts: \${Y})}"']]);
  assert.equal(named(script, 'git').map((command) => command.programArguments.map((word) => word.text)), [['ls-files', "':!:vendor/*'", '"$@"']]);
});

test('a syntax error after complete statements is reported where the statement that cannot end starts, not at the first line', () => {
  const script = read(`set -eu
PORT=8080
start() { exec app --port "$PORT"; }
if [ -n "$DEBUG" ]; then
  echo "debug on
fi
`);
  assert.equal(script.errors.map((error) => at(error.range)), ['4:1-4:3']);
});

test('extglob patterns are words after `shopt -s extglob` on an earlier top-level line; before it, on its line or in the same function they are a syntax error', () => {
  const script = read(`shopt -s extglob
rm -fr * .!(|.|git)
cp +(*.html|*.css) @(a|b)/ /srv/
keep=!(*.bak)
`);
  assert.equal(script.errors, []);
  assert.equal(values(named(script, 'rm')[0]!.programArguments), ['-fr', '*', '.!(|.|git)']);
  assert.equal(at(named(script, 'rm')[0]!.programArguments[2]!.range), '2:10-2:20');
  assert.equal(values(named(script, 'cp')[0]!.programArguments), ['+(*.html|*.css)', '@(a|b)/', '/srv/']);
  for (const text of ['rm -fr .!(|.|git)\nshopt -s extglob\n', 'shopt -s extglob; rm -fr .!(|.|git)\n', 'f() {\n  shopt -s extglob\n  rm -fr .!(|.|git)\n}\n', 'shopt -s extglob\nshopt -u extglob\nrm -fr .!(|.|git)\n']) {
    assert.equal(read(text).errors.length, 1, text);
  }
});

test('a refused extglob group is reported at its `(`, where bash stops, also when tree-sitter-bash goes wrong from the function around it', () => {
  const [error] = read('f() {\n  shopt -s extglob\n  cd "$1"\n  rm -fr .!(|.|git)\n}\n').errors;
  assert.is(at(error!.range), '4:12-4:13');
  assert.match(error!.message, 'unexpected `(`');
  const [earlier] = read('if true; then\n  echo )\n  rm -fr .!(a)\nfi\n').errors;
  assert.is(earlier!.range.start.line, 2, 'an error before the group is still where tree-sitter-bash puts it');
});

test('a syntax error in a sh -c string is reported where it is in the file; one in text built at run time is not', () => {
  const script = read(`echo ok
sh -c 'if true; then echo'
eval "[[ \\\${$1[--i]} ]]" || true
`);
  assert.equal(script.errors.map((error) => error.range.start.line), [2]);
});

test('a compound command closed by `}` on its own line without `;` (`fi }`, `done }`, `]] }`) is no syntax error; `{ echo a }` still is', () => {
  const script = read(`wait_for() { if true; then sysctl -w net.core.somaxconn=1024; fi }
{ while false; do echo a; done } > /tmp/log
check() { [[ -n $1 ]] }
`);
  assert.equal(script.errors, []);
  assert.equal(named(script, 'sysctl').map((command) => command.context.function), ['wait_for']);
  assert.equal(read('{ echo a }\n').errors.length, 1);
});

test('a case pattern of globs and quoted strings (`*"Copyright (c) "*" Inc.")`) is no syntax error, and the branch is read', () => {
  const script = read(`case "$(head -1 "$file")" in
  *"Copyright (c) "*" Example, Inc.") ;;
  *"a"*"b"|x) sysctl -w net.core.somaxconn=1024 ;;
esac
`);
  assert.equal(script.errors, []);
  assert.equal(named(script, 'sysctl').map((command) => command.range.start.line), [3]);
});

test('a last case branch ended by `;&` or `;;&` is no syntax error', () => {
  for (const ending of [';&', ';;&']) {
    const script = read(`case $1 in\n  a) echo a ;;&\n  *) sysctl -w net.core.somaxconn=1024 ${ending}\nesac\n`);
    assert.equal(script.errors, [], ending);
    assert.equal(named(script, 'sysctl').length, 1, ending);
  }
});

test('a file opened for reading and writing (`exec 3<> f`) is no syntax error', () => {
  const script = read('exec 3<> /dev/tcp/db/5432 && sysctl -w net.core.somaxconn=1024\n');
  assert.equal(script.errors, []);
  assert.equal(named(script, 'sysctl').length, 1);
});

test('an escaped backquote opening a heredoc line, after a backquote substitution, is no syntax error, and the body is kept as written', () => {
  const script = read(`stamp=\`date +%s\`
cat > gen.go <<EOF
\\\`
const stamp = "$stamp"
EOF
sysctl -w net.core.somaxconn=1024
`);
  assert.equal(script.errors, []);
  assert.equal(script.heredocs.map((heredoc) => heredoc.body), ['\\`\nconst stamp = "$stamp"\n']);
  assert.equal(named(script, 'sysctl').length, 1);
});

test('a heredoc with no command (a block comment) is no syntax error, its body is no command, and the commands after it are read', () => {
  const script = read(`restore() { echo a; }
<< "COMMENT"
sysctl -w net.ipv6.conf.all.disable_ipv6=1
COMMENT
sysctl -w net.core.somaxconn=1024
`);
  assert.equal(script.errors, []);
  assert.equal(named(script, 'sysctl').map((command) => at(command.program!.range)), ['5:1-5:7']);
  // An unclosed one runs to the end of the script, bare `<<` lines in its body included.
  const unclosed = read('echo a\n<<NOTES\nsysctl -a\n<<MORE\nsysctl -p\n');
  assert.equal(unclosed.errors, []);
  assert.equal(unclosed.commands.map(programName), ['echo']);
});

test('`$((` opening a substitution whose command is a subshell is no syntax error, and the commands in it are read', () => {
  const script = read(`pid=$((ctl status || printf '\\n0') | tail -n1)\nsysctl -w net.core.somaxconn=$((pid+1))\n`);
  assert.equal(script.errors, []);
  assert.equal(script.commands.map(programName), ['ctl', 'printf', 'tail', 'sysctl']);
  // Every one is read, not only the first few tree-sitter-bash reports before it stops looking.
  const many = read('echo $((ctl status || echo 0) | tail -n1)\n'.repeat(300));
  assert.equal(many.errors, []);
  assert.equal(named(many, 'tail').length, 300);
});

test('random bytes, deep nesting and unbalanced quotes never throw', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = `ab$(){}[]'"\`\\|&;<>\n\t #=-*?!~%^0123456789EOF`;
  for (let i = 0; i < 300; i++) {
    const length = Math.floor(random() * 200);
    let text = '';
    for (let j = 0; j < length; j++) text += random() < 0.1 ? String.fromCharCode(Math.floor(random() * 0xffff)) : alphabet[Math.floor(random() * alphabet.length)];
    const script = read(text);
    assert.ok(Array.isArray(script.commands));
    assert.ok(script.errors.every((error) => !error.message.includes('could not read')), text);
  }
  const deep = read(`${'sh -c "'.repeat(40)}sysctl -a${'"'.repeat(40)}\n${'$('.repeat(2000)}x${')'.repeat(2000)}\n${'{ '.repeat(3000)}`);
  assert.ok(deep.errors.every((error) => !error.message.includes('could not read')));
  assert.ok(read("echo 'unterminated\nsysctl -a").commands.length >= 1);
  assert.ok(Array.isArray(read('\u0000\uFFFF\uD800').errors));
});

test('a script over the size the reader reads is reported, not parsed', () => {
  const script = read(`echo ${'x'.repeat(1024 * 1024)}\n`);
  assert.equal(script.commands, []);
  assert.equal(script.errors.length, 1);
  assert.match(script.errors[0]!.message, /over the 1 MiB merlint reads as shell/);
});

test('positions count UTF-16 code units after non-ASCII text', () => {
  const script = read(`echo "héllo 🚀"; export GOPROXY=off\n`);
  assert.equal(at(script.assignments[0]!.value!.valueRange), '1:33-1:36');
});

test('the shell an image runs scripts in, by its name: its /bin/sh, and for the GitLab runner bash where the image has it', () => {
  const images = {
    'alpine:3.20.2': ['ash', 'ash'],
    'golang:1.22.5-alpine3.20': ['ash', 'ash'],
    'golang:${GO_VERSION}-alpine': ['ash', 'ash'],
    'busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7': ['ash', 'ash'],
    'golang:1.22.5': ['sh', 'bash'],
    'docker.io/library/debian:bookworm-slim': ['sh', 'bash'],
    'golang:1.22.5-windowsservercore-ltsc2022': ['sh', undefined],
    'mcr.microsoft.com/windows/nanoserver:ltsc2022': ['sh', undefined],
    'registry.access.redhat.com/ubi9/ubi-minimal:9.4': ['bash', 'bash'],
    'quay.io/centos/centos:stream9': ['bash', 'bash'],
    'gcr.io/distroless/static-debian12:nonroot': ['sh', 'ash'],
    '${BASE_IMAGE}': ['sh', 'ash'],
  };
  for (const [image, [sh, runner]] of Object.entries(images)) {
    assert.is(imageShDialect(image), sh, image);
    assert.is(bashOrShDialect(image), runner, image);
  }
  assert.is(imageShDialect(undefined), 'sh');
  assert.is(bashOrShDialect(undefined), 'ash');
});

test('a Windows image by its name or by a tag word that names a Windows base or release (not `windows` alone), and the user it runs as without a USER: ContainerUser on Nano Server', () => {
  const images = {
    'mcr.microsoft.com/windows/servercore:ltsc2022': 'ContainerAdministrator',
    'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022': 'ContainerAdministrator',
    'mcr.microsoft.com/windows:ltsc2019': 'ContainerAdministrator',
    'mcr.microsoft.com/windows/nanoserver:ltsc2025': 'ContainerUser',
    'microsoft/nanoserver': 'ContainerUser',
    'python:3.13-windowsservercore-ltsc2022': 'ContainerAdministrator',
    'golang:1.26-nanoserver-ltsc2022': 'ContainerUser',
    'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022': 'ContainerUser',
    'mcr.microsoft.com/powershell:7.4-alpine-3.17': undefined,
    'mcr.microsoft.com/windowsfoo/app:1': undefined,
    'golang:1.22.5': undefined,
    'golang:windowsservercore-1809': 'ContainerAdministrator',
    'jenkins/inbound-agent:jdk17-nanoserver-ltsc2019': 'ContainerUser',
    'mcr.microsoft.com/oss/kubernetes/pause:3.9-windows-1809-amd64': 'ContainerAdministrator',
    'registry.example.com/tools/build:ltsc2022': 'ContainerAdministrator',
    'fyneio/fyne-cross-images:windows': undefined,
    'ghcr.io/acme/golang-cross:1.22-windows': undefined,
    'ghcr.io/acme/builder:windows-amd64': undefined,
    'ghcr.io/acme/app:1.0-nanoservers': undefined,
  };
  for (const [image, user] of Object.entries(images)) {
    assert.is(windowsDefaultUser(image), user, image);
    assert.is(isWindowsImage(image), user !== undefined, image);
  }
});

/** The reads of syntax nodes (of `names` only, where given) that reading `script` takes. */
async function nodeReads(script: string, names?: readonly string[]): Promise<number> {
  const { reads, undo } = await countNodeReads(names);
  try {
    read(script);
    return reads();
  } finally {
    undo();
  }
}

test('a script of 20,000 nested `$(` is read without asking tree-sitter for a parent, which it finds by a walk down from the root (such a script took 83 s)', async () => {
  const script = `echo ${'$('.repeat(20_000)}x${')'.repeat(20_000)}\nexport GOSUMDB=off\n`;
  assert.is(await nodeReads(script, ['parent']), 0);
  assert.equal(read(script).assignments.map((assignment) => assignment.name), ['GOSUMDB']);
});

test('thousands of redirected blocks, and of lines with a syntax error, are read with node reads that grow with the script, not with its square', async () => {
  for (const line of ['{ a; } > f\n', 'a ) b\n']) {
    const [shorter, longer] = [await nodeReads(line.repeat(500)), await nodeReads(line.repeat(1000))];
    assert.ok(longer < 2.5 * shorter, `${JSON.stringify(line)}: ${shorter} node reads for 500 lines, ${longer} for 1,000`);
  }
});

test.run();
