import type { Language } from '../../language.js';
import type { GoDocument } from './document.js';

/** Directories of code that is not the project's own: vendored modules. */
const FOREIGN = /(?:^|\/)vendor\//;

export const go: Language<'go', GoDocument> = {
  name: 'go',
  kinds: ['go'],
  kindOf(path) {
    return path.endsWith('.go') && !FOREIGN.test(path) ? 'go' : undefined;
  },
  // The grammar (WebAssembly) loads with the first Go file: a run without Go pays nothing for it.
  parser: async () => (await import('./parser.js')).parseGo,
  modelBuilder: async () => (await import('./model.js')).buildGoModel,
};
