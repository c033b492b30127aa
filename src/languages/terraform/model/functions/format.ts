import { encodeJson } from '../json.js';
import { knownList, knownString, type Value } from '../value.js';
import { arity, boolean, fits, fullyKnown, integer, list, number, stop, text, type CallContext, type TerraformFunction } from './support.js';

/** A verb of Go's fmt as Terraform's `format` takes it: `%[2]-08.3f`. */
const VERB = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  verb: string;
}

function format(spec: string, args: Value[], context: CallContext): string {
  let next = 0;
  return spec.replace(VERB, (_match, flags: string, index: string | undefined, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const position = index ? Number(index) - 1 : next;
    next = position + 1;
    if (position >= args.length) stop(context, `not enough arguments for the format verbs in ${JSON.stringify(spec)}`);
    const parsed = { flags, width: width === undefined ? undefined : Number(width), precision: precision === undefined ? undefined : Number(precision), verb };
    fits(parsed.width ?? 0, context);
    return pad(formatOne(args[position]!, parsed, context), parsed);
  });
}

function formatOne(value: Value, spec: Spec, context: CallContext): string {
  const known = fullyKnown(value, context);
  switch (spec.verb) {
    case 'v':
      if (spec.flags.includes('#') || known.kind === 'list' || known.kind === 'object') return encodeJson(known) as string;
      if (known.kind === 'number') return formatOne(known, { ...spec, verb: 'g' }, context);
      return known.kind === 'null' ? 'null' : text(known, context);
    case 's':
      return precise(text(known, context), spec.precision);
    case 'q':
      return JSON.stringify(text(known, context));
    case 't':
      return String(boolean(known, context));
    case 'd':
      return signed(integer(known, context), spec, (n) => String(n));
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const base = { b: 2, o: 8, x: 16, X: 16 }[spec.verb]!;
      const digits = (n: number) => n.toString(base);
      return signed(integer(known, context), spec, spec.verb === 'X' ? (n) => digits(n).toUpperCase() : digits);
    }
    case 'f':
    case 'F':
      return signed(number(known, context), spec, (n) => n.toFixed(spec.precision ?? 6));
    case 'e':
    case 'E': {
      const render = (n: number) => n.toExponential(spec.precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return signed(number(known, context), spec, spec.verb === 'E' ? (n) => render(n).toUpperCase() : render);
    }
    case 'g':
    case 'G':
      return signed(number(known, context), spec, (n) => (spec.verb === 'G' ? general(n, spec.precision).toUpperCase() : general(n, spec.precision)));
    default:
      return stop(context, `format verb %${spec.verb} is not supported`);
  }
}

/**
 * Go's %g of a magnitude: the shortest digits that read back as it (or `precision` digits, trailing
 * zeros dropped), written with an exponent when it is below -4 or reaches the precision (6 for the
 * shortest digits).
 */
function general(magnitude: number, precision: number | undefined): string {
  const digitCount = precision === undefined ? undefined : Math.max(precision, 1);
  const [mantissa, exponentText] = (digitCount === undefined ? magnitude.toExponential() : magnitude.toExponential(digitCount - 1)).split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/(?<=.)0+$/, '');
  const exponent = Number(exponentText);
  const limit = digitCount === undefined ? 6 : digitCount > digits.length && digits.length >= exponent + 1 ? digits.length : digitCount;
  if (exponent >= -4 && exponent < limit) return Number(`${mantissa}e${exponent}`).toFixed(Math.max(digits.length - exponent - 1, 0));
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function precise(value: string, precision: number | undefined): string {
  return precision === undefined ? value : [...value].slice(0, precision).join('');
}

function signed(value: number, spec: Spec, digits: (magnitude: number) => string): string {
  const sign = value < 0 ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  const body = digits(Math.abs(value));
  const zeros = spec.flags.includes('0') && !spec.flags.includes('-') && spec.width !== undefined ? Math.max(0, spec.width - sign.length - body.length) : 0;
  return `${sign}${'0'.repeat(zeros)}${body}`;
}

function pad(value: string, spec: Spec): string {
  if (spec.width === undefined) return value;
  return spec.flags.includes('-') ? value.padEnd(spec.width) : value.padStart(spec.width);
}

export const FORMAT_FUNCTIONS: Record<string, TerraformFunction> = {
  format: (args, context) => {
    arity(args, context, 1, Infinity);
    return knownString(format(text(args[0], context), args.slice(1), context), context.at);
  },
  formatlist: (args, context) => {
    arity(args, context, 1, Infinity);
    const spec = text(args[0], context);
    const rest = args.slice(1).map((arg) => fullyKnown(arg, context));
    const lengths = new Set(rest.filter((arg) => arg.kind === 'list').map((arg) => list(arg, context).items.length));
    if (lengths.size > 1) stop(context, 'all list arguments must have the same length');
    const count = lengths.size === 0 ? 1 : [...lengths][0]!;
    const rows = Array.from({ length: count }, (_, row) => rest.map((arg) => (arg.kind === 'list' ? arg.items[row]! : arg)));
    return knownList(rows.map((row) => knownString(format(spec, row, context), context.at)), context.at);
  },
};
