import type { Range } from '../../types.js';
import type { KubernetesDocument, ScalarNode } from './syntax.js';

/*
 * Where the characters of a scalar's value are written, so that a rule can point inside a value:
 * a word of a `sh -c` script in `args`, an address in a ConfigMap's config file.
 */

/** The value's text with the file offset of each character; every character at the value's start when the mapping cannot be told. */
export function mappedText(document: KubernetesDocument, node: ScalarNode): { text: string; offsets: number[] } {
  const lines = document.lines;
  const start = lines.offset(node.range.start);
  const end = lines.offset(node.range.end);
  const text = node.text;
  if (node.verbatim) return { text, offsets: Array.from(text, (_, index) => start + index) };
  // Block scalars and quoted strings with escapes: each character is found in order in what is
  // written, past indentation, line folds and escape backslashes.
  const written = document.file.text;
  const offsets: number[] = [];
  let cursor = start;
  for (const character of text) {
    while (cursor < end && written[cursor] !== character) cursor++;
    if (cursor >= end) return { text, offsets: Array.from(text, () => start) };
    for (let k = 0; k < character.length; k++) offsets.push(cursor + k);
    cursor += character.length;
  }
  return { text, offsets };
}

/** The range of `length` characters of a scalar's value from `index`, or the whole value when they cannot be placed. */
export function partRange(document: KubernetesDocument, node: ScalarNode, index: number, length: number): Range {
  const { offsets } = mappedText(document, node);
  const first = offsets[index];
  const last = offsets[index + length - 1];
  if (first === undefined || last === undefined || last < first || (first === last && length > 1)) return node.range;
  return document.lines.range(first, last + 1);
}
