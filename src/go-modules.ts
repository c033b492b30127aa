import { parentOf } from './paths.js';

/** The directory of the nearest go.mod above a file, within the scan root ('' for the root or none); `hasGoMod` asks of a directory. */
export function moduleRoots(hasGoMod: (directory: string) => boolean): (path: string) => string {
  const known = new Map<string, string>();
  const rootOf = (directory: string): string => {
    let root = known.get(directory);
    if (root === undefined) {
      root = directory === '' || hasGoMod(directory) ? directory : rootOf(parentOf(directory));
      known.set(directory, root);
    }
    return root;
  };
  return (path) => rootOf(parentOf(path));
}
