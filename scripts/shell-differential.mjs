// Differential check of the shell reader against bash: scripts built from constructs placed in contexts;
// every one that `bash -n` accepts must be read without a syntax error (MER000). Needs bash and a build.
// Usage: node scripts/shell-differential.mjs  (prints the scripts merlint rejects, exits 1 if any)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONSTRUCTS = [
  'if true; then echo a; fi',
  'while false; do echo a; done',
  'for i in 1 2; do echo "$i"; done',
  'case $x in a) echo a;; esac',
  'case "$x" in "a b") echo a ;; esac',
  'case $x in *"a"*"b") echo a;; esac',
  'case $x in *"a (c) "*" d, e.") echo a;; esac',
  'case $x in a|"b c") echo a;; esac',
  'case $x in a) echo a;& b) echo b;;& esac',
  '(echo a)',
  '{ echo a; }',
  '[[ $x =~ ^a+$ ]]',
  '[[ -n $x && $x != "b" ]]',
  'a=(x y "z w")',
  'echo "${a[@]}" "${#a[@]}" "${x//a/b}"',
  'echo $((1 + 2 * 3))',
  '(( i++ ))',
  'cat <(echo a) >(cat)',
  'select v in a b; do break; done',
  'coproc cat',
  'coproc worker { cat; }',
  'function g { echo a; }',
  'function g() { echo a; }',
  'cat <<-EOF\n\tbody\n\tEOF',
  'cat <<EOF | tee /tmp/x\nbody\nEOF',
  'read -r a b <<< "$x"',
  'echo a |& cat',
  'exec 3<> /tmp/x',
  'case $x in (a) echo a;; esac',
  '[[ $x == @(a|b)* ]]',
  'a+=(z) && declare -A m=([k]=v)',
  'echo "${x@Q}" "${!x}" "${x^^}" "${x,,}" $\'a\\tb\'',
  'for ((i = 0; i < 3; i++)); do echo "$i"; done',
  'until false; do break; done',
  'mapfile -t lines < <(ls)',
  'echo {a,b}{1..3}',
  'trap \'rm -f "$tmp"\' EXIT',
  '! grep -q x /tmp/x || { echo no; exit 1; }',
  'time sleep 0',
  'printf -v out "%s" a',
  'cat <<\'EOF\' > /tmp/x\n$body\nEOF',
  'local -n ref=x 2>/dev/null',
  'echo $(( $(echo 1) + 2 ))',
  'echo "$(echo "a b")"',
  'pid=$((ctl status || echo 0) | tail -n1)',
  '<<\'NOTE\'\necho a\nNOTE',
];

const CONTEXTS = [
  (s) => s,
  (s) => `f() { ${s} }`,
  (s) => `f() { ${s}; }`,
  (s) => `f() {\n  ${s}\n}`,
  (s) => `if true; then ${s}; fi`,
  (s) => `if true; then\n  ${s}\nfi`,
  (s) => `while read -r l; do ${s}; done < /tmp/x`,
  (s) => `${s} && echo ok`,
  (s) => `x=$(${s})`,
  (s) => `{ ${s} } > /tmp/y`,
];

const root = fileURLToPath(new URL('..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'merlint-shell-'));
const scripts = new Map();
try {
  CONSTRUCTS.forEach((construct, i) =>
    CONTEXTS.forEach((context, j) => {
      const name = `c${i}-x${j}.sh`;
      const text = `${context(construct)}\n`;
      writeFileSync(join(directory, name), text);
      if (spawnSync('bash', ['-n', join(directory, name)]).status === 0) scripts.set(name, text);
      else rmSync(join(directory, name));
    }),
  );
  const run = spawnSync(process.execPath, [join(root, 'bin/merlint.js'), '--format', 'json', '--fail-on', 'none', directory], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const findings = JSON.parse(run.stdout);
  const list = Array.isArray(findings) ? findings : findings.findings;
  const rejected = [...new Set(list.filter((finding) => finding.ruleId === 'MER000').map((finding) => finding.location.path.split('/').pop()))].sort();
  for (const name of rejected) console.log(`${name}: ${JSON.stringify(scripts.get(name))}`);
  console.log(`${scripts.size} scripts bash accepts, ${rejected.length} rejected by merlint`);
  process.exitCode = rejected.length > 0 ? 1 : 0;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
