import type { Kind } from './types.js';

const DOCKERFILE = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i;
/** Suffixes of files about a Dockerfile that are not one: notes, BuildKit's per-Dockerfile ignore files, templates, backups. */
const NOT_DOCKERFILE = /\.(?:md|markdown|rst|adoc|txt|html|dockerignore|tmpl|tpl|template|j2|jinja2?|erb|bak|orig|rej|swp)$/i;
/**
 * `terraform show -json` of a saved plan: `tfplan.json` or `*.tfplan.json`. A name of its own, as
 * the content is ordinary JSON: a bare `plan.json` is too common a name to claim.
 */
const TERRAFORM_PLAN = /^(?:.+\.)?tfplan\.json$/;

/** Which kind of file a path holds, by its name alone; undefined for formats merlint does not read. */
export function classify(path: string): Kind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (DOCKERFILE.test(name) && !NOT_DOCKERFILE.test(name)) return 'dockerfile';
  if (name.endsWith('.tf') || name.endsWith('.tf.json')) return 'terraform';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'tfvars';
  if (TERRAFORM_PLAN.test(name)) return 'tfplan';
  return undefined;
}
