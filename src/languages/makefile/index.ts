import type { Language } from '../../language.js';
import type { MakefileDocument } from './parser.js';

/** `Makefile`, `GNUmakefile`, `Makefile.common`, `build/rules.mk`; not notes about them (`Makefile.md`). */
const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile(?:\.[A-Za-z0-9_-]+)?|.+\.mk)$/;
const NOT_MAKEFILE = /\.(?:md|txt|rst|bak|orig)$/i;

export const makefile: Language<'makefile', MakefileDocument> = {
  name: 'makefile',
  kinds: ['makefile'],
  about: { makefile: { names: ['Makefile', 'Makefiles'], fence: 'makefile' } },
  kindOf(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return MAKEFILE.test(name) && !NOT_MAKEFILE.test(name) ? 'makefile' : undefined;
  },
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseMakefile,
  modelBuilder: async () => (await import('./model.js')).buildMakefileModel,
};
