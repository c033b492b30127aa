import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

const VENDORING_MODULE = { 'go.mod': 'module example.com/shop\n\ngo 1.22\n', 'vendor/modules.txt': '# example.com/ledger v1.4.0\n' };
// In one pass, so that `sources` holds every file the model read.
const ONE_PASS = { batchBytes: Number.POSITIVE_INFINITY };

test('DKR008 looks for the Go module around a Dockerfile only for a go command that would download', async () => {
  const root = makeTree({ ...VENDORING_MODULE, 'web/Dockerfile': 'FROM nginx:1.27\nCOPY . /usr/share/nginx/html\nUSER 101\n' });
  const result = await scanDirectory(root, [root], ONE_PASS);
  assert.equal([...result.sources.keys()], ['web/Dockerfile']);
});

test('DKR008 reads the module of a Go build after the source is copied, and a vendoring module downloads nothing', async () => {
  const root = makeTree({ ...VENDORING_MODULE, 'cmd/api/Dockerfile': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./cmd/api\nUSER 10001\n' });
  const result = await scanDirectory(root, [root], ONE_PASS);
  assert.equal([...result.sources.keys()].sort(), ['cmd/api/Dockerfile', 'go.mod', 'vendor/modules.txt']);
  assert.equal(result.findings.filter((finding) => finding.ruleId === 'DKR008'), []);
});

test.run();
