/**
 * Declarations of names, each in force over a range of offsets (a function, a block, the whole file).
 * Ranges of one name are nested or apart, never overlapping, so the innermost around an offset is
 * the one that starts last among those that hold it: found by a binary search, not by a look at every
 * declaration of the name (a file of 40,000 functions declares `u` 40,000 times).
 */

interface Scoped<T> {
  readonly value: T;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export class Scopes<T> {
  private readonly byName = new Map<string, Scoped<T>[]>();
  private readonly unsorted = new Set<string>();

  add(name: string, value: T, start: number, end: number): void {
    const list = this.byName.get(name);
    if (list) list.push({ value, start, end });
    else this.byName.set(name, [{ value, start, end }]);
    this.unsorted.add(name);
  }

  /** What `name` is declared as at `at`: its declaration of the innermost range around it. */
  at(name: string, at: number): T | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    if (this.unsorted.delete(name)) list.sort((a, b) => a.start - b.start || b.end - a.end);
    let low = 0;
    let high = list.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.start <= at) [last, low] = [middle, middle + 1];
      else high = middle - 1;
    }
    for (let index = last; index >= 0; index--) if (at < list[index]!.end) return list[index]!.value;
    return undefined;
  }
}
