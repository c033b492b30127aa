// Builds the real-code corpus of the benchmarks (scripts/bench-real.mjs) from the public repositories
// and commits listed in scripts/real-corpus.json: their `.tf` files under DEST/terraform/, their
// `Dockerfile*` files under DEST/dockerfiles/ and their YAML (Kubernetes manifests among other YAML)
// under DEST/manifests/, each under owner+name/ with its path in the repository (only under the
// entry's `paths` when it lists some).
// Third-party code is not committed here, and a bench fetches nothing, so this runs once, before benching:
//   node scripts/real-corpus.mjs DEST [--mirrors DIR]
// With --mirrors, a repository found as DIR/owner+name/repo (a git directory or a checkout) is read
// from there; any other is fetched from GitHub at its commit alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MANIFEST = fileURLToPath(new URL('./real-corpus.json', import.meta.url));
const WANTED = {
  terraform: (path) => path.endsWith('.tf'),
  dockerfiles: (path) => basename(path).startsWith('Dockerfile'),
  manifests: (path) => /\.ya?ml$/.test(path),
};

const [destination, flag, mirrors] = process.argv.slice(2);
if (!destination || (flag && flag !== '--mirrors') || (flag && !mirrors)) {
  console.error('usage: node scripts/real-corpus.mjs DEST [--mirrors DIR]');
  process.exit(2);
}
for (const entry of JSON.parse(readFileSync(MANIFEST, 'utf8'))) {
  const gitDir = mirrorOf(entry) ?? fetchCommit(entry);
  const written = exportFiles(gitDir, entry, join(resolve(destination), entry.files, entry.repository.replace('/', '+')));
  console.log(`${entry.repository}@${entry.commit.slice(0, 8)}: ${written} ${entry.files} files`);
}

function git(gitDir, args, options = {}) {
  const result = spawnSync('git', [`--git-dir=${gitDir}`, ...args], { maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The git directory of a local mirror holding the entry's commit, if one was named. */
function mirrorOf({ repository, commit }) {
  if (!mirrors) return undefined;
  const checkout = join(mirrors, repository.replace('/', '+'), 'repo');
  const gitDir = existsSync(join(checkout, '.git')) ? join(checkout, '.git') : checkout;
  const known = existsSync(gitDir) && spawnSync('git', [`--git-dir=${gitDir}`, 'cat-file', '-e', `${commit}^{commit}`]).status === 0;
  return known ? gitDir : undefined;
}

/** A bare repository under DEST/.git-cache holding just the entry's commit, fetched from GitHub. */
function fetchCommit({ repository, commit }) {
  const gitDir = join(resolve(destination), '.git-cache', repository.replace('/', '+'));
  if (!existsSync(gitDir)) spawnSync('git', ['init', '--bare', '--quiet', gitDir]);
  git(gitDir, ['fetch', '--quiet', '--depth', '1', `https://github.com/${repository}.git`, commit]);
  return gitDir;
}

function exportFiles(gitDir, { commit, files, paths }, target) {
  const listing = git(gitDir, ['ls-tree', '-r', '-z', commit]).toString('utf8').split('\0').filter(Boolean);
  let written = 0;
  for (const line of listing) {
    const [meta, path] = line.split('\t');
    const [mode, type, object] = meta.split(' ');
    if (type !== 'blob' || mode === '120000' || !WANTED[files](path) || (paths && !paths.some((prefix) => path.startsWith(prefix)))) continue;
    const content = git(gitDir, ['cat-file', 'blob', object]);
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), content);
    written++;
  }
  return written;
}
