import type { RuleContext } from '../../src/rule.js';
import type { Range } from '../../src/types.js';

/**
 * A report that keeps the first finding at each place: a value shared through a YAML alias or
 * merge key is one value written once, however many containers take it.
 */
export function oncePerPlace(report: RuleContext['report']): (range: Range, message: string, extra?: Parameters<RuleContext['report']>[2]) => void {
  const seen = new Set<string>();
  return (range, message, extra) => {
    const key = `${range.start.line}:${range.start.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(range, message, extra);
  };
}
