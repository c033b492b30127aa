import type { Language } from '../../language.js';
import type { ComposeDocument } from './parser.js';

/** `compose.yaml`, `docker-compose.yml` and their overrides (`docker-compose.ci.yml`, `compose.override.yaml`). */
const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/;

export const compose: Language<'compose', ComposeDocument> = {
  name: 'compose',
  kinds: ['compose'],
  about: { compose: { names: ['Compose file', 'Compose files'], fence: 'yaml' } },
  kindOf(path) {
    return COMPOSE_FILE.test(path.slice(path.lastIndexOf('/') + 1)) ? 'compose' : undefined;
  },
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseCompose,
  modelBuilder: async () => (await import('./model.js')).buildComposeModel,
};
