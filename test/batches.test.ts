import { statSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planBatches } from '../src/batches.js';
import { discover } from '../src/discover.js';
import type { ScanResult } from '../src/engine.js';
import { loadReporter } from '../src/reporters/index.js';
import { FORMATS } from '../src/reporters/formats.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { makeTree } from './helpers/tree.js';

/** Every format as the CLI prints it; the run's duration is left out, the one thing two runs may differ in. */
async function outputs(result: ScanResult): Promise<string[]> {
  const timeless = { ...result, elapsedMs: 0 };
  return Promise.all(FORMATS.map(async (format) => (await loadReporter(format, { color: false, version: '1.2.3' }))(timeless)));
}

const ONE_PASS = { batchBytes: Number.POSITIVE_INFINITY };

async function assertBatchedLikeOnePass(root: string, batchBytes: number): Promise<ScanResult> {
  const whole = await scanDirectory(root, [root], ONE_PASS);
  const batched = await scanDirectory(root, [root], { batchBytes });
  assert.equal(await outputs(batched), await outputs(whole));
  const baseline = { file: 'baseline.json', fingerprints: new Set(whole.findings.filter((_, index) => index % 2 === 0).map((finding) => finding.fingerprint)) };
  assert.equal(await outputs(await scanDirectory(root, [root], { batchBytes, baseline })), await outputs(await scanDirectory(root, [root], { ...ONE_PASS, baseline })), 'with a baseline');
  return whole;
}

for (const directory of ['fixtures', 'examples']) {
  test(`a scan of ${directory}/ in many small batches prints, in every format and with a baseline, what one pass prints`, async () => {
    const root = repoPath(directory);
    const { files } = await discover({ root, paths: [root], ignore: [] });
    for (const batchBytes of [1, 2048, 16384]) {
      const whole = await assertBatchedLikeOnePass(root, batchBytes);
      assert.ok(whole.findings.some((finding) => finding.suppression), 'suppressions are among what is compared');
    }
    assert.ok((await scanDirectory(root, [root], { batchBytes: 2048 })).sources.size < (await scanDirectory(root, [root], ONE_PASS)).sources.size, 'the batched scan lets go of texts no finding quotes');
    const sizes = new Map(files.map((file) => [file.path, statSync(file.absolutePath).size]));
    assert.ok((await planBatches(files, root, [], 2048, sizes)).length >= 10, 'a small budget makes many batches');
  });
}

test('manifests of one namespace are checked together (in batches and in shards): a NetworkPolicy in another file selects the workload, a ConfigMap in another file feeds its env', async () => {
  const manifest = (kind: string, name: string, namespace: string, body: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${body}`;
  const deployment = (namespace: string) => manifest('Deployment', 'pay', namespace, 'spec:\n  template:\n    metadata:\n      labels: {app: pay}\n    spec:\n      containers:\n        - name: pay\n          image: pay:1.0\n          envFrom:\n            - configMapRef: {name: settings}\n');
  const root = makeTree({
    '.merlint.yaml': 'policies:\n  - policies\n',
    'policies/selected.policy.yaml': 'id: ACME010\ntitle: Every workload is selected by a NetworkPolicy\nlevel: error\nrationale: Segmentation.\nremediation: Add a NetworkPolicy.\ntarget: kubernetes.object\nselect:\n  type: Deployment\nassert:\n  referencedBy:\n    type: NetworkPolicy\n    path: spec.podSelector\n',
    'a/deployment.yaml': deployment('payments'),
    'b/policy.yaml': manifest('NetworkPolicy', 'all', 'payments', 'spec:\n  podSelector: {}\n'),
    'c/settings.yaml': manifest('ConfigMap', 'settings', 'payments', 'data:\n  GOPROXY: http://proxy.example.com\n  LISTEN: "[::]:80"\n'),
    'd/deployment.yaml': `# another team\n${deployment('ledger')}`,
    'e/settings.yaml': `---\n${manifest('ConfigMap', 'settings', 'ledger', 'data:\n  GOFLAGS: -insecure\n')}`,
  });
  const whole = await assertBatchedLikeOnePass(root, 1);
  assert.equal(whole.findings.filter((finding) => finding.ruleId === 'ACME010').map((finding) => finding.location.path), ['d/deployment.yaml']);
  const found = (result: ScanResult) => result.findings.map((finding) => `${finding.location.path} ${finding.ruleId}`);
  const shards = await Promise.all([1, 2, 3].map((index) => scanDirectory(root, [root], { shard: { index, count: 3 } })));
  assert.equal(shards.flatMap(found).sort(), found(whole).sort(), 'the shards too');
});

test('two stacks whose models read one file (file() of a shared policy) are checked again as one batch, so its findings merge as in one pass', async () => {
  const stack = (name: string) => `resource "aws_ecr_repository" "${name}" {\n  name = "${name}"\n}\n\nresource "aws_ecr_lifecycle_policy" "${name}" {\n  repository = aws_ecr_repository.${name}.name\n  policy     = file("../shared/policy.json")\n}\n`;
  const root = makeTree({
    'dev/main.tf': stack('dev'),
    'prod/main.tf': stack('prod'),
    'shared/policy.json': '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 0}, "action": {"type": "expire"}}]}\n',
  });
  const whole = await assertBatchedLikeOnePass(root, 1);
  assert.ok(whole.findings.some((finding) => finding.location.path === 'shared/policy.json' && /dev/.test(finding.message) && /prod/.test(finding.message)), 'one finding names both stacks');
});

test.run();
