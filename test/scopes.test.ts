import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Scopes } from '../src/scopes.js';

/** Ranges that are nested or apart, as a file's functions and blocks are: each splits into children inside it. */
function nestedRanges(cuts: number[], start: number, end: number, depth: number, into: [number, number][]): void {
  into.push([start, end]);
  if (depth === 0 || end - start < 4) return;
  const inner = cuts.map((cut) => start + 1 + (cut % (end - start - 2))).sort((a, b) => a - b);
  for (let i = 0; i + 1 < inner.length; i += 2) if (inner[i]! < inner[i + 1]!) nestedRanges(cuts.slice(1), inner[i]!, inner[i + 1]!, depth - 1, into);
}

test('a name is what its innermost range around an offset declares, as a look at every declaration finds', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(1000), { minLength: 2, maxLength: 8 }), fc.array(fc.nat(210), { maxLength: 30 }), (cuts, offsets) => {
      const ranges: [number, number][] = [];
      nestedRanges(cuts, 0, 200, 4, ranges);
      const declared = ranges.filter((_, index) => cuts[index % cuts.length]! % 3 !== 0);
      const scopes = new Scopes<number>();
      declared.forEach(([start, end], index) => scopes.add('u', index, start, end));
      for (const at of offsets) {
        const around = declared.map(([start, end], index) => ({ start, end, index })).filter(({ start, end }) => start <= at && at < end);
        const innermost = around.sort((a, b) => b.start - a.start || a.end - b.end)[0]?.index;
        assert.is(scopes.at('u', at), innermost, `at ${at} in ${JSON.stringify(declared)}`);
      }
    }),
    { seed: 20261206, numRuns: 500 },
  );
});

test.run();
