import type { Kind } from './types.js';

const DOCKERFILE = /^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i;

/** Which kind of file a path holds, by its name alone; undefined for formats merlint does not read. */
export function classify(path: string): Kind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (name.endsWith('.tf') || name.endsWith('.tf.json')) return 'terraform';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'tfvars';
  return undefined;
}
