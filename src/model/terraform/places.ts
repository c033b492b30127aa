import type { Location } from '../../types.js';
import type { EvaluatedBlock } from './types.js';

// Kept apart from body.ts, which loads the evaluator: rules import this, and rules load on every run.
/** Where a block's name is written (a resource's name label, or the type of a block without labels): where a finding about the whole block, or about an argument it lacks, points. */
export function nameLocation(view: EvaluatedBlock): Location {
  const { labels, typeRange } = view.block;
  return { path: view.path, range: labels[labels.length - 1]?.range ?? typeRange };
}
