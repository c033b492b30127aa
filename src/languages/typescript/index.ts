import type { Language } from '../../language.js';
import type { ScriptDocument } from './document.js';

type ScriptKind = 'typescript' | 'javascript';

/** Build output, dependencies and declarations: not code the project writes. */
const FOREIGN = /(?:^|\/)(?:node_modules|dist|bower_components)\/|\.d\.[cm]?ts$|[.-]min\.[cm]?js$|\.bundle\.[cm]?js$/;

export const typescript: Language<ScriptKind, ScriptDocument> = {
  name: 'typescript',
  kinds: ['typescript', 'javascript'],
  about: { typescript: { names: ['TypeScript source file', 'TypeScript source files'], fence: 'ts' }, javascript: { names: ['JavaScript source file', 'JavaScript source files'], fence: 'js' } },
  kindOf(path) {
    if (FOREIGN.test(path)) return undefined;
    if (/\.(?:ts|tsx|mts|cts)$/.test(path)) return 'typescript';
    return /\.(?:js|jsx|mjs|cjs)$/.test(path) ? 'javascript' : undefined;
  },
  // TypeScript's parser (ts-morph's bundled compiler, 9 MB of JavaScript) loads with the first such file.
  parser: async () => (await import('./parser.js')).parseScript,
  modelBuilder: async () => (await import('./model.js')).buildScriptModel,
  units: async () => (await import('./units.js')).scriptUnits,
};
