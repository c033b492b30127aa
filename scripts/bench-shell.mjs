// The shell reader (src/shell/): the one-time cost of loading tree-sitter and the bash grammar (in
// fresh processes), and scripts read per second from a generated corpus of start scripts, CI
// scripts and installers. Run by scripts/bench.mjs, or alone: node scripts/bench-shell.mjs [N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SHELL_MODULE = new URL('../dist/src/shell/index.js', import.meta.url).href;
const TREE_SITTER_MODULE = new URL('../dist/src/tree-sitter.js', import.meta.url).href;
const LOAD_RUNS = 7;
const READ_RUNS = 5;

/** Scripts of the shapes teams keep, varied by `i`. */
const TEMPLATES = [
  (i) => `#!/bin/sh
set -eu
# Start script of service ${i}
export GOPROXY="https://proxy.golang.org,direct"
if [ "\${DISABLE_IPV6:-0}" = "1" ]; then
  sysctl -w net.ipv6.conf.all.disable_ipv6=1 || echo "cannot set sysctl" >&2
fi
for dir in /run/app-${i} /var/log/app-${i}; do
  mkdir -p "$dir" && chown 10001:10001 "$dir"
done
exec /usr/local/bin/app-${i} --listen ":80${i % 10}" "$@"
`,
  (i) => `#!/usr/bin/env bash
set -euo pipefail
VERSION=$(git describe --tags --always)
build() {
  local target="$1"
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-X main.version=\${VERSION}" -o "bin/\${target}" "./cmd/\${target}"
}
go env -w GOPRIVATE=git.example.com/team-${i}/*
for target in api worker migrate; do build "$target"; done
cat <<INFO > build-info.json
{"version": "\${VERSION}", "service": "svc-${i}"}
INFO
docker build -t registry.example.com/svc-${i}:"\${VERSION}" . && docker push registry.example.com/svc-${i}:"\${VERSION}"
`,
  (i) => `#!/bin/bash
# Node setup ${i}
cat <<'CONF' | sudo tee -a /etc/sysctl.d/99-tuning.conf >/dev/null
net.core.somaxconn = 4096
vm.max_map_count = 262144
CONF
sudo sysctl --system
case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64) ARCH=arm64 ;;
  *) echo "unsupported" >&2; exit 1 ;;
esac
curl -fsSL "https://dl.example.com/tool-\${ARCH}.tar.gz" | tar -xz -C /usr/local/bin
bash -c 'echo ready > /run/setup-${i}.done'
`,
];

function corpus(count) {
  return Array.from({ length: count }, (_, i) => TEMPLATES[i % TEMPLATES.length](i));
}

/** Median milliseconds, over fresh processes, of loading runtime + bash grammar cold, and of the bash grammar alone once the runtime is up. */
function loadCost() {
  const warmRuntime = `
    const { loadGrammar } = await import(${JSON.stringify(TREE_SITTER_MODULE)});
    await loadGrammar('go');
    const start = performance.now();
    const { loadShellReader } = await import(${JSON.stringify(SHELL_MODULE)});
    await loadShellReader();
    console.log(JSON.stringify({ grammar: performance.now() - start }));`;
  const cold = `
    const start = performance.now();
    const { loadShellReader } = await import(${JSON.stringify(SHELL_MODULE)});
    await loadShellReader();
    console.log(JSON.stringify({ cold: performance.now() - start }));`;
  const run = (code) => JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).stdout);
  const samples = Array.from({ length: LOAD_RUNS }, () => ({ ...run(warmRuntime), ...run(cold) }));
  const median = (key) => samples.map((sample) => sample[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { cold: median('cold'), grammar: median('grammar') };
}

const REFUSED_GROUPS = 40000;

/** Median milliseconds of reading a function of REFUSED_GROUPS extglob groups without `shopt -s extglob`: each is made plain to place the error (quadratic once, 45 s). */
function refusedGroupsCost(read) {
  const text = `f() {\n  cp ${'@(a|b) '.repeat(REFUSED_GROUPS)}\n}\n`;
  const samples = Array.from({ length: READ_RUNS }, () => {
    const start = performance.now();
    read(text);
    return performance.now() - start;
  });
  return { bytes: text.length, ms: samples.sort((a, b) => a - b)[Math.floor(READ_RUNS / 2)] };
}

export async function shellBenchmark(count = 3000) {
  const { loadShellReader } = await import(SHELL_MODULE);
  const read = await loadShellReader();
  const scripts = corpus(count);
  const bytes = scripts.reduce((total, text) => total + Buffer.byteLength(text), 0);
  for (const text of scripts.slice(0, 200)) read(text); // warm-up
  const samples = [];
  let commands = 0;
  for (let run = 0; run < READ_RUNS; run++) {
    const start = performance.now();
    commands = 0;
    for (const text of scripts) commands += read(text).commands.length;
    samples.push(performance.now() - start);
  }
  const median = samples.sort((a, b) => a - b)[Math.floor(READ_RUNS / 2)];
  const refused = refusedGroupsCost(read);
  const load = loadCost();
  console.log(`\nshell reader: ${count} generated scripts (${(bytes / 1e6).toFixed(2)} MB, ${commands} commands)`);
  console.log(`  read: median ${median.toFixed(0)} ms = ${Math.round(count / (median / 1000))} scripts/s, ${(bytes / 1e6 / (median / 1000)).toFixed(1)} MB/s`);
  console.log(`  a syntax error among ${REFUSED_GROUPS} extglob groups bash refuses (${(refused.bytes / 1e3).toFixed(0)} KB, one function): median ${refused.ms.toFixed(0)} ms`);
  console.log(`  one-time load: tree-sitter runtime + bash grammar ${load.cold.toFixed(0)} ms in a fresh process; the bash grammar alone, once the runtime is up, ${load.grammar.toFixed(0)} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await shellBenchmark(Number(process.argv[2] ?? 3000));
