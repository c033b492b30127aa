// Builds merlint after `npm install` / `npm ci` in a checkout of its source.
// This is postinstall, not prepare, because pre-commit reads the stdout of `npm pack` as the tarball's
// name, and npm prints the banner of a prepare script there. An installed package has no src/ and skips this.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (existsSync(new URL('../src/cli.ts', import.meta.url))) {
  const npm = process.env.npm_execpath;
  const build = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: true });
  process.exit(build.status ?? 1);
}
