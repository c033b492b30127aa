import type { Location } from '../../../types.js';
import type { BinaryExpression, ConditionalExpression, UnaryExpression } from '../hcl/syntax.js';
import { toBool, toNumber } from './convert.js';
import { evaluate } from './evaluate.js';
import type { Scope } from './scope.js';
import { failure, firstUnknown, knownBool, knownNumber, sameValue, type Value } from './value.js';

export function conditional(expression: ConditionalExpression, scope: Scope): Value {
  const condition = toBool(evaluate(expression.condition, scope));
  if (condition.kind === 'bool') return evaluate(condition.value ? expression.whenTrue : expression.whenFalse, scope);
  if (condition.kind === 'null') return failure('the condition is null', scope.locate(expression.condition.range));
  // When both branches give the same value, the condition does not matter.
  const whenTrue = evaluate(expression.whenTrue, scope);
  const whenFalse = evaluate(expression.whenFalse, scope);
  return !firstUnknown([whenTrue, whenFalse]) && sameValue(whenTrue, whenFalse) ? whenTrue : condition;
}

export function unary(expression: UnaryExpression, scope: Scope): Value {
  const at = scope.locate(expression.range);
  const operand = evaluate(expression.operand, scope);
  if (expression.operator === '!') {
    const value = toBool(operand);
    return value.kind === 'bool' ? knownBool(!value.value, at) : nullOperand(value, at);
  }
  const value = toNumber(operand);
  return value.kind === 'number' ? knownNumber(-value.value, at) : nullOperand(value, at);
}

function nullOperand(value: Value, at: Location): Value {
  return value.kind === 'null' ? failure('an operand is null', at) : value;
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const COMPARISON: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

export function binary(expression: BinaryExpression, scope: Scope): Value {
  const at = scope.locate(expression.range);
  const { operator } = expression;
  if (operator === '&&' || operator === '||') return logical(expression, scope, at);
  const left = evaluate(expression.left, scope);
  const right = evaluate(expression.right, scope);
  if (operator === '==' || operator === '!=') {
    // Against null only the top level counts, as in Terraform: a list with unknown elements is still not null.
    const againstNull = (left.kind === 'null' || right.kind === 'null') && left.kind !== 'unknown' && right.kind !== 'unknown';
    const missing = againstNull ? undefined : firstUnknown([left, right]);
    if (missing) return missing;
    return knownBool(sameValue(left, right) === (operator === '=='), at);
  }
  const a = toNumber(left);
  const b = toNumber(right);
  if (a.kind !== 'number') return nullOperand(a, at);
  if (b.kind !== 'number') return nullOperand(b, at);
  const compare = COMPARISON[operator];
  if (compare) return knownBool(compare(a.value, b.value), at);
  if ((operator === '/' || operator === '%') && b.value === 0) return failure('division by zero', at);
  return knownNumber(ARITHMETIC[operator]!(a.value, b.value), at);
}

/** `&&` and `||`, decided by one side when that side alone decides, even if the other is unknown. */
function logical(expression: BinaryExpression, scope: Scope, at: Location): Value {
  const decisive = expression.operator === '||';
  const left = toBool(evaluate(expression.left, scope));
  if (left.kind === 'bool' && left.value === decisive) return knownBool(decisive, at);
  const right = toBool(evaluate(expression.right, scope));
  if (right.kind === 'bool' && right.value === decisive) return knownBool(decisive, at);
  if (left.kind !== 'bool') return nullOperand(left, at);
  if (right.kind !== 'bool') return nullOperand(right, at);
  return knownBool(!decisive, at);
}
