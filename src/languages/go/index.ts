import { appendTo } from '../../append.js';
import type { Language } from '../../language.js';
import type { GoDocument } from './document.js';

/** Directories of code that is not the project's own: vendored modules. */
const FOREIGN = /(?:^|\/)vendor\//;

export const go: Language<'go', GoDocument> = {
  name: 'go',
  kinds: ['go'],
  about: { go: { names: ['Go source file', 'Go source files'], fence: 'go' } },
  kindOf(path) {
    return path.endsWith('.go') && !FOREIGN.test(path) ? 'go' : undefined;
  },
  // The grammar (WebAssembly) loads with the first Go file: a run without Go pays nothing for it.
  parser: async () => (await import('./parser.js')).parseGo,
  modelBuilder: async () => (await import('./model.js')).buildGoModel,
  // A redaction hook applies to the whole Go module (the nearest go.mod): its files go together.
  units: async () => {
    const { moduleRoots } = await import('../../go-modules.js');
    return (files, read) => {
      const moduleOf = moduleRoots((directory) => read(`${directory}/go.mod`) !== undefined);
      const byModule = new Map<string, string[]>();
      for (const { path } of files) appendTo(byModule, moduleOf(path), path);
      return [...byModule.values()];
    };
  },
};
