import type { Language } from '../../language.js';
import type { DotenvDocument } from './parser.js';

/** `.env`, `prod.env`, `.env.production`, Go's own `go.env`, and direnv's `.envrc`. */
const ENV_FILE = /^(?:\.env(?:\..+)?|.+\.env|go\.env|\.envrc)$/;

export const dotenv: Language<'dotenv', DotenvDocument> = {
  name: 'dotenv',
  kinds: ['dotenv'],
  about: { dotenv: { names: ['env file', 'env files'], fence: 'sh' } },
  kindOf(path) {
    return ENV_FILE.test(path.slice(path.lastIndexOf('/') + 1)) ? 'dotenv' : undefined;
  },
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseDotenv,
  modelBuilder: async () => (await import('./model.js')).buildDotenvModel,
};
