import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cacheMessage, packageCachesLeftIn } from '../src/languages/dockerfile/packages.js';
import { parseDockerfile } from '../src/languages/dockerfile/parser.js';
import { finalStage } from '../src/languages/dockerfile/model.js';

const SEED = 20261206;
const MANAGERS = ['apk', 'apt', 'apt-get', 'yum', 'dnf', 'microdnf', 'tdnf', 'pip', 'pip3', 'pip3.12'];
const NOT_MANAGERS = ['apkx', 'xapk', 'apt-gets', 'get', 'pip33', 'pip3.', 'mdnf', 'python3x', 'ap', ''];

/** The package commands whose cache stays in the final image of a Dockerfile, built from its lines. */
function cachesLeftIn(lines: string[]) {
  const document = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text: `${lines.join('\n')}\n` }).document!;
  return packageCachesLeftIn(document, finalStage(document)!);
}

/** What the RUN's package commands leave behind, with the directory their cache was moved to. */
function cacheLeft(command: string): string[] {
  return cachesLeftIn(['FROM alpine:3.20', `RUN ${command}`]).map((use) => cacheMessage(use).leaves);
}

function packageUses(command: string): string[] {
  return cachesLeftIn(['FROM alpine:3.20', `RUN ${command}`]).map((use) => `${use.manager.leaves} ${use.verb.value}`);
}

test('a package manager is told by the last part of its program word, with or without a directory', () => {
  const directory = fc.constantFrom('', '/sbin/', '/usr/bin/', './', 'tools/');
  const verb = fc.constantFrom('add', 'install', 'update', 'list');
  fc.assert(
    fc.property(directory, fc.constantFrom(...MANAGERS, ...NOT_MANAGERS), fc.boolean(), verb, (dir, name, viaPython, subcommand) => {
      const program = viaPython ? `${dir}python3 -m ${name}` : `${dir}${name}`;
      const uses = packageUses(`sudo ${program} ${subcommand} curl`);
      assert.equal(uses, packageUses(`${viaPython ? `python3 -m ${name}` : name} ${subcommand} curl`), program);
      if (NOT_MANAGERS.includes(name)) assert.equal(uses, [], program);
    }),
    { seed: SEED, numRuns: 300 },
  );
  assert.equal(packageUses('/usr/bin/apt-get update && /usr/bin/apt-get install -y curl'), ['the package lists in /var/lib/apt/lists install']);
  assert.equal(packageUses('/sbin/apk add curl'), ['the package index in /var/cache/apk add']);
});

test('python runs pip or uv as a module however CPython reads its options, and runs none after a script or -c', () => {
  const pip = ['downloaded packages in the pip cache (~/.cache/pip) install'];
  for (const python of ['python3 -mpip', 'python3 -m pip', 'python3 -Im pip', 'python3 -I -u -m pip', 'python3 -W ignore -m pip', 'python3 -Xdev -mpip', 'python3 --check-hash-based-pycs always -m pip']) {
    assert.equal(packageUses(`${python} install flask`), pip, python);
  }
  for (const python of ['python3 -c pass -m pip', 'python3 app.py -m pip', 'python3 - -m pip', 'python3 -- -m pip', 'python3 -m pip3', 'python3 -m apk', 'python3 -m']) {
    assert.equal(packageUses(`${python} install flask`), [], python);
  }
  assert.equal(packageUses('python3 -m uv pip install flask'), ['downloaded and built packages in the uv cache (~/.cache/uv) install']);
});

test('uv: its installs, of its pip interface, tools and projects, with global options before or after the subcommand', () => {
  const uv = (verb: string) => [`downloaded and built packages in the uv cache (~/.cache/uv) ${verb}`];
  assert.equal(packageUses('uv pip install flask'), uv('install'));
  assert.equal(packageUses('uv --offline pip sync requirements.txt'), uv('sync'));
  assert.equal(packageUses('uv sync --frozen'), uv('sync'));
  assert.equal(packageUses('uv tool install ruff'), uv('install'));
  assert.equal(packageUses('uv tool run ruff'), uv('run'));
  assert.equal(packageUses('/usr/local/bin/uvx ruff check'), uv('/usr/local/bin/uvx'));
  for (const command of ['uv pip install --no-cache flask', 'uv -n sync', 'uv --no-cache-dir tool install ruff', 'uv pip list', 'uv pip compile requirements.in', 'uv run --no-sync pytest', 'uv install', 'uvx -n ruff', 'python3 -m uvx ruff']) {
    assert.equal(packageUses(command), [], command);
  }
});

test('an option that takes the next word as its value is not the subcommand: uv --project app sync, pip --timeout 60 install', () => {
  assert.equal(packageUses('uv --project app sync'), ['downloaded and built packages in the uv cache (~/.cache/uv) sync']);
  assert.equal(packageUses('uv pip --color never install flask'), ['downloaded and built packages in the uv cache (~/.cache/uv) install']);
  assert.equal(packageUses('pip --timeout 60 install flask'), ['downloaded packages in the pip cache (~/.cache/pip) install']);
  assert.equal(packageUses('python3 -m pip --retries 5 install flask'), ['downloaded packages in the pip cache (~/.cache/pip) install']);
  assert.equal(packageUses('apt-get -t bookworm-backports update').length, 1);
  assert.equal(packageUses('dnf --enablerepo crb install -y gcc').length, 1);
});

test("the words after the command that uv run or uvx runs are the command's, not uv's options", () => {
  const uv = ['downloaded and built packages in the uv cache (~/.cache/uv) uvx'];
  assert.equal(packageUses('uvx ruff check --no-cache .'), uv);
  assert.equal(packageUses('uvx --with ruff-lsp -n ruff check'), []);
  assert.equal(packageUses('uvx --from httpie http -n example.sg'), uv);
  assert.equal(packageUses('uv run pytest -n 4 --no-sync').length, 1);
  assert.equal(packageUses('uv run --python 3.12 --no-sync pytest'), []);
});

test('PIP_NO_CACHE_DIR disables the cache at any value pip reads, false too; UV_NO_CACHE only at a true one', () => {
  for (const value of ['1', 'true', 'Yes', 'on', 'y', 't', '0', 'false', 'no', 'off']) {
    assert.equal(packageUses(`PIP_NO_CACHE_DIR=${value} pip install flask`), [], value);
  }
  assert.equal(packageUses('PIP_NO_CACHE_DIR= pip install flask').length, 1);
  for (const value of ['1', 'true', 'YES', 'on', 'y', 't']) assert.equal(packageUses(`UV_NO_CACHE=${value} uv sync`), [], value);
  for (const value of ['0', 'false', 'No', 'off', 'n', 'f']) assert.equal(packageUses(`UV_NO_CACHE=${value} uv sync`).length, 1, value);
});

test('uv refuses to start, and installs nothing, with an empty path or a switch outside clap\'s boolish set', () => {
  for (const command of ['UV_NO_CACHE= uv sync', 'UV_NO_CACHE=maybe uv sync', 'UV_NO_SYNC= uv pip install flask', 'XDG_CACHE_HOME=/cache UV_CACHE_DIR= uv sync', 'UV_PROJECT= uv sync', 'UV_WORKING_DIR= uv sync', 'uv sync --cache-dir=', "uv --project '' sync"]) {
    assert.equal(packageUses(command), [], command);
  }
  assert.equal(cachesLeftIn(['FROM python:3.12', 'ENV UV_CACHE_DIR=/cache', 'RUN UV_CACHE_DIR= uv pip install --system flask']), []);
  assert.equal(cachesLeftIn(['FROM python:3.12', 'ENV UV_CACHE_DIR=', 'RUN uv pip install --system flask']), []);
  assert.equal(packageUses('UV_CACHE_DIR= pip install flask').length, 1);
});

test('uv run syncs the project first: an install where no earlier uv sync or uv run synced it, nor a COPY brought its environment in', () => {
  const lines = (instructions: string[]) => cachesLeftIn(['FROM python:3.12', ...instructions, 'RUN uv run app.py']).map((use) => use.command.range.start.line);
  assert.equal(lines([]), [2]);
  assert.equal(lines(['RUN uv run --frozen app.py']), [2]);
  assert.equal(lines(['RUN uv --no-cache sync']), []);
  assert.equal(lines(['RUN uv run --no-cache app.py']), []);
  assert.equal(lines(['RUN uv run --no-sync app.py']), [3]);
  for (const copy of ['COPY --from=build /app/.venv /app/.venv', 'COPY --from=build /app/.venv/ .venv/', 'COPY --from=build /opt/venv ./.venv']) assert.equal(lines(['WORKDIR /app', copy]), [], copy);
  for (const earlier of ['RUN uv pip install --no-cache flask', 'RUN uv --no-cache pip sync requirements.txt', 'RUN uvx --no-cache ruff', 'COPY .venv .venv', 'COPY --from=build /app/.venv/bin/app /usr/local/bin/']) {
    assert.equal(lines([earlier]), [3], earlier);
  }
});

test('a COPY --from brings in a synced project where it copies a directory that holds the environment its stage synced', () => {
  const lines = (build: string[], final: string[]) =>
    cachesLeftIn(['FROM python:3.12 AS build', ...build, 'FROM python:3.12', ...final, 'RUN uv run app.py']).map((use) => use.command.range.start.line);
  const runLine = (build: readonly string[], final: readonly string[]) => build.length + final.length + 3;
  for (const [build, final] of [
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY --from=build /app /app', 'WORKDIR /app']],
    [['WORKDIR /app', 'WORKDIR src/..', 'RUN uv --no-cache sync'], ['WORKDIR /app', 'COPY --from=build app/ /app']],
    [['ARG HOME=/home/app', 'WORKDIR $HOME', 'RUN uv --no-cache run app.py'], ['COPY --from=build /home /home', 'WORKDIR /home/app/src']],
    [['WORKDIR /app', 'RUN UV_PROJECT_ENVIRONMENT=/opt/venv uv --no-cache sync'], ['COPY --from=build /opt /opt', 'WORKDIR /app', 'ENV UV_PROJECT_ENVIRONMENT=/opt/venv']],
    [['WORKDIR /app', 'RUN UV_PROJECT_ENVIRONMENT=env uv --no-cache sync'], ['COPY --from=0 /app/env /app/env', 'WORKDIR /app', 'ENV UV_PROJECT_ENVIRONMENT=env']],
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY --from=build /app /srv/app/', 'WORKDIR /srv/app']],
    // python:3.12 may set a WORKDIR of its own, /app as well: merlint does not know where a uv run without one runs.
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY --from=build /app /app']],
  ] as const) {
    assert.equal(lines([...build], [...final]), [], `${build.join(' ')} ${final.join(' ')}`);
  }
  for (const [build, final] of [
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY --from=build /app/src /app/src', 'WORKDIR /app']],
    [['WORKDIR /app', 'RUN uv --no-cache pip install flask'], ['COPY --from=build /app /app', 'WORKDIR /app']],
    [['ARG DIRECTORY', 'WORKDIR $DIRECTORY', 'RUN uv --no-cache sync'], ['COPY --from=build /app /app', 'WORKDIR /app']],
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY --from=other /app /app', 'WORKDIR /app']],
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY /app /app', 'WORKDIR /app']],
    // The project synced in /app, copied to /app, is not the one a uv run in /srv finds; nor is another project using its environment.
    [['WORKDIR /app', 'RUN uv --no-cache sync'], ['COPY --from=build /app /app', 'WORKDIR /srv']],
    [['WORKDIR /app', 'RUN UV_PROJECT_ENVIRONMENT=/opt/venv uv --no-cache sync'], ['COPY --from=build /opt /opt', 'WORKDIR /other', 'ENV UV_PROJECT_ENVIRONMENT=/opt/venv']],
  ] as const) {
    assert.equal(lines([...build], [...final]), [runLine(build, final)], `${build.join(' ')} ${final.join(' ')}`);
  }
  assert.equal(lines([], ['ENV UV_PROJECT_ENVIRONMENT=/opt/venv', 'COPY --from=build /opt/venv/ /opt/venv']), []);
  // Past PATH_MAX the directory cannot be made (the build fails): it is unknown, so no COPY is taken for the synced environment.
  const deep = Array.from({ length: 820 }, () => 'WORKDIR abcd');
  const final = ['COPY --from=build /app /app', 'WORKDIR /app'];
  assert.equal(lines(['WORKDIR /app', ...deep, 'RUN uv --no-cache sync'], final), [runLine(['WORKDIR /app', ...deep, 'RUN uv --no-cache sync'], final)]);
  assert.equal(lines(['WORKDIR /app', ...deep.slice(0, 810), 'RUN uv --no-cache sync'], ['COPY --from=build /app /app', `WORKDIR /app${'/abcd'.repeat(810)}`]), []);
  assert.equal(lines([], ['ENV UV_PROJECT_ENVIRONMENT=/usr/local', 'RUN uv --no-cache sync']), []);
});

test('a project is synced where uv finds it: from its directory, a cd, --directory and --project, or a directory below it', () => {
  const lines = (instructions: string[]) => cachesLeftIn(['FROM python:3.12', ...instructions]).map((use) => use.command.range.start.line);
  assert.equal(lines(['WORKDIR /app', 'RUN cd /srv && uv --no-cache sync', 'RUN uv run app.py']), [4]);
  assert.equal(lines(['RUN cd /app && uv --no-cache sync && cd / && uv run --project /app app.py && uv --directory /app/src run app.py']), []);
  assert.equal(lines(['WORKDIR /app/src', 'RUN uv --no-cache --project .. sync', 'WORKDIR /app', 'RUN uv run app.py', 'RUN cd src && uv run app.py']), []);
  // Where the directory is unknown, the sync may have been anywhere: no uv run after it is counted.
  assert.equal(lines(['ARG DIRECTORY', 'WORKDIR $DIRECTORY', 'RUN uv --no-cache sync', 'WORKDIR /app', 'RUN uv run app.py']), []);
  assert.equal(lines(['RUN cd $HOME && uv --no-cache sync', 'WORKDIR /app', 'RUN uv run app.py']), []);
  // A directory past PATH_MAX is unknown, and so is where the environments are past 256 of them: a later uv run may find any.
  assert.equal(lines([`RUN ${'cd abcd && '.repeat(1100)}uv --no-cache sync`, 'WORKDIR /app', 'RUN uv run app.py']), []);
  const syncs = (count: number) => `RUN ${Array.from({ length: count }, (_, i) => `uv --no-cache sync --project /p${i}`).join(' && ')}`;
  assert.equal(lines([syncs(257), 'WORKDIR /app', 'RUN uv run app.py']), []);
  assert.equal(lines([syncs(256), 'WORKDIR /app', 'RUN uv run app.py']), [4]);
  // Environments copied through a stage that copied them from another.
  const chain = ['FROM python:3.12 AS a', 'WORKDIR /app', 'RUN uv --no-cache sync', 'FROM python:3.12 AS b', 'COPY --from=a /app /srv/app', 'FROM python:3.12', 'COPY --from=b /srv /srv'];
  assert.equal(cachesLeftIn([...chain, 'WORKDIR /srv/app', 'RUN uv run app.py']), []);
  assert.equal(cachesLeftIn([...chain, 'WORKDIR /app', 'RUN uv run app.py']).length, 1);
});

test('uv run installs the groups and extras the environment lacks; uv sync syncs exactly unless --inexact, uv run inexactly unless --exact', () => {
  const lines = (instructions: string[]) => cachesLeftIn(['FROM python:3.12', 'WORKDIR /app', ...instructions]).map((use) => use.command.range.start.line);
  assert.equal(lines(['RUN uv --no-cache sync --all-groups', 'RUN uv --no-cache sync --inexact --no-dev', 'RUN uv run --group lint app.py']), []);
  assert.equal(lines(['RUN uv --no-cache sync --all-groups', 'RUN uv --no-cache sync --no-dev', 'RUN uv run --group lint app.py']), [5]);
  assert.equal(lines(['RUN uv --no-cache sync --all-groups --no-group docs', 'RUN uv run --group lint --no-dev app.py', 'RUN uv run --all-groups app.py']), [5]);
  assert.equal(lines(['RUN uv --no-cache sync --all-extras', 'RUN uv run --extra s3 --all-extras --no-extra gcs app.py', 'RUN uv run --exact --no-dev app.py', 'RUN uv run app.py']), [6]);
  assert.equal(lines(['RUN uv --no-cache sync --only-dev', 'RUN uv run --only-group dev app.py', 'RUN uv run --no-default-groups app.py']), [5]);
  assert.equal(lines(['RUN uv --no-cache sync --no-default-groups', 'RUN UV_NO_DEFAULT_GROUPS=1 uv run app.py', 'RUN UV_NO_DEV=true uv run app.py', 'RUN uv run app.py']), [6]);
});

test('uv add syncs the project, unless told not to; a sync earlier in the same RUN is a sync for the uv run after it', () => {
  assert.equal(packageUses('uv add flask').length, 1);
  for (const command of ['uv add --no-sync flask', 'uv add --frozen flask', 'UV_FROZEN=1 uv add flask', 'UV_NO_SYNC=on uv add flask', 'uv --no-cache add flask && uv run app.py', 'uv --no-cache sync; uv run app.py']) {
    assert.equal(packageUses(command), [], command);
  }
  assert.equal(packageUses('UV_FROZEN=0 uv add flask').length, 1);
});

test('uvx reuses a tool uv tool install installed for the same user, at its version, unless an option asks for another environment', () => {
  const lines = (instructions: string[]) => cachesLeftIn(['FROM python:3.12', ...instructions]).map((use) => use.command.range.start.line);
  assert.equal(lines(['RUN uv tool install -n ruff', 'RUN uvx ruff check', 'RUN uvx --from RUFF ruff', 'RUN uv tool run --no-cache-dir ruff']), []);
  assert.equal(lines(['RUN uv tool install -n ruff@0.6.9', 'RUN uvx ruff==0.6.9 check', 'RUN uvx ruff@0.6.8 check', 'RUN uvx ruff@latest']), [4, 5]);
  assert.equal(lines(['RUN uv tool install -n ruff', 'RUN uvx ruff@0.6.9 check', 'RUN uvx --with black ruff', 'RUN uvx -p 3.11 ruff']), [3, 4, 5]);
  assert.equal(lines(['RUN uv tool install -n --index-url https://pypi.internal/simple ruff', 'RUN uvx ruff']), [3]);
  assert.equal(lines(['RUN uv tool install -n ruff', 'USER app', 'RUN uvx ruff']), [4]);
  assert.equal(lines(['USER app', 'RUN uv tool install -n ruff', 'USER root', 'USER app', 'RUN uvx ruff']), []);
  assert.equal(lines(['RUN uvx ruff && uv tool install -n ruff && uvx ruff']), [2]);
});

test('uvx compares the options of a tool install written after the package too: requirements it adds, its Python, its index', () => {
  const lines = (instructions: string[]) => cachesLeftIn(['FROM python:3.12', ...instructions]).map((use) => use.command.range.start.line);
  assert.equal(lines(['RUN uv tool install -n ruff --with black -p 3.12', 'RUN uvx --with black ruff', 'RUN uvx --python=3.12 ruff', 'RUN uvx -w black -p 3.12 ruff check']), []);
  assert.equal(lines(['RUN uv tool install -n ruff --with black', 'RUN uvx --with isort ruff', 'RUN uvx -p 3.11 ruff']), [3, 4]);
  assert.equal(lines(['RUN uv tool install ruff --index-url https://pypi.example.sg/simple -n', 'RUN uvx ruff', 'RUN uvx --index-url https://pypi.example.sg/simple ruff']), [3]);
  assert.equal(lines(['RUN uv tool install -n ruff --index internal', 'RUN uvx --index internal ruff', 'RUN uvx --index=internal ruff']), []);
  // A later install of the tool replaces its environment.
  assert.equal(lines(['RUN uv tool install -n ruff@0.6.9', 'RUN uv tool install -n ruff@0.7.0', 'RUN uvx ruff@0.6.9', 'RUN uvx ruff@0.7.0']), [4]);
});

test('the advice names the program the command was typed with: uvx takes uv\'s options itself', () => {
  const advice = (command: string) => cachesLeftIn(['FROM python:3.12', `RUN ${command}`]).map((use) => cacheMessage(use).advice);
  assert.equal(advice('uvx ruff'), ['use `uvx --no-cache` (or `ENV UV_NO_CACHE=1`), or mount a cache at /root/.cache/uv']);
  assert.equal(advice('/usr/local/bin/uvx ruff'), ['use `uvx --no-cache` (or `ENV UV_NO_CACHE=1`), or mount a cache at /root/.cache/uv']);
  assert.equal(advice('UV_CACHE_DIR=/cache uvx ruff'), ['use `uvx --no-cache` (or `ENV UV_NO_CACHE=1`), or mount a cache at /cache']);
  assert.equal(advice('uv tool run ruff'), ['use `uv --no-cache` (or `ENV UV_NO_CACHE=1`), or mount a cache at /root/.cache/uv']);
});

test('an absolute XDG_CACHE_HOME moves the caches of uv and pip below it, unless UV_CACHE_DIR, PIP_CACHE_DIR or --cache-dir move them', () => {
  assert.equal(cacheLeft('XDG_CACHE_HOME=/cache/ uv sync'), ['downloaded and built packages in the uv cache (/cache/uv)']);
  assert.equal(cacheLeft('export XDG_CACHE_HOME=/cache; pip install flask'), ['downloaded packages in the pip cache (/cache/pip)']);
  assert.equal(cacheLeft('XDG_CACHE_HOME=/cache UV_CACHE_DIR=/uv uv sync'), ['downloaded and built packages in the uv cache (/uv)']);
  assert.equal(cacheLeft('XDG_CACHE_HOME=/cache pip install --cache-dir /pip flask'), ['downloaded packages in the pip cache (/pip)']);
  assert.equal(cacheLeft('XDG_CACHE_HOME=cache uv sync'), ['downloaded and built packages in the uv cache (~/.cache/uv)']);
});

test('a moved cache (UV_CACHE_DIR, PIP_CACHE_DIR, --cache-dir) is kept out by a mount or an rm of where it was moved to, not of where it was', () => {
  assert.equal(cacheLeft('UV_CACHE_DIR=/tmp/uv uv sync && rm -rf /tmp/uv'), []);
  assert.equal(cacheLeft('uv sync --cache-dir=/tmp/uv && rm -rf /tmp'), []);
  assert.equal(cacheLeft('PIP_CACHE_DIR=/tmp/pip pip install flask && rm -rf /root/.cache/pip'), ['downloaded packages in the pip cache (/tmp/pip)']);
  assert.equal(cacheLeft('--mount=type=cache,target=/root/.cache/uv UV_CACHE_DIR=/cache uv sync'), ['downloaded and built packages in the uv cache (/cache)']);
  assert.equal(cacheLeft('--mount=type=cache,target=/cache UV_CACHE_DIR=/cache uv sync'), []);
});

test.run();
