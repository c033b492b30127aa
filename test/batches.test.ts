import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planBatches, sharingModelFiles } from '../src/batches.js';
import { discover } from '../src/discover.js';
import type { ScanResult } from '../src/engine.js';
import { loadReporter } from '../src/reporters/index.js';
import { FORMATS } from '../src/reporters/formats.js';
import { repoPath, scanDirectory } from './helpers/scan.js';
import { MAX_FILE_BYTES } from '../src/source.js';
import type { DiscoveredFile } from '../src/discover.js';
import { addToTree, makeTree } from './helpers/tree.js';

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
    assert.ok([...(await planBatches(files, root, [], 2048))].length >= 10, 'a small budget makes many batches');
  });
}

/** Files in order, cut greedily by the sizes the file system gives (0 for a missing file): batches as they were packed before reads gave the sizes. */
function packedByStat(files: readonly DiscoveredFile[], budget: number): string[][] {
  const batches: string[][] = [];
  let bytes = 0;
  for (const file of files) {
    const size = statSync(file.absolutePath, { throwIfNoEntry: false })?.size ?? 0;
    if (batches.length === 0 || (batches.at(-1)!.length > 0 && bytes + size > budget)) {
      batches.push([]);
      bytes = 0;
    }
    batches.at(-1)!.push(file.path);
    bytes += size;
  }
  return batches;
}

test('batches are packed by the sizes their files\' reads give, as by the sizes the file system gives, and carry those reads: an over-limit file counts its size, a missing one nothing', async () => {
  const root = makeTree({ 'big/Dockerfile': Buffer.alloc(MAX_FILE_BYTES + 1, 0x41) });
  const big: DiscoveredFile = { path: 'big/Dockerfile', absolutePath: join(root, 'big/Dockerfile'), kind: 'dockerfile', target: true };
  const missing: DiscoveredFile = { path: 'gone/Dockerfile', absolutePath: join(root, 'gone/Dockerfile'), kind: 'dockerfile', target: true };
  let tree = 0;
  const arbitraries = [fc.array(fc.nat(3000), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 12_000 }), fc.nat(13), fc.nat(13)] as const;
  await fc.assert(
    fc.asyncProperty(...arbitraries, async (sizes, budget, bigAt, missingAt) => {
      const directory = `tree${tree++}`;
      const written = sizes.map((size, index): DiscoveredFile => ({ path: `${directory}/${index}/Dockerfile`, absolutePath: join(root, directory, String(index), 'Dockerfile'), kind: 'dockerfile', target: true }));
      written.forEach((file, index) => addToTree(root, { [file.path]: Buffer.alloc(sizes[index]!, 0x41 + index) }));
      const files = [...written];
      files.splice(Math.min(bigAt, files.length), 0, big);
      files.splice(Math.min(missingAt, files.length), 0, missing);
      const batches = [...(await planBatches(files, root, [], budget))];
      assert.equal(batches.map((batch) => batch.files.map((file) => file.path)), packedByStat(files, budget));
      for (const batch of batches) assert.equal([...batch.read.keys()], batch.files.map((file) => file.path), 'a batch carries the reads of its own files');
      const reads = new Map(batches.flatMap((batch) => [...batch.read]));
      written.forEach((file, index) => assert.equal(reads.get(file.path), { ok: true, bytes: Buffer.alloc(sizes[index]!, 0x41 + index) }));
      assert.equal(reads.get(big.path), { ok: false, message: 'file is 8.0 MiB, over the 8 MiB limit; it was not read' });
      assert.equal(reads.get(missing.path), { ok: false, message: 'cannot read file: ENOENT', code: 'ENOENT' });
    }),
    { numRuns: 40 },
  );
});

test('a batched scan of files that cannot be read, decoded or followed reports them as one pass does: an over-limit file, one not UTF-8, a FIFO, a link out of the root', async () => {
  const outside = makeTree({ Dockerfile: 'FROM alpine\n' });
  const root = makeTree({
    'a/Dockerfile': 'FROM alpine:3.22\nUSER 10001\n',
    'b/Dockerfile': Buffer.alloc(MAX_FILE_BYTES + 1, 0x41),
    'c/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0x0a]),
    'd/Dockerfile': { link: join(outside, 'Dockerfile') },
    'e/Dockerfile': 'FROM golang:1.22\nRUN go build -o /app .\n',
  });
  addToTree(root, { 'f/.keep': '' });
  execFileSync('mkfifo', [join(root, 'f', 'Dockerfile')]);
  for (const batchBytes of [1, 64, 4096]) {
    const whole = await assertBatchedLikeOnePass(root, batchBytes);
    assert.equal(whole.findings.filter((finding) => finding.ruleId === 'MER000').map((finding) => finding.location.path), ['b/Dockerfile', 'c/Dockerfile']);
    assert.equal(whole.notices.map((notice) => notice.path), ['b/Dockerfile', 'c/Dockerfile', 'd/Dockerfile', 'f/Dockerfile']);
  }
});

test('where a team policy searches manifests, those of one namespace are checked together (in batches and in shards): a NetworkPolicy in another file selects the workload', async () => {
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

test('without a team policy searching manifests, each manifest is a batch of its own: one whose namespace the text cannot tell no longer joins every manifest, so memory grows with the largest file', async () => {
  const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0\n          args: ["--listen=[::]:8080"]\n`;
  const tree: Record<string, string> = {
    'unsure/aliased.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: {namespace: payments}\n  name: settings\ndata:\n  LISTEN: "[::]:80"\n`,
    'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
    'chart/templates/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
    'chart/templates/b.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Values.name }}\n',
  };
  for (let index = 0; index < 8; index++) tree[`apps/app-${index}.yaml`] = deployment(`app-${index}`);
  const root = makeTree(tree);
  const { files } = await discover({ root, paths: [root], ignore: [] });
  const batches = [...(await planBatches(files, root, [], 1))].map((batch) => batch.files.map((file) => file.path));
  assert.equal(batches.filter((paths) => paths.length > 1), [['chart/templates/a.yaml', 'chart/templates/b.yaml']], 'only the templates of one chart go together (one notice per chart)');
  assert.is(batches.flat().length, 11);
  await assertBatchedLikeOnePass(root, 1);
});

test('a script a container names with quotes or an escape inside its name is checked in the batch of the manifest, as in one pass', async () => {
  const container = (index: number, command: string) => `        - name: c${index}\n          image: app:1.0\n          command: ${command}\n`;
  const root = makeTree({
    'deploy/app.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n${container(0, '["sh", "-c", "exec /opt/\\"en\\"try.sh"]')}${container(1, '["sh", "-c", "\\tboot.sh"]')}`,
    'scripts/entry.sh': 'sysctl -w net.ipv6.conf.all.disable_ipv6=1\n',
    'scripts/boot.sh': 'sysctl -w net.ipv6.conf.all.disable_ipv6=1\n',
  });
  const whole = await assertBatchedLikeOnePass(root, 1);
  assert.equal(whole.findings.map((finding) => `${finding.ruleId} ${finding.location.path}`), ['NET003 scripts/boot.sh', 'NET003 scripts/entry.sh']);
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

test('batches are checked again as one only where findings of each lie in a file their models read, not where they only looked a file up', () => {
  const finding = (path: string) => ({ ruleId: 'ECR003', level: 'warning' as const, message: '', location: { path, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }, related: [], fingerprint: '' });
  const lookedUp = [{ findings: [finding('svc/a/Dockerfile')], readByModel: ['svc/go.mod'] }, { findings: [finding('svc/b/main.go')], readByModel: ['svc/go.mod'] }];
  assert.equal(sharingModelFiles(lookedUp), [], 'a go.mod the Dockerfile model and the Go model both read holds no finding');
  const quoted = [{ findings: [finding('shared/policy.json')], readByModel: ['shared/policy.json'] }, { findings: [], readByModel: [] }, { findings: [finding('shared/policy.json')], readByModel: ['shared/policy.json', 'svc/go.mod'] }];
  assert.equal(sharingModelFiles(quoted), [[0, 2]]);
});

test.run();
