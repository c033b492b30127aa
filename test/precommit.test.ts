import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { classify, decidedByContent } from '../src/languages/index.js';
import { bytesUnder, megabytes } from './helpers/install.js';
import { repoPath } from './helpers/scan.js';

/** pre-commit from Debian (CI runs as root); installed here when missing, as .ci/run would. */
function ensurePreCommit(): void {
  if (spawnSync('pre-commit', ['--version']).status === 0) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'pre-commit'], { env, stdio: 'ignore' });
  }
  if (spawnSync('pre-commit', ['--version']).status !== 0) throw new Error('pre-commit is not installed and could not be: run `apt-get install -y pre-commit`');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 600_000 });
}

function gitRepository(): string {
  const directory = mkdtempSync(join(tmpdir(), 'merlint-precommit-'));
  run('git', ['init', '-q', '-b', 'main'], directory);
  run('git', ['config', 'user.email', 'dev@example.sg'], directory);
  run('git', ['config', 'user.name', 'Dev'], directory);
  run('git', ['config', 'commit.gpgsign', 'false'], directory);
  return directory;
}

test('the hook runs merlint on commit: a clean commit passes, a violating one is refused with the finding', () => {
  ensurePreCommit();
  const hookRevision = run('git', ['rev-parse', 'HEAD'], repoPath()).stdout.trim();
  const project = gitRepository();
  const cache = mkdtempSync(join(tmpdir(), 'merlint-precommit-cache-'));
  // An empty npm cache: what it holds afterwards is what the hook's first install downloaded.
  const npmCache = mkdtempSync(join(tmpdir(), 'merlint-npm-cache-'));
  const env = { ...process.env, PRE_COMMIT_HOME: cache, npm_config_cache: npmCache, NO_COLOR: '1' };
  try {
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${repoPath()}\n    rev: ${hookRevision}\n    hooks:\n      - id: merlint\n`);
    assert.is(run('pre-commit', ['install'], project, env).status, 0);

    writeFileSync(join(project, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nUSER nonroot\nENTRYPOINT ["/app"]\n');
    run('git', ['add', '-A'], project);
    const clean = run('git', ['commit', '-q', '-m', 'clean image'], project, env);
    assert.is(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);

    mkdirSync(join(project, 'services', 'api'), { recursive: true });
    writeFileSync(join(project, 'services', 'api', 'Dockerfile'), 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nUSER 10001\nENTRYPOINT ["/app"]\n');
    run('git', ['add', '-A'], project);
    const refused = run('git', ['commit', '-q', '-m', 'ship the toolchain'], project, env);
    // pre-commit runs hooks in a pseudo-terminal, so merlint colours its output there.
    const output = `${refused.stdout}\n${refused.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    assert.is.not(refused.status, 0, output);
    assert.match(output, /services\/api\/Dockerfile:1:6: error .*\[DKR001\/golang-final-stage\]/, output);

    const downloaded = bytesUnder(npmCache);
    console.log(`  pre-commit's first install of the hook downloaded ${megabytes(downloaded)}`);
    assert.ok(downloaded <= 25_000_000, `the hook's first install downloaded ${megabytes(downloaded)}, over 25 MB`);
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    rmSync(npmCache, { recursive: true, force: true });
  }
});

test("the hook's file pattern selects exactly the files merlint reads, or reads the head of to decide", () => {
  const [hook] = parse(readFileSync(repoPath('.pre-commit-hooks.yaml'), 'utf8')) as { files: string }[];
  const pattern = new RegExp(hook!.files.replace(/^\(\?i\)/, ''), 'i');
  const names = [
    'Dockerfile', 'Dockerfile.prod', '.docker/Dockerfile-alpine', 'Dockerfile_debug', 'Dockerfiles', 'api.Dockerfile', 'Containerfile', 'deploy/dockerfile', 'Dockerfile.md', 'api.Dockerfile.dockerignore', 'Dockerfile.j2', 'testdata/dockerfile.json.golden', 'README.md',
    'main.tf', 'modules/region/variables.tf', 'main.tf.json', 'prod.tfvars', 'prod.tfvars.json', 'terraform.tfstate', 'plan.json', 'tfplan.json', 'prod.tfplan.json', 'go.mod',
    'deploy/payments.yaml', 'k8s/service.YML', 'manifests/list.json', 'values.yaml.bak', 'deploy/notes.yaml.md',
    '.env', 'prod.env', '.env.production', 'go.env', '.envrc', 'deploy/.env', 'Makefile', 'GNUmakefile', 'Makefile.common', 'build/rules.mk', 'Makefile.md',
    '.github/workflows/ci.yml', '.github/workflows/release.yaml', '.github/dependabot.yml', '.gitlab-ci.yml', 'ci/build.gitlab-ci.yml', '.devcontainer/devcontainer.json',
    '.devcontainer/go/devcontainer.json', '.devcontainer.json', 'devcontainer.json', 'config.yml', 'docker-compose.yml', 'compose.yaml', 'deploy/docker-compose.ci.yml', 'compose.override.yaml', 'composer.json', 'scripts/build.sh', 'ci/release.bash', 'notes.shtml',
    'cmd/api/main.go', 'vendor/github.com/x/y.go', 'src/webhook.ts', 'src/app.tsx', 'server.mjs', 'lib/log.cjs', 'types/index.d.ts', 'public/app.min.js', 'dist/server.js', 'node_modules/pino/index.js', 'notes.json5', 'script.ts.bak',
  ];
  for (const name of names) assert.is(pattern.test(name), classify(name) !== undefined || decidedByContent(name), name);
});

test.run();
