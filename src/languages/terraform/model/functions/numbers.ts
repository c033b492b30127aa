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
    const digits = text(args[0], context);
    const value = parseInt(digits, base);
    if (base < 2 || base > 36 || Number.isNaN(value) || value.toString(base) !== digits.toLowerCase().replace(/^\+/, '')) stop(context, `${JSON.stringify(digits)} is not a whole number in base ${base}`);
    return knownNumber(value, context.at);
  },
};
