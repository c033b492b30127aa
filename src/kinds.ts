import type { Kind } from './types.js';

const DOCKERFILE = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i;
/** Suffixes of files about a Dockerfile that are not one: notes, BuildKit's per-Dockerfile ignore files, templates, backups. */
const NOT_DOCKERFILE = /\.(?:md|markdown|rst|adoc|txt|html|dockerignore|tmpl|tpl|template|j2|jinja2?|erb|bak|orig|rej|swp)$/i;

/** Which kind of file a path holds, by its name alone; undefined for formats merlint does not read. */
export function classify(path: string): Kind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (DOCKERFILE.test(name) && !NOT_DOCKERFILE.test(name)) return 'dockerfile';
  if (name.endsWith('.tf') || name.endsWith('.tf.json')) return 'terraform';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'tfvars';
  return undefined;
}
