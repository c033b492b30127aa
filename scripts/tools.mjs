// Installs the tools that build and test merlint (TypeScript, esbuild, the SARIF multitool, …) into
// tools/node_modules from tools/package-lock.json, when they are missing or the lock file changed.
// They are not merlint's own dependencies, so installing merlint (npm, pre-commit, the GitHub Action)
// downloads none of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const tools = new URL('../tools/', import.meta.url);
const stamp = new URL('node_modules/.merlint-tools-lock', tools);
const lock = createHash('sha256').update(readFileSync(new URL('package-lock.json', tools))).digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
  const npm = process.env.npm_execpath;
  const args = ['ci', '--no-audit', '--no-fund', '--loglevel=error'];
  const install = npm ? spawnSync(process.execPath, [npm, ...args], { cwd: tools, stdio: 'inherit' }) : spawnSync('npm', args, { cwd: tools, stdio: 'inherit', shell: true });
  if (install.status !== 0) process.exit(install.status ?? 1);
  writeFileSync(stamp, lock);
}
