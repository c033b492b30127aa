import type { CallExpression } from '../../hcl/syntax.js';
import { evaluate } from '../evaluate.js';
import type { Scope } from '../scope.js';
import { failure, tooLarge, unknown, type Value } from '../value.js';
import { COLLECTION_FUNCTIONS } from './collections.js';
import { ENCODING_FUNCTIONS } from './encoding.js';
import { FILE_FUNCTIONS } from './files.js';
import { FORMAT_FUNCTIONS } from './format.js';
import { NUMBER_FUNCTIONS } from './numbers.js';
import { STRING_FUNCTIONS } from './strings.js';
import { Stop, type TerraformFunction } from './support.js';

const FUNCTIONS = new Map<string, TerraformFunction>(
  Object.entries({ ...STRING_FUNCTIONS, ...FORMAT_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...NUMBER_FUNCTIONS, ...ENCODING_FUNCTIONS, ...FILE_FUNCTIONS }),
);

/** A function call's value; functions merlint does not implement give an unknown that names them. */
export function callFunction(call: CallExpression, scope: Scope): Value {
  const at = scope.locate(call.range);
  const implementation = FUNCTIONS.get(call.name);
  if (!implementation) return unknown(`function ${call.name} is not evaluated by merlint`, at);
  const args = call.args.map((arg) => evaluate(arg, scope));
  if (call.expandFinal) {
    const last = args.pop();
    if (last?.kind === 'unknown') return last;
    if (last?.kind !== 'list') return failure(`${call.name}(): the argument before ... must be a list`, at);
    args.push(...last.items);
  }
  try {
    return implementation(args, { call, at, scope });
  } catch (error) {
    if (error instanceof Stop) return error.value;
    // A string or array longer than JavaScript allows, or a value nested deeper than its stack.
    if (error instanceof RangeError) return tooLarge(at);
    throw error;
  }
}
