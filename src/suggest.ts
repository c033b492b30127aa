/** Longer words are not typed by hand, so they get no suggestion: comparing two long words costs the product of their lengths. */
const LONGEST_TYPED_WORD = 64;

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > LONGEST_TYPED_WORD) return undefined;
  const target = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // Only a candidate closer than the best so far replaces it.
    const bound = best ? best.distance - 1 : Math.floor(word.length / 3);
    const distance = editDistanceWithin(target, candidate.toLowerCase(), bound);
    if (distance !== undefined) best = { candidate, distance };
  }
  return best?.candidate;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours
 * each cost 1) when it is at most `bound`, else undefined; computed a row at a time, stopping once
 * the bound cannot be met.
 */
function editDistanceWithin(a: string, b: string, bound: number): number | undefined {
  if (Math.abs(a.length - b.length) > bound || missingCharacters(a, b) > bound) return undefined;
  const width = b.length + 1;
  let beforePrevious = new Int32Array(width);
  let previous = Int32Array.from({ length: width }, (_, j) => j);
  let row = new Int32Array(width);
  let previousMinimum = 0;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let minimum = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      row[j] = distance;
      minimum = Math.min(minimum, distance);
    }
    // A cell comes from the two rows above it, so once two rows in a row exceed the bound, all later ones do.
    if (minimum > bound && previousMinimum > bound) return undefined;
    [beforePrevious, previous, row] = [previous, row, beforePrevious];
    previousMinimum = minimum;
  }
  const distance = previous[b.length]!;
  return distance <= bound ? distance : undefined;
}

const counts = new Int32Array(65536);

/**
 * How many characters of one word the other lacks (counting repeats), the larger of the two ways: a
 * lower bound of the edit distance that takes time linear in the lengths.
 */
function missingCharacters(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]!++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i)]!--;
  let extraInA = 0;
  let extraInB = 0;
  for (const word of [a, b]) {
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      const count = counts[code]!;
      if (count > 0) extraInA += count;
      else extraInB -= count;
      counts[code] = 0;
    }
  }
  return Math.max(extraInA, extraInB);
}
