// Loads a build or test tool installed in tools/node_modules (scripts/tools.mjs): bare names
// resolve from this folder, with the conditions of the way each is loaded.
import { createRequire } from 'node:module';

export const importTool = (name) => import(name);
export const requireTool = createRequire(import.meta.url);
