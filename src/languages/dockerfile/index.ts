import type { Language } from '../../language.js';
import type { DockerfileDocument } from './model.js';
import { EMPTY_DOCKERFILE_MODEL, type DockerfileModel } from './go-modules.js';

/** `Dockerfile-alpine` and `Dockerfile_debug` too, as ory, dapr and tempo name their variants for `docker build -f`. */
const DOCKERFILE = /^(?:(?:docker|container)file(?:[._-].+)?|.+\.(?:docker|container)file)$/i;
/** Suffixes of files about a Dockerfile that are not one: notes, BuildKit's per-Dockerfile ignore files, templates, backups, source code (a `dockerfile.min.js` highlighter, `dockerfile.go`). */
const NOT_DOCKERFILE = /\.(?:md|markdown|rst|adoc|txt|html|dockerignore|tmpl|tpl|template|j2|jinja2?|erb|bak|orig|rej|swp|[cm]?js|jsx|[cm]?ts|tsx|go|py|rb|java|json|ya?ml|toml|sh)$/i;

export const dockerfile: Language<'dockerfile', DockerfileDocument, DockerfileModel> = {
  name: 'dockerfile',
  kinds: ['dockerfile'],
  about: { dockerfile: { names: ['Dockerfile', 'Dockerfiles'], fence: 'dockerfile' } },
  kindOf(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return DOCKERFILE.test(name) && !NOT_DOCKERFILE.test(name) ? 'dockerfile' : undefined;
  },
  contributes: ['goSettings'],
  parser: async () => (await import('./parser.js')).parseDockerfile,
  // Only the Go settings it assigns, from the parser's module (already loaded): a one-Dockerfile run loads no other chunk for it.
  modelBuilder: async () => (await import('./parser.js')).buildDockerfileModel,
  emptyModel: EMPTY_DOCKERFILE_MODEL,
};
