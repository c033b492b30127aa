import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** File contents by path, or `{ link: target }` for a symbolic link (target as written in the link). */
export type Tree = Record<string, string | Uint8Array | { link: string }>;

const created: string[] = [];
process.once('exit', () => {
  for (const directory of created) rmSync(directory, { recursive: true, force: true });
});

/** A fresh directory under the system temp directory (real path, removed at exit), filled with `tree`. */
export function makeTree(tree: Tree = {}): string {
  const root = mkdtempSync(join(realpathSync(tmpdir()), 'merlint-test-'));
  created.push(root);
  addToTree(root, tree);
  return root;
}

export function addToTree(root: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, absolute);
    else writeFileSync(absolute, content);
  }
}
