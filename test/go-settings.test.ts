import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScanResult } from '../src/engine.js';
import { LineIndex } from '../src/positions.js';
import type { Finding } from '../src/types.js';
import { scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

/** The characters a finding's range selects, from the scanned source. */
function selected(result: ScanResult, finding: Finding): string {
  const text = result.sources.get(finding.location.path)!;
  const index = new LineIndex(text);
  return text.slice(index.offset(finding.location.range.start), index.offset(finding.location.range.end));
}

function findingsOf(result: ScanResult, ruleId: string): Finding[] {
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

// The same two settings written in every format merlint reads them from, with the quoting each allows.
const EVERY_FORMAT = {
  '.env': 'export GOSUMDB="off"\nGOPROXY=https://goproxy.cn,https://goproxy.io,direct\n',
  'go.env': "GOSUMDB='off'\nGOPROXY=https://goproxy.cn,https://goproxy.io,direct\n",
  'Makefile': 'export GOSUMDB ?= off\nGOPROXY := https://goproxy.cn,https://goproxy.io,direct # mirrors\n',
  '.github/workflows/ci.yml': "env:\n  GOSUMDB: 'off'\njobs:\n  a:\n    env: { GOPROXY: \"https://goproxy.cn,https://goproxy.io,direct\" }\n    steps: [{ run: make }]\n",
  '.gitlab-ci.yml': 'variables:\n  GOSUMDB: "off"\n  GOPROXY:\n    value: https://goproxy.cn,https://goproxy.io,direct\n',
  '.devcontainer/devcontainer.json': '{\n  "containerEnv": { "GOSUMDB": "off" },\n  "remoteEnv": { "GOPROXY": "https://goproxy.cn,https://goproxy.io,direct" }\n}\n',
  'Dockerfile': 'FROM alpine:3.20.2\nENV GOSUMDB "off"\nRUN go env -w GOPROXY="https://goproxy.cn,https://goproxy.io,direct"\nUSER 10001\n',
};

test('each format: a finding selects exactly the offending value, or the part of it at fault', async () => {
  const result = await scanDirectory(makeTree(EVERY_FORMAT));
  const files = Object.keys(EVERY_FORMAT).sort();
  const gop001 = findingsOf(result, 'GOP001');
  assert.equal(gop001.map((finding) => finding.location.path).sort(), files);
  for (const finding of gop001) assert.is(selected(result, finding), 'off', finding.location.path);
  const gop004 = findingsOf(result, 'GOP004');
  assert.equal(gop004.map((finding) => finding.location.path).sort(), files);
  for (const finding of gop004) assert.is(selected(result, finding), 'https://goproxy.cn', finding.location.path);
  const gop006 = findingsOf(result, 'GOP006').map((finding) => `${finding.location.path} ${selected(result, finding)}`);
  assert.equal(gop006.sort(), files.flatMap((file) => [`${file} https://goproxy.cn`, `${file} https://goproxy.io`]).sort());
});

test('each format with CRLF line ends: the same findings at the same places and selecting the same text as with LF', async () => {
  const where = (result: ScanResult) => result.findings.map((finding) => `${finding.ruleId} ${finding.location.path}:${finding.location.range.start.line}:${finding.location.range.start.column} ${selected(result, finding)}`).sort();
  const crlf = Object.fromEntries(Object.entries(EVERY_FORMAT).map(([path, text]) => [path, text.replaceAll('\n', '\r\n')]));
  const lf = where(await scanDirectory(makeTree(EVERY_FORMAT)));
  assert.ok(lf.length > 0);
  assert.equal(where(await scanDirectory(makeTree(crlf))), lf);
});

test('values are read as the tool that loads the file reads them: escapes, references, continuation lines', async () => {
  const result = await scanDirectory(
    makeTree({
      '.env': [
        'HOST=goproxy.cn',
        'GOPROXY="https://${HOST}\\,https://goproxy.io"', // an escaped comma is still a comma to the go command
        "GOPRIVATE='${NOT_EXPANDED}*'", // single quotes are literal
        'GONOSUMDB="\\$HOME"', // an escaped $ is no reference
      ].join('\n'),
      // make's `$\` at the end of a line joins it to the next without a space.
      'Makefile': 'MIRRORS = https://goproxy.cn,$\\\n  https://goproxy.io\nexport GOPROXY = $(MIRRORS)\n',
    }),
  );
  const messages = result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line} ${finding.ruleId}`).sort();
  assert.equal(messages, ['.env:2 GOP004', '.env:2 GOP006', '.env:2 GOP006', 'Makefile:3 GOP004', 'Makefile:3 GOP006', 'Makefile:3 GOP006']);
});

test('hostile settings files: one MER000 where a file cannot be read, no hang on exponential references, the scan goes on', async () => {
  const result = await scanDirectory(
    makeTree({
      '.github/workflows/deep.yml': `env:\n  A: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
      '.github/workflows/broken.yml': 'env:\n  GOSUMDB: off\n  bad: [unclosed\njobs: {\n',
      '.devcontainer.json': `{"containerEnv": ${'['.repeat(5000)}`,
      '.devcontainer/devcontainer.json': '{ "containerEnv": { "GOSUMDB": "off" , }, ',
      '.env': `A=x\n${'A=${A}${A}\n'.repeat(40)}GOPROXY=http://\${A}\nGOSUMDB="unterminated\nGOFLAGS=-insecure\n`,
      'Makefile': `X0 = x\n${Array.from({ length: 60 }, (_, i) => `X${i + 1} = $(X${i})$(X${i})\n`).join('')}GOPROXY = http://$(X60)\n${'Y = \\\n'.repeat(5000)}end\n`,
      '.gitlab-ci.yml': Buffer.from([0xff, 0xfe, 0x00, 0x47, 0x00]),
    }),
  );
  const found = result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line} ${finding.ruleId}`).sort();
  assert.equal(found, [
    '.devcontainer.json:1 MER000',
    '.devcontainer/devcontainer.json:1 GOP001',
    '.devcontainer/devcontainer.json:1 MER000',
    '.env:44 GOP001',
    '.github/workflows/broken.yml:2 GOP001',
    '.github/workflows/broken.yml:4 MER000',
    '.github/workflows/deep.yml:2 MER000',
    '.gitlab-ci.yml:1 MER000',
  ]);
});


test('an unclosed quote in a workflow or Compose file is one MER000 at the quote that opens it, not at the end of the file', async () => {
  const result = await scanDirectory(
    makeTree({
      '.github/workflows/ci.yml': 'env:\n  GOSUMDB: "off\njobs:\n  a:\n    steps: [{ run: make }]\n',
      'compose.yaml': "services:\n  app:\n    environment:\n      GOSUMDB: 'off\n",
    }),
  );
  const errors = findingsOf(result, 'MER000').map((finding) => `${finding.location.path}:${finding.location.range.start.line}:${finding.location.range.start.column} ${selected(result, finding)}`).sort();
  assert.equal(errors, ['.github/workflows/ci.yml:2:12 "', "compose.yaml:4:16 '"]);
});

test('a value or script folded onto lines left of its key is read on to its closing quote, as the runners and Compose read it, with findings on its own characters', async () => {
  const result = await scanDirectory(
    makeTree({
      '.github/workflows/ci.yml': "jobs:\n  a:\n    steps:\n      - run: 'go env -w\n      GOFLAGS=-insecure'\n",
      '.gitlab-ci.yml': 'variables:\n  GOFLAGS: "-mod=mod\n  -insecure"\n',
      'compose.yaml': "services:\n  app:\n    environment:\n      GOFLAGS: '-mod=mod ''\n      GOSUMDB: off'' -insecure'\n",
    }),
  );
  assert.equal(findingsOf(result, 'MER000'), []);
  const found = result.findings.map((finding) => `${finding.location.path}:${finding.location.range.start.line}:${finding.location.range.start.column} ${finding.ruleId} ${selected(result, finding)}`).sort();
  assert.equal(found, [
    '.github/workflows/ci.yml:5:15 GOP001 -insecure',
    '.gitlab-ci.yml:2:13 GOP001 -mod=mod\n  -insecure',
    "compose.yaml:4:17 GOP001 -mod=mod ''\n      GOSUMDB: off'' -insecure",
  ]);
});

test('goproxy configuration: hosts are added to proxy.golang.org, and a URL or an unknown key is refused with its line', async () => {
  const { loadConfig } = await import('../src/config/load.js');
  const root = makeTree({
    'good/.merlint.yaml': 'goproxy:\n  allowedHosts: [goproxy.example.sg]\n  requireFallback: true\n',
    'url/.merlint.yaml': 'goproxy:\n  allowedHosts:\n    - https://goproxy.example.sg\n',
    'typo/.merlint.yaml': 'goproxy:\n  allowedHost: [goproxy.example.sg]\n',
  });
  const ids = new Set<string>();
  const good = await loadConfig(`${root}/good/.merlint.yaml`, ids);
  assert.equal(good.settings.goproxy, { allowedHosts: ['proxy.golang.org', 'goproxy.example.sg'], requireFallback: true, requireProxy: false });
  await loadConfig(`${root}/url/.merlint.yaml`, ids).then(
    () => assert.unreachable('a URL is not a host'),
    (error: Error) => assert.match(error.message, /\.merlint\.yaml:3:7: goproxy\.allowedHosts\.0 must match pattern/),
  );
  await loadConfig(`${root}/typo/.merlint.yaml`, ids).then(
    () => assert.unreachable('allowedHost is not a key'),
    (error: Error) => assert.match(error.message, /\.merlint\.yaml:2:3: unknown key allowedHost in goproxy/),
  );
});


test('GitLab CI variables are expanded as GitLab and its runner expand them, not as a shell: $1 and a ${ left open give nothing, $(…) is text', async () => {
  const result = await scanDirectory(
    makeTree({
      '.gitlab-ci.yml': [
        'variables:',
        '  HOST: athens.example.sg',
        '  GOPROXY: "http://$HOST$1:3000"',
        'a:',
        '  variables: { GOPROXY: "http://${HOST:3001" }',
        '  script: [go build]',
        'b:',
        '  variables: { GOPROXY: "http://$(hostname):3002" }',
        '  script: [go build]',
        '',
      ].join('\n'),
    }),
  );
  const reached = findingsOf(result, 'GOP002').map((finding) => / reaches (\S+) over/.exec(finding.message)?.[1]);
  // The runner drops an unclosed `${`, leaving the text HOST, which the message gives in lower case, as a host.
  assert.equal(reached, ['athens.example.sg:3000', 'host:3001', '$(hostname):3002']);
});

test.run();
