import type { Language } from '../../language.js';
import type { DevcontainerDocument } from './parser.js';

/** `.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json` and `.devcontainer.json`. */
const DEVCONTAINER = /(?:^|\/)(?:\.devcontainer\/(?:[^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/;

export const devcontainer: Language<'devcontainer', DevcontainerDocument> = {
  name: 'devcontainer',
  kinds: ['devcontainer'],
  about: { devcontainer: { names: ['devcontainer.json', 'devcontainer.json files'], fence: 'jsonc' } },
  kindOf(path) {
    return DEVCONTAINER.test(path) ? 'devcontainer' : undefined;
  },
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseDevcontainer,
  modelBuilder: async () => (await import('./model.js')).buildDevcontainerModel,
};
