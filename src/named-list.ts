/*
 * A module of its own: discovery's notices use it on every run, and importing it from per-origin.ts
 * put that module's code in the bundle every run starts with (dist/bundle/cli.cjs).
 */

/** Subjects named in a message before it says how many more there are. */
const NAMED = 3;

/** `a`, `a and b`, `a, b and c`, `a, b, c and 2 more`; repeated names once. */
export function namedList(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= NAMED) return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
  return `${unique.slice(0, NAMED).join(', ')} and ${unique.length - NAMED} more`;
}
