/*
 * The local modules a Terraform file calls, read from its text without parsing it: every
 * `source = "./…"` or `"../…"` (or `"source": "../…"` in JSON) is taken as a call. Over-reading is
 * harmless (an extra file is read), and Terraform requires module sources to be literal strings, so
 * no call is missed.
 */

const LOCAL_SOURCE = /\bsource"?\s*[=:]\s*"(\.\.?(?:\/[^"]*)?)"/g;

export function isConfiguration(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

/** The directories of the local modules a configuration file's text calls, as written (relative to its own directory). */
export function localSources(text: string): string[] {
  return [...text.matchAll(LOCAL_SOURCE)].map((match) => match[1]!);
}
