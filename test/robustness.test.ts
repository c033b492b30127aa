import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { merlint } from './helpers/cli.js';
import type { ScanResult } from '../src/engine.js';
import { scanDirectory } from './helpers/scan.js';
import { trapNodeReads, trapParsing } from './helpers/tree-sitter-traps.js';
import { makeTree } from './helpers/tree.js';

const FIVE_MB = 5 * 1024 * 1024;

/** A generated Dockerfile of 5 MB: a few hundred RUN steps between generated comment lines (stress.test.ts has huge instruction counts). */
function bigDockerfile(): string {
  const lines = ['FROM alpine:3.22'];
  for (let entry = 0, size = 0; size < FIVE_MB; entry++) {
    const line = entry % 100 === 0 ? `RUN echo "step ${entry}" >> /var/log/build.log` : `# generated build notes, entry ${entry}: ${'n'.repeat(140)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\nUSER 10001\n`;
}

// Would be a DKR002 finding if merlint read it through the links below.
const outside = makeTree({ 'Dockerfile': 'FROM alpine:latest\nUSER 10001\n' });

const root = makeTree({
  'binary/Dockerfile': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x3e, 0x00]),
  'empty/Dockerfile': '',
  'broken/Dockerfile': 'FROM alpine:3.22\nUSER 10001\nCOPPY . /app\n',
  'latin1/Dockerfile': Buffer.from('FROM alpine:3.22\nLABEL maintainer="Ren\xe9e Tan"\nUSER 10001\n', 'latin1'),
  'big/Dockerfile': bigDockerfile(),
  'ok/Dockerfile': 'FROM alpine:3.22\nUSER 10001\n',
  'loop/a': { link: 'b' },
  'loop/b': { link: 'a' },
  'loop/a.Dockerfile': { link: 'b.Dockerfile' },
  'loop/b.Dockerfile': { link: 'a.Dockerfile' },
  'nested/back-to-root': { link: '..' },
  'escape.Dockerfile': { link: join(outside, 'Dockerfile') },
  'escape-dir': { link: outside },
});

const EXPECTED = ['binary/Dockerfile:1 MER000', 'broken/Dockerfile:3 MER000', 'empty/Dockerfile:1 MER000', 'latin1/Dockerfile:2 MER000'];

test('hostile files: MER000 at the right line where a file cannot be parsed, nothing read outside the root', async () => {
  // In one pass, so that `sources` holds every file read (a batched scan keeps only those its findings quote).
  const result = await scanDirectory(root, [root], { batchBytes: Number.POSITIVE_INFINITY });
  const found = result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line} ${finding.ruleId}`);
  assert.equal(found.sort(), EXPECTED);
  assert.equal([...result.sources.keys()].sort(), ['big/Dockerfile', 'broken/Dockerfile', 'empty/Dockerfile', 'ok/Dockerfile']);
  const notices = result.notices.map((notice) => notice.message).join('\n');
  assert.match(notices, 'escape.Dockerfile: symbolic link leads outside the scan root; not followed');
  assert.match(notices, 'loop/a.Dockerfile: broken or looping symbolic link; skipped');
});

test('hostile files: the command line finishes, says nothing on stderr, and exits by the findings', () => {
  const all = merlint(['.', '--format', 'compact'], { cwd: root });
  assert.is(all.stderr, '');
  assert.is(all.status, 1, 'MER000 is an error');
  assert.is(all.stdout.split('\n').filter(Boolean).length, EXPECTED.length);
  const clean = merlint(['ok'], { cwd: root });
  assert.is(clean.status, 0, clean.stdout);
});

test('a script nested too deep for the TypeScript parser is a MER000 at its start, not a parser crash; the next script is still read', async () => {
  const deep = `export const x = ${'f(\n'.repeat(3000)}1${')'.repeat(3000)};\n`;
  const next = "import pino from 'pino';\nconst plain = pino();\nexport function created(customer: Customer) {\n  plain.info({ phone: customer.phone }, 'created');\n}\n";
  const result = await scanDirectory(makeTree({ 'a-deep.ts': deep, 'b-next.ts': next }));
  assert.equal(found(result), ['a-deep.ts:1:1 MER000', 'b-next.ts:4:23 PDPA001']);
  assert.is(result.findings[0]!.message, 'syntax error: code nested too deep for the TypeScript parser (it ran out of stack), so the file was not read; move inner parts of the deepest expression or block into variables or functions');
});

test("a line of thousands of `|`, on which tree-sitter-bash's WebAssembly fails, is refused before it is parsed: a MER000 at the first `|` past 1,000; the scripts after it are read", async () => {
  const result = await scanDirectory(
    makeTree({
      // Its error recovery at the end takes all the memory it may have.
      'a-memory.sh': `${'|%'.repeat(12_000)}t '`,
      // Where no pipeline may start, its error recovery recurses once per `|` before the `$(`, past its stack.
      'b-stack.sh': `(${'|a'.repeat(1_700)}t $(`,
      'c-next.sh': 'export GOSUMDB=off\n',
    }),
  );
  assert.equal(found(result), ['a-memory.sh:1:2001 MER000', 'b-stack.sh:1:2002 MER000', 'c-next.sh:1:16 GOP001']);
  assert.match(result.findings[0]!.message, /^This line holds more than 1,000 `\|`/);
});

test("a failure of tree-sitter's WebAssembly while a parsed script's nodes are read is a MER000, and the next script gets a new instance", async () => {
  const undo = await trapNodeReads();
  try {
    const result = await scanDirectory(makeTree({ 'a-failing.sh': 'export GOSUMDB=off\n', 'b-next.sh': 'export GOFLAGS=-insecure\n' }));
    assert.equal(found(result), ['a-failing.sh:1:1 MER000', 'b-next.sh:1:16 GOP001']);
    assert.match(result.findings[0]!.message, /^The shell parser \(tree-sitter-bash\) gave up on the script that starts here \(its WebAssembly ran out of memory or stack\)/);
  } finally {
    undo();
  }
});

test("a failure of tree-sitter's WebAssembly on a script inside a script is a MER000 where the inner script starts", async () => {
  const undo = await trapParsing('export GOSUMDB=off');
  try {
    const result = await scanDirectory(makeTree({ 'a-failing.sh': "echo start\nsh -c 'export GOSUMDB=off'\n", 'b-next.sh': 'export GOFLAGS=-insecure\n' }));
    assert.equal(found(result), ['a-failing.sh:2:8 MER000', 'b-next.sh:1:16 GOP001']);
  } finally {
    undo();
  }
});

test("a failure of tree-sitter's WebAssembly while a Go file's nodes are read is a MER000, and the next Go file gets a new instance", async () => {
  const logs = (name: string) => `package payments\n\nimport log "github.com/sirupsen/logrus"\n\nfunc ${name}(c *Customer) {\n\tlog.WithField("mobile", c.Mobile).Info("refund")\n}\n`;
  const undo = await trapNodeReads();
  try {
    const result = await scanDirectory(makeTree({ 'a/failing.go': logs('Failing'), 'b/next.go': logs('Next') }));
    assert.equal(found(result), ['a/failing.go:1:1 MER000', 'b/next.go:6:26 PDPA001']);
    assert.match(result.findings[0]!.message, /^The Go parser \(tree-sitter-go\) gave up on this file: its WebAssembly ran out of memory or stack/);
  } finally {
    undo();
  }
});

test("a script of a manifest, a workflow or a Makefile on which tree-sitter's WebAssembly fails leaves the file's next script a working reader", async () => {
  const container = (name: string) => `    - name: ${name}\n      image: busybox:1.36\n      command: ["sh", "-c", "sysctl -w net.ipv6.conf.all.disable_ipv6=1"]\n`;
  // Each file, and the one finding of its second script.
  const cases = [
    ['pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tuner\nspec:\n  containers:\n${container('failing')}${container('next')}`, 'pod.yaml:12:40 NET003'],
    ['.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go env -w GOSUMDB=off\n      - run: go env -w GOSUMDB=off\n', '.github/workflows/ci.yml:7:32 GOP001'],
    ['Makefile', 'failing:\n\tgo env -w GOSUMDB=off\nnext:\n\tgo env -w GOSUMDB=off\n', 'Makefile:4:20 GOP001'],
  ] as const;
  for (const [path, text, expected] of cases) {
    const undo = await trapNodeReads();
    try {
      assert.equal(found(await scanDirectory(makeTree({ [path]: text }))), [expected], path);
    } finally {
      undo();
    }
  }
});

function found(result: ScanResult): string[] {
  return result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line}:${finding.location.range.start.column} ${finding.ruleId}`);
}

test('a symbolic link named on the command line is not followed out of the scan root either: a notice, no finding, nothing read', () => {
  const run = merlint(['--format', 'json', 'escape.Dockerfile', 'escape-dir', 'ok/Dockerfile'], { cwd: root });
  assert.is(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: unknown[]; notices: { path: string; message: string }[] };
  assert.equal(report.findings, []);
  assert.equal(
    report.notices.map((notice) => notice.message),
    ['escape-dir: symbolic link leads outside the scan root; not followed', 'escape.Dockerfile: symbolic link leads outside the scan root; not followed'],
  );
});

test.run();
