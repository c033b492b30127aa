import { knownNumber } from '../value.js';
import { arity, integer, number, stop, text, type TerraformFunction } from './support.js';

function numberFunction(transform: (value: number) => number): TerraformFunction {
  return (args, context) => {
    arity(args, context, 1);
    return knownNumber(transform(number(args[0], context)), context.at);
  };
}

function aggregate(combine: (...values: number[]) => number): TerraformFunction {
  return (args, context) => {
    arity(args, context, 1, Infinity);
    return knownNumber(combine(...args.map((arg) => number(arg, context))), context.at);
  };
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `written` as Go's big.Int reads it in `base`: a sign, then digits, upper and lower case alike up to base 36. */
function wholeNumber(written: string, base: number): number | undefined {
  const [, sign, digits] = /^([+-]?)([0-9A-Za-z]+)$/.exec(written) ?? [];
  if (digits === undefined) return undefined;
  let value = 0;
  for (const character of base <= 36 ? digits.toLowerCase() : digits) {
    const digit = DIGITS.indexOf(character);
    if (digit >= base) return undefined;
    value = value * base + digit;
  }
  return sign === '-' ? -value : value;
}

export const NUMBER_FUNCTIONS: Record<string, TerraformFunction> = {
  abs: numberFunction(Math.abs),
  ceil: numberFunction(Math.ceil),
  floor: numberFunction(Math.floor),
  signum: numberFunction(Math.sign),
  min: aggregate(Math.min),
  max: aggregate(Math.max),
  pow: (args, context) => {
    arity(args, context, 2);
    return knownNumber(number(args[0], context) ** number(args[1], context), context.at);
  },
  parseint: (args, context) => {
    arity(args, context, 2);
    const base = integer(args[1], context);
    if (base < 2 || base > 62) stop(context, `the base must be a whole number from 2 to 62, not ${base}`);
    const digits = text(args[0], context);
    const value = wholeNumber(digits, base);
    return value === undefined ? stop(context, `${JSON.stringify(digits)} is not a whole number in base ${base}`) : knownNumber(value, context.at);
  },
};
