import { lastAtOrBefore } from './positions.js';

/**
 * Declarations of names, each in force over a range of offsets (a function, a block, the whole file).
 * Ranges of one name are nested or apart, never overlapping, so the innermost around an offset is the
 * last to start at or before it, or the nearest range around that one which still holds the offset:
 * found by a binary search and a walk out through the enclosing ranges, not by a look at every
 * declaration of the name (a file of 40,000 functions declares `u` 40,000 times).
 */

interface Scoped<T> {
  readonly value: T;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** One name's declarations by start, each with the index of the one around it (-1 for none). */
interface Declarations<T> {
  scoped: Scoped<T>[];
  starts: number[];
  enclosing: number[];
}

export class Scopes<T> {
  private readonly byName = new Map<string, Declarations<T>>();
  private readonly unsorted = new Set<string>();

  add(name: string, value: T, start: number, end: number): void {
    const declarations = this.byName.get(name);
    if (declarations) declarations.scoped.push({ value, start, end });
    else this.byName.set(name, { scoped: [{ value, start, end }], starts: [], enclosing: [] });
    this.unsorted.add(name);
  }

  /** What `name` is declared as at `at`: its declaration of the innermost range around it. */
  at(name: string, at: number): T | undefined {
    const declarations = this.byName.get(name);
    if (!declarations) return undefined;
    if (this.unsorted.delete(name)) sortNested(declarations);
    const { scoped, starts, enclosing } = declarations;
    let index = lastAtOrBefore(starts, at);
    if (starts[index]! > at) return undefined;
    while (index >= 0 && at >= scoped[index]!.end) index = enclosing[index]!;
    return index >= 0 ? scoped[index]!.value : undefined;
  }
}

function sortNested<T>(declarations: Declarations<T>): void {
  const { scoped } = declarations;
  scoped.sort((a, b) => a.start - b.start || b.end - a.end);
  declarations.starts = scoped.map((each) => each.start);
  const open: number[] = [];
  declarations.enclosing = scoped.map((each, index) => {
    while (open.length > 0 && scoped[open[open.length - 1]!]!.end <= each.start) open.pop();
    const around = open.length > 0 ? open[open.length - 1]! : -1;
    open.push(index);
    return around;
  });
}
