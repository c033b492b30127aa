import { pathToFileURL } from 'node:url';
import { packagePath } from '../../src/paths.js';

/* Test tools live in tools/node_modules (scripts/tools.mjs), not among merlint's own dependencies. */

interface ToolLoader {
  importTool(name: string): Promise<unknown>;
  requireTool(name: string): unknown;
}

const loader = (await import(pathToFileURL(packagePath('tools', 'load.mjs')).href)) as ToolLoader;

export async function importTool<T>(name: string): Promise<T> {
  return (await loader.importTool(name)) as T;
}

export function requireTool(name: string): unknown {
  return loader.requireTool(name);
}
