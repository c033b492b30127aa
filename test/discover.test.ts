import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discover, type Discovery } from '../src/discover.js';
import { UsageError } from '../src/errors.js';
import { classifierFor, classify, KINDS, type Kind } from '../src/languages/index.js';
import { scanDirectory } from './helpers/scan.js';
import { addToTree, makeTree, type Tree } from './helpers/tree.js';

const FROM = 'FROM alpine:3.22\n';

interface ConfigIgnore {
  globs: string[];
  /** The config's directory, relative to the root. */
  base?: string;
}

/** Discovers `paths` (relative to the root, default the root itself) under `root`. */
function discoverIn(root: string, paths: string[] = ['.'], ignore: ConfigIgnore = { globs: [] }, scanVendored = false): Promise<Discovery> {
  return discover({ root, paths: paths.map((path) => join(root, path)), ignore: ignore.globs, ignoreBase: join(root, ignore.base ?? '.'), scanVendored });
}

/** The paths found by scanning a new tree made of `files`. */
async function discovered(files: Tree, ignore?: ConfigIgnore): Promise<string[]> {
  return (await discoverIn(makeTree(files), ['.'], ignore)).files.map((file) => file.path);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return assert.unreachable('expected a rejection');
}

test('nested .gitignore files apply below their directory, the deepest one deciding', async () => {
  const paths = await discovered({
    '.gitignore': 'build/\n*.local.Dockerfile\n!keep.local.Dockerfile\n',
    Dockerfile: FROM,
    'build/Dockerfile': FROM,
    'build/.gitignore': '!Dockerfile\n',
    'dev.local.Dockerfile': FROM,
    'keep.local.Dockerfile': FROM,
    'services/api/.gitignore': 'Dockerfile.scratch\n!team.local.Dockerfile\n',
    'services/api/Dockerfile': FROM,
    'services/api/Dockerfile.scratch': FROM,
    'services/api/team.local.Dockerfile': FROM,
    'services/api/other.local.Dockerfile': FROM,
    'services/web/Dockerfile.scratch': FROM,
  });
  assert.equal(paths, [
    'Dockerfile',
    'keep.local.Dockerfile',
    'services/api/Dockerfile',
    'services/api/team.local.Dockerfile',
    'services/web/Dockerfile.scratch',
  ]);
});

test('config ignore globs are read relative to the config directory', async () => {
  const files = {
    Dockerfile: FROM,
    'third_party/Dockerfile': FROM,
    'app/Dockerfile': FROM,
    'app/third_party/Dockerfile': FROM,
    'app/legacy/api/Dockerfile': FROM,
    'app/smoke.test.Dockerfile': FROM,
  };
  assert.equal(await discovered(files, { globs: ['/third_party/', 'legacy/', '*.test.Dockerfile'], base: 'app' }), ['Dockerfile', 'app/Dockerfile', 'third_party/Dockerfile']);
  assert.equal(await discovered(files, { globs: ['/third_party/'] }), ['Dockerfile', 'app/Dockerfile', 'app/legacy/api/Dockerfile', 'app/smoke.test.Dockerfile', 'app/third_party/Dockerfile']);
});

test('node_modules, .git and .terraform are never scanned', async () => {
  const paths = await discovered({
    Dockerfile: FROM,
    'node_modules/some-package/Dockerfile': FROM,
    'web/node_modules/other/Dockerfile': FROM,
    '.git/Dockerfile': FROM,
    'infra/.terraform/modules/ecr/Dockerfile': FROM,
  });
  assert.equal(paths, ['Dockerfile']);
});

test('the walk goes into dot directories, not into linked ones, and skips only directories named vendor', async () => {
  const paths = await discovered({
    '.devcontainer/Dockerfile': FROM,
    'app/Dockerfile': FROM,
    'linked-app': { link: 'app' },
    'vendor.Dockerfile': FROM,
    'tools/vendor.d/Dockerfile': FROM,
  });
  assert.equal(paths, ['.devcontainer/Dockerfile', 'app/Dockerfile', 'tools/vendor.d/Dockerfile', 'vendor.Dockerfile']);
});

test('vendor directories are skipped, even when named or walked into, unless scanVendored is set', async () => {
  const root = makeTree({
    Dockerfile: FROM,
    'vendor/github.com/some/tool/Dockerfile': FROM,
    'services/api/vendor/github.com/other/lib/build.sh': 'go build ./...\n',
    'services/api/vendorlib/Dockerfile': FROM,
  });
  const paths = async (named: string[], scanVendored = false) => (await discoverIn(root, named, undefined, scanVendored)).files.map((file) => file.path);
  assert.equal(await paths(['.']), ['Dockerfile', 'services/api/vendorlib/Dockerfile']);
  assert.equal(await paths(['vendor/github.com/some/tool/Dockerfile', 'vendor/github.com']), []);
  const named = await discoverIn(root, ['vendor/github.com/some/tool/Dockerfile'], undefined, false);
  assert.equal(named.notices.map((notice) => notice.message), ['vendor/github.com/some/tool/Dockerfile: in a vendor/ directory (third-party code); skipped, as scanVendored: true in the config would check it']);
  assert.equal(await paths(['.'], true), [
    'Dockerfile',
    'services/api/vendor/github.com/other/lib/build.sh',
    'services/api/vendorlib/Dockerfile',
    'vendor/github.com/some/tool/Dockerfile',
  ]);
});

test('Dockerfiles are recognised by name', () => {
  const names = ['Dockerfile', 'dockerfile', 'Dockerfile.prod', 'Dockerfile.api.dev', 'api.Dockerfile', 'Containerfile', 'Containerfile.arm64', 'build/ci.containerfile', '.docker/Dockerfile-alpine', 'Dockerfile_debug'];
  for (const path of names) assert.is(classify(path), 'dockerfile', path);
});

test('notes, ignore files, templates, backups and tests\' expected outputs named after a Dockerfile are not Dockerfiles', () => {
  const names = ['Dockerfile.md', 'docs/Dockerfile.txt', 'Dockerfile.dockerignore', 'api.Dockerfile.dockerignore', 'Dockerfile.tmpl', 'Dockerfile.j2', 'Dockerfile.bak', 'testdata/dockerfile.json.golden', '.dockerignore', 'Dockerfiles', 'MyDockerfile', 'Dockerfile-alpine.md'];
  for (const path of names) assert.is(classify(path), undefined, path);
  // A Compose file is read for its Go settings, not as a Dockerfile.
  assert.is(classify('docker-compose.yaml'), 'compose');
  // Source code named after Dockerfiles (a syntax highlighter, a Dockerfile parser) is read as its own language.
  assert.is(classify('static/js/highlightjs/dockerfile.min.js'), undefined);
  assert.is(classify('internal/dockerfile.go'), 'go');
  assert.is(classify('internal/Dockerfile_test.go'), 'go');
  assert.is(classify('src/Dockerfile.test.ts'), 'typescript');
});

test('Dockerfile names are told by string tests as the case-insensitive regular expressions before them told them', () => {
  const dockerfile = /^(?:(?:docker|container)file(?:[._-].+)?|.+\.(?:docker|container)file)$/i;
  const notDockerfile = /\.(?:md|markdown|rst|adoc|txt|html|dockerignore|tmpl|tpl|template|j2|jinja2?|erb|bak|orig|rej|swp|golden|[cm]?js|jsx|[cm]?ts|tsx|go|py|rb|java|json|ya?ml|toml|sh)$/i;
  const stems = ['Dockerfile', 'dockerFILE', 'Containerfile', 'CONTAINERFILE', 'Dockerfile2', 'Docker', 'file', 'Doc\u212Aerfile', 'DOCKERF\u0130LE'];
  const around = ['', '.', '-', '_', '.prod', '-alpine', '_debug', '.Jinja2', '.YML', '.tsx', '.min.js', '.md.prod', '.\n', '.a\nb', '.a\u2028', 'x.', 'api.', 'a\rb.', ' ', '..', '.dockerignore.bak'];
  for (const stem of stems) {
    for (const before of around) {
      for (const after of around) {
        const name = `${before}${stem}${after}`;
        const expected = dockerfile.test(name) && !notDockerfile.test(name);
        assert.is(classify(`dir/${name}`) === 'dockerfile', expected, JSON.stringify(name));
      }
    }
  }
});

test("a walk for some kinds keeps what classify says of a path only when it is one of them, the first language to claim a path deciding", () => {
  const paths = ['main.tf', 'prod.tfvars', 'x.tf.json', 'tfplan.json', 'Dockerfile.tf', 'Dockerfile', 'start.sh', 'Makefile', '.env', 'go.mod', 'main.go', 'a.ts', 'deploy.yaml', 'README.md', 'dockerfile.tfvars'];
  const kindSets: Kind[][] = [['terraform', 'tfvars'], ['terraform'], ['dockerfile'], ['shell', 'dotenv'], [...KINDS]];
  for (const kinds of kindSets) {
    const ofKinds = classifierFor(new Set(kinds));
    for (const path of paths) {
      const kind = classify(path);
      assert.is(ofKinds(path), kind && kinds.includes(kind) ? kind : undefined, `${path} of ${kinds.join(',')}`);
    }
  }
  // Terraform claims the name too, but Dockerfiles are recognised first.
  assert.is(classifierFor(new Set<Kind>(['terraform']))('Dockerfile.tf'), undefined);
});

test('explicit file arguments: scanned even when git-ignored, skipped when config-ignored, reported when not a known kind', async () => {
  const root = makeTree({
    '.gitignore': 'Dockerfile.local\n',
    Dockerfile: FROM,
    'Dockerfile.local': FROM,
    'Dockerfile.vendor': FROM,
    'README.md': '# readme\n',
  });
  const result = await discoverIn(root, ['Dockerfile.local', 'Dockerfile.vendor', 'README.md', 'Dockerfile', '.'], { globs: ['Dockerfile.vendor'] });
  assert.equal(result.files.map((file) => file.path), ['Dockerfile', 'Dockerfile.local']);
  assert.equal(result.notices.map((notice) => notice.message), ['README.md: not a kind of file merlint reads; skipped']);
});

test('an explicit path outside the root or missing is a usage error', async () => {
  const root = makeTree({ Dockerfile: FROM });
  const elsewhere = makeTree({ Dockerfile: FROM });
  const outside = await rejection(discover({ root, paths: [join(elsewhere, 'Dockerfile')], ignore: [] }));
  assert.ok(outside instanceof UsageError && /outside the scan root/.test(outside.message), String(outside));
  const missing = await rejection(discoverIn(root, ['missing/Dockerfile']));
  assert.ok(missing instanceof UsageError && /no such file or directory/.test(missing.message), String(missing));
});

test('a Terraform file named on its own is read with its module, the modules that call it and what they call, not with unrelated stacks', async () => {
  const root = makeTree({
    'modules/network/main.tf': 'resource "aws_vpc" "this" {}\n',
    'modules/network/nested/main.tf': 'locals {}\n',
    'modules/network/calls.tf': 'module "nested" {\n  source = "./nested"\n}\n',
    'envs/prod/main.tf': 'module "network" {\n  source = "../../modules/network"\n}\nresource "aws_ecr_repository" "api" {}\n',
    'envs/prod/terraform.tfvars': 'region = "ap-southeast-1"\n',
    'envs/prod/db/main.tf': 'locals {}\n',
    'envs/staging/main.tf': 'module "network" {\n  source = "../../modules/network"\n}\nmodule "cache" {\n  source = "../../modules/cache"\n}\n',
    'modules/cache/main.tf': 'locals {}\n',
    'modules/unused/main.tf': 'locals {}\n',
    'examples/ecr/main.tf': 'resource "aws_ecr_lifecycle_policy" "p" {\n  repository = "api"\n}\n',
    'services/api/Dockerfile': FROM,
  });
  const read = async (target: string) =>
    (await discoverIn(root, [target])).files.map((file) => `${file.path}${file.target ? ' (target)' : ''}`);
  // Its module and the module it calls, the stacks that call it and what those call; and, as a
  // repository is among them, the modules with ECR lifecycle policies (matched to repositories by name).
  assert.equal(await read('modules/network/main.tf'), [
    'envs/prod/main.tf',
    'envs/prod/terraform.tfvars',
    'envs/staging/main.tf',
    'examples/ecr/main.tf',
    'modules/cache/main.tf',
    'modules/network/calls.tf',
    'modules/network/main.tf (target)',
    'modules/network/nested/main.tf',
  ]);
  // A root stack: its own files and the modules it calls; no sibling stack, no unused module, no subdirectory it does not call.
  assert.equal(await read('envs/prod/main.tf'), [
    'envs/prod/main.tf (target)',
    'envs/prod/terraform.tfvars',
    'examples/ecr/main.tf',
    'modules/network/calls.tf',
    'modules/network/main.tf',
    'modules/network/nested/main.tf',
  ]);
  // No repository among what staging reads: the ECR policies elsewhere cannot change its findings.
  assert.equal(await read('modules/cache/main.tf'), [
    'envs/staging/main.tf',
    'modules/cache/main.tf (target)',
    'modules/network/calls.tf',
    'modules/network/main.tf',
    'modules/network/nested/main.tf',
  ]);
});

test('the Terraform around a named file is found past files of other kinds and git-ignored ones, and keeps the text read to find it', async () => {
  const files = {
    '.gitignore': 'generated.tf\n*.go\n',
    'main.tf': 'resource "aws_vpc" "this" {}\n',
    'examples/simple/main.tf': 'module "vpc" {\n  source = "../../"\n}\n',
    'examples/simple/generated.tf': 'locals {}\n',
    'examples/simple/main.go': 'package main\n',
    'examples/simple/Dockerfile': FROM,
  };
  const root = makeTree(files);
  const found = (await discoverIn(root, ['main.tf'])).files;
  assert.equal(
    found.map((file) => file.path),
    ['examples/simple/main.tf', 'main.tf'],
  );
  for (const file of found) assert.is(file.text, files[file.path as keyof typeof files], file.path);
});

test('files named from unrelated trees read the context of their own repository, or of their own directory, not all of the parent the root becomes', async () => {
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
  const vpc = 'resource "aws_vpc" "this" {}\n';
  const unrelated = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`unrelated/stack${index}/main.tf`, vpc]));
  const root = makeTree({
    ...unrelated,
    'a/.git/HEAD': 'ref: refs/heads/main\n',
    'a/deploy/service.yaml': service,
    'a/infra/main.tf': vpc,
    // A worktree's or submodule's .git is a file.
    'b/.git': 'gitdir: ../.git/worktrees/b\n',
    'b/Dockerfile': FROM,
    'b/start.sh': 'exec /app\n',
    'loose/deploy/service.yaml': service,
    'loose/infra/main.tf': vpc,
  });
  const read = async (paths: string[], namedFrom: string) =>
    (await discover({ root, paths: paths.map((path) => join(root, path)), ignore: [], namedFrom })).files.map((file) => `${file.path}${file.target ? ' (target)' : ''}`);
  // Named from elsewhere (the root is then their common parent): a repository's files read it, a
  // file outside any reads its own directory, as it would named alone; nothing of unrelated/ is read.
  assert.equal(await read(['a/deploy/service.yaml', 'b/start.sh', 'loose/deploy/service.yaml'], makeTree()), [
    'a/deploy/service.yaml (target)',
    'a/infra/main.tf',
    'b/Dockerfile',
    'b/start.sh (target)',
    'loose/deploy/service.yaml (target)',
  ]);
  // Named from the directory that holds them all, a file outside any repository reads what it holds, as before.
  const fromRoot = await read(['loose/deploy/service.yaml'], root);
  assert.equal(fromRoot.filter((path) => path.startsWith('unrelated/')).length, 30);
  assert.ok(fromRoot.includes('loose/infra/main.tf') && fromRoot.includes('a/infra/main.tf'));
  // Named from there, a file in a repository still reads only its repository.
  assert.equal(await read(['a/deploy/service.yaml'], root), ['a/deploy/service.yaml (target)', 'a/infra/main.tf']);
});

test('a file of nothing but outputs is left unread in a module no module calls, and read where it may be', async () => {
  const outputs = 'output "vpc_id" {\n  value = module.vpc.vpc_id\n}\n';
  const root = makeTree({
    'main.tf': 'resource "aws_vpc" "this" {}\n',
    'outputs.tf': 'output "id" {\n  value = aws_vpc.this.id\n}\n',
    'examples/simple/main.tf': 'module "vpc" {\n  source = "../../"\n}\n',
    'examples/simple/outputs.tf': outputs,
    'examples/commented/main.tf': 'module "vpc" {\n  source = "../../"\n}\n',
    'examples/commented/outputs.tf': `/* resource "aws_vpc" "hidden" {} */\n${outputs}`,
    'examples/heredoc/main.tf': 'module "vpc" {\n  source = "../../"\n}\n',
    'examples/heredoc/outputs.tf': 'output "text" {\n  value = <<EOT\nresource, data or module\nEOT\n}\n',
  });
  const read = async (target: string) =>
    (await discoverIn(root, [target])).files.map((file) => `${file.path}${file.target ? ' (target)' : ''}`);
  // The root module's outputs are read through its callers' module blocks; the examples' own are read by no one.
  assert.equal(await read('main.tf'), [
    'examples/commented/main.tf',
    'examples/commented/outputs.tf',
    'examples/heredoc/main.tf',
    'examples/heredoc/outputs.tf',
    'examples/simple/main.tf',
    'main.tf (target)',
    'outputs.tf',
  ]);
  assert.equal(await read('examples/simple/outputs.tf'), ['examples/simple/main.tf', 'examples/simple/outputs.tf (target)', 'main.tf', 'outputs.tf']);
});

/** A platform repository: a manifest, the network stack it runs on, and `stacks` unrelated Terraform stacks. */
function platform(stacks: number): Tree {
  const unrelated = Object.fromEntries(Array.from({ length: stacks }, (_, index) => [`stacks/s${index}/main.tf`, `resource "aws_s3_bucket" "logs" {\n  bucket = "logs-${index}"\n}\n`]));
  return {
    ...unrelated,
    '.git/HEAD': 'ref: refs/heads/main\n',
    'deploy/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ipFamilyPolicy: RequireDualStack\n  ports:\n    - port: 80\n',
    'modules/network/main.tf': 'resource "aws_vpc" "this" {\n  cidr_block                       = "10.0.0.0/16"\n  assign_generated_ipv6_cidr_block = var.ipv6\n}\n',
    'modules/network/variables.tf': 'variable "ipv6" {\n  type = bool\n}\n',
    'modules/tags/main.tf': 'output "tags" {\n  value = { team = "platform" }\n}\n',
    'live/prod/main.tf': 'module "network" {\n  source = "../../modules/network"\n  ipv6   = var.ipv6\n}\nmodule "tags" {\n  source = "../../modules/tags"\n}\n',
    'live/prod/variables.tf': 'variable "ipv6" {\n  type = bool\n}\n',
    'live/prod/terraform.tfvars': 'ipv6 = false\n',
    'live/prod/outputs.tf': 'output "vpc_id" {\n  value = module.network.vpc_id\n}\n',
    'live/cache/main.tf': 'resource "aws_elasticache_cluster" "c" {}\n',
    'live/cache/terraform.tfvars': 'size = 1\n',
  };
}

test('a manifest named on its own reads the Terraform that writes the network and what that needs, not unrelated stacks', async () => {
  const root = makeTree({
    ...platform(200),
    // What the network facts are also made of: an IPv6 block given to a VPC from elsewhere, a
    // cluster written in JSON, a VPC read from AWS, and a label spelt with an escape.
    'modules/ipv6/main.tf': 'resource "aws_vpc_ipv6_cidr_block_association" "a" {\n  vpc_id = var.vpc_id\n}\n',
    'clusters/eks/main.tf.json': '{"resource": {"aws_eks_cluster": {"main": {"name": "main"}}}}\n',
    'lookups/main.tf': 'data aws_vpc "shared" {}\n',
    'escaped/main.tf': 'resource "aws\\u005fdefault_vpc" "d" {}\n',
  });
  const { files } = await discoverIn(root, ['deploy/service.yaml']);
  assert.equal(
    files.map((file) => file.path),
    [
      'clusters/eks/main.tf.json',
      'deploy/service.yaml',
      'escaped/main.tf',
      'live/prod/main.tf',
      'live/prod/terraform.tfvars',
      'live/prod/variables.tf',
      'lookups/main.tf',
      'modules/ipv6/main.tf',
      'modules/network/main.tf',
      'modules/network/variables.tf',
      'modules/tags/main.tf',
    ],
  );
  // A Terraform file named with it is read with its own module, as when named alone, besides.
  const both = await discoverIn(root, ['deploy/service.yaml', 'live/cache/main.tf']);
  assert.ok(['live/cache/main.tf', 'live/cache/terraform.tfvars', 'modules/network/main.tf'].every((path) => both.files.some((file) => file.path === path)));
  assert.not.ok(both.files.some((file) => file.path.startsWith('stacks/')));
});

test('a manifest reads all the Terraform where a team policy searches it for objects that refer to the manifest\'s', async () => {
  const root = makeTree(platform(3));
  const { files } = await discover({ root, paths: [join(root, 'deploy/service.yaml')], ignore: [], searchedByPolicies: new Set(['terraform']) });
  assert.equal(files.filter((file) => file.path.startsWith('stacks/')).length, 3);
});

test('a manifest named on its own is still judged by the network its Terraform declares, from the files that declare it', async () => {
  const root = makeTree(platform(20));
  const result = await scanDirectory(root, [join(root, 'deploy/service.yaml')]);
  assert.equal(
    result.findings.map((finding) => `${finding.ruleId} ${finding.location.path}:${finding.location.range.start.line} ${finding.related.map((place) => `${place.path}:${place.range.start.line}`).join(' ')}`),
    ['NET001 deploy/service.yaml:6 live/prod/terraform.tfvars:1'],
  );
  assert.not.ok([...result.sources.keys()].some((path) => path.startsWith('stacks/') || path.startsWith('live/cache/')));
});

/** A manifest whose containers run `commands` (each the YAML of a command list), beside scripts that turn IPv6 off, and one that sets Go settings. */
function containersAndScripts(commands: string[]): Tree {
  const containers = commands.map((command, index) => `        - name: c${index}\n          image: app:1.0\n          securityContext: {privileged: true}\n          command: ${command}\n`).join('');
  const scripts = ['start.sh', 'entry.sh', 'tune.sh', 'init.bash', 'boot.sh', 'other.sh'].map((name) => [`scripts/${name}`, 'sysctl -w net.ipv6.conf.all.disable_ipv6=1\n']);
  return {
    'deploy/app.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n${containers}`,
    ...Object.fromEntries(scripts),
    'ci/goproxy.sh': 'export GOPROXY=http://proxy.example.com\nexport GOSUMDB=off\n',
  };
}

test('a manifest named on its own reads the scripts its containers name, however the name is quoted or escaped, and no other', async () => {
  const named = ['["/scripts/start.sh"]', '["sh", "-c", "exec /opt/\\"en\\"try.sh"]', '["sh", "-c", "cd /opt && ./tu\\\n  ne.sh --fast"]', "['bash', '-c', 'exec ./init\\.bash']", '["sh", "-c", "\\tboot.sh"]'];
  const root = makeTree(containersAndScripts(named));
  const { files } = await discoverIn(root, ['deploy/app.yaml']);
  assert.equal(files.map((file) => file.path), ['deploy/app.yaml', 'scripts/boot.sh', 'scripts/entry.sh', 'scripts/init.bash', 'scripts/start.sh', 'scripts/tune.sh']);
  const result = await scanDirectory(root, [join(root, 'deploy/app.yaml')]);
  const whole = await scanDirectory(root, [root]);
  const about = (finding: { location: { path: string }; related: { path: string }[] }) => finding.location.path === 'deploy/app.yaml' || finding.related.some((place) => place.path === 'deploy/app.yaml');
  assert.equal(result.findings.map((finding) => finding.fingerprint), whole.findings.filter(about).map((finding) => finding.fingerprint), 'what the whole scan finds in or about the manifest');
  assert.equal(result.findings.filter((finding) => finding.ruleId === 'NET003').map((finding) => finding.location.path), ['scripts/boot.sh', 'scripts/entry.sh', 'scripts/init.bash', 'scripts/start.sh', 'scripts/tune.sh']);
});

test('a manifest whose text may spell a name by a numbered escape reads every script; one a team policy searches scripts for, too', async () => {
  const root = makeTree(containersAndScripts(['["sh", "-c", "exec /opt/start\\x2esh"]']));
  assert.equal((await discoverIn(root, ['deploy/app.yaml'])).files.length, 8);
  const plain = makeTree(containersAndScripts(['["/scripts/start.sh"]']));
  assert.equal((await discoverIn(plain, ['deploy/app.yaml'])).files.length, 2);
  const { files } = await discover({ root: plain, paths: [join(plain, 'deploy/app.yaml')], ignore: [], searchedByPolicies: new Set(['shell']) });
  assert.equal(files.length, 8);
});

/** A tree of `directories` directories of one file each (no file merlint reads), below `under`. */
function clutter(under: string, directories: number): Tree {
  return Object.fromEntries(Array.from({ length: directories }, (_, index) => [`${under}/d${Math.floor(index / 100)}/e${index}/notes.txt`, 'x\n']));
}

test('a file named where no repository bounds the search has its context looked for nearest first, and a notice says what was not searched', async () => {
  const module = 'resource "aws_vpc" "this" {}\n';
  const root = makeTree({
    ...clutter('downloads', 3000),
    // A module it calls is read wherever it lies; a caller only where the search reached.
    'work/infra/modules/vpc/main.tf': 'resource "aws_vpc" "this" {}\nmodule "tags" {\n  source = "../../../../shared/tags"\n}\n',
    'shared/tags/main.tf': 'locals {}\n',
    'work/infra/envs/prod/main.tf': 'module "vpc" {\n  source = "../../modules/vpc"\n}\n',
    'work/infra/envs/prod/terraform.tfvars': 'region = "ap-southeast-1"\n',
    'work/live/main.tf': 'module "vpc" {\n  source = "../infra/modules/vpc"\n}\n',
    // A caller beyond the bound: its directory lies only in the tree below the root, which the clutter makes too large.
    'other/stack/main.tf': 'module "vpc" {\n  source = "../../work/infra/modules/vpc"\n}\n',
  });
  const run = async (paths: string[], contextSearchEntries?: number) => {
    const { files, notices } = await discover({ root, paths: paths.map((path) => join(root, path)), ignore: [], namedFrom: root, contextSearchEntries });
    return { files: files.map((file) => `${file.path}${file.target ? ' (target)' : ''}`), notices: notices.map((notice) => `${notice.level} (${notice.path}) ${notice.message}`) };
  };
  const near = ['shared/tags/main.tf', 'work/infra/envs/prod/main.tf', 'work/infra/envs/prod/terraform.tfvars', 'work/infra/modules/vpc/main.tf (target)', 'work/live/main.tf'];
  // The clutter alone is 6,000 entries and more: the tree below work/ is searched whole, the root's is not.
  assert.equal(await run(['work/infra/modules/vpc/main.tf'], 1000), {
    files: near,
    notices: [
      "warning (work/infra/modules/vpc/main.tf) work/infra/modules/vpc/main.tf: Terraform files and Terraform variables files that may change its findings were looked for only below work, not in the rest of . (more than 1000 entries); run merlint from the project's own directory (or its repository) to have all of it searched, or git-ignore the trees it need not search",
    ],
  });
  // Within the default bound, the whole area is searched as before, and the caller beyond is read.
  assert.equal(await run(['work/infra/modules/vpc/main.tf']), { files: [...near, 'other/stack/main.tf'].sort(), notices: [] });
  // A named file whose own directory holds the clutter has that directory's files read, and nothing below it.
  addToTree(root, { 'main.tf': module });
  assert.equal((await run(['main.tf'], 1000)).notices, [
    "warning (main.tf) main.tf: Terraform files and Terraform variables files that may change its findings were looked for only in its own directory, not in the rest of . (more than 1000 entries); run merlint from the project's own directory (or its repository) to have all of it searched, or git-ignore the trees it need not search",
  ]);
});

test('a module called through a linked directory is read past a cut-short search as a whole search reads it: never outside the root', async () => {
  const outside = makeTree({ 'main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' });
  const root = makeTree({
    ...clutter('downloads', 3000),
    'work/mod/main.tf': 'module "out" {\n  source = "../../linked"\n}\nmodule "tags" {\n  source = "../../alias"\n}\n',
    'shared/tags/main.tf': 'locals {}\n',
    linked: { link: outside },
    alias: { link: 'shared/tags' },
  });
  const run = async (contextSearchEntries?: number) => {
    const { files } = await discover({ root, paths: [join(root, 'work/mod/main.tf')], ignore: [], namedFrom: root, contextSearchEntries });
    return files.map((file) => file.path);
  };
  // Linked directories are not walked, so a whole search reads neither module.
  assert.equal(await run(), ['work/mod/main.tf']);
  assert.equal(await run(1000), ['work/mod/main.tf']);
});

test('a repository\'s git-ignored trees are not walked for context: they spend none of the search\'s bound', async () => {
  const root = makeTree({
    ...clutter('build', 3000),
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'build/\n',
    'modules/vpc/main.tf': 'resource "aws_vpc" "this" {}\n',
    'live/prod/main.tf': 'module "vpc" {\n  source = "../../modules/vpc"\n}\n',
    'deploy/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
  });
  const run = async (path: string) => {
    const { files, notices } = await discover({ root, paths: [join(root, path)], ignore: [], contextSearchEntries: 1000 });
    return { files: files.map((file) => file.path), notices: notices.map((notice) => notice.message) };
  };
  // The 6,000 entries below build/ would spend the bound: they are never listed, so the callers at the root are found.
  assert.equal(await run('modules/vpc/main.tf'), { files: ['live/prod/main.tf', 'modules/vpc/main.tf'], notices: [] });
  addToTree(root, clutter('scratch', 3000));
  assert.equal(await run('deploy/service.yaml'), {
    files: ['deploy/service.yaml'],
    notices: [
      "deploy/service.yaml: Terraform files, Terraform variables files and shell scripts that may change its findings were looked for only below deploy, not in the rest of . (more than 1000 entries); git-ignore the trees it need not search",
    ],
  });
});

test.run();
