import { knownBool, knownList, knownNull, knownObject, knownString, unknown, type Value } from '../value.js';
import { translateRe2 } from './re2.js';
import { arity, fits, integer, stop, Stop, strings, text, type CallContext, type TerraformFunction } from './support.js';

/**
 * A function of one string keeps where that string is written, and the references it came through:
 * in `location = lower(var.location)` (an Azure habit) the literal a caller passes is still the token
 * to change, not the call in a module that every caller shares.
 */
function stringFunction(transform: (value: string) => string): TerraformFunction {
  return (args, context) => {
    arity(args, context, 1);
    const value = transform(text(args[0], context));
    const argument = args[0]!;
    return argument.kind === 'string' ? { kind: 'string', value, origin: argument.origin, via: argument.via } : knownString(value, context.at);
  };
}

function stringPairFunction(transform: (value: string, other: string) => string): TerraformFunction {
  return (args, context) => {
    arity(args, context, 2);
    return knownString(transform(text(args[0], context), text(args[1], context)), context.at);
  };
}

function testFunction(test: (value: string, other: string) => boolean): TerraformFunction {
  return (args, context) => {
    arity(args, context, 2);
    return knownBool(test(text(args[0], context), text(args[1], context)), context.at);
  };
}

/**
 * A JavaScript RegExp matching as Terraform's RE2 pattern does (characters as code points). A
 * pattern RE2 rejects is an error, as in Terraform; one merlint cannot translate makes the call
 * unknown, so that try() and can() decide nothing on it.
 */
function regularExpression(pattern: string, context: CallContext, global = false): RegExp {
  const translated = translateRe2(pattern);
  if ('rejected' in translated) return stop(context, `invalid regular expression ${JSON.stringify(pattern)}: ${translated.rejected}`);
  const cannot = (what: string) => new Stop(unknown(`${context.call.name}(): merlint does not read ${what} of the regular expression ${JSON.stringify(pattern)} as RE2 does`, context.at));
  if ('unsupported' in translated) throw cannot(translated.unsupported);
  try {
    return new RegExp(translated.source, `u${global ? 'g' : ''}${translated.flags}`);
  } catch {
    throw cannot('all');
  }
}

/** The pattern of `regex` and `regexall`, which Terraform refuses when it has both named and unnamed groups: their result could not hold both. */
function groupsExpression(pattern: string, context: CallContext, global = false): RegExp {
  const expression = regularExpression(pattern, context, global);
  // An empty alternative matches the empty text with every group unset: its array counts the groups.
  const groups = new RegExp(`(?:${expression.source})|`, expression.flags.replace('g', '')).exec('')!;
  const named = Object.keys(groups.groups ?? {}).length;
  if (named > 0 && named < groups.length - 1) return stop(context, `invalid regexp pattern ${JSON.stringify(pattern)}: cannot mix both named and unnamed capture groups`);
  return expression;
}

/** `regex` results: the match itself without groups, a list of unnamed groups, or an object of named ones. */
function matchValue(match: RegExpExecArray, context: CallContext): Value {
  const at = context.at;
  const group = (captured: string | undefined) => (captured === undefined ? knownNull(at) : knownString(captured, at));
  if (match.groups) return knownObject(Object.entries(match.groups).map(([name, captured]) => [name, group(captured)]), at);
  if (match.length === 1) return knownString(match[0], at);
  return knownList(match.slice(1).map(group), at);
}

/** The matches Go's regexp takes in FindAll and ReplaceAll: JavaScript's, less an empty match where the match before it ended. */
function goMatches(pattern: RegExp, value: string): RegExpExecArray[] {
  const taken: RegExpExecArray[] = [];
  let previousEnd = -1;
  for (const match of value.matchAll(pattern)) {
    if (match[0] !== '' || match.index !== previousEnd) taken.push(match);
    previousEnd = match.index + match[0].length;
  }
  return taken;
}

/**
 * A replacement as Go's Regexp.Expand reads it: `$$` is `$`; `$name` and `${name}` (the longest run
 * of letters, digits and `_`, so `$1x` names group "1x") are the group of that number or name, or
 * nothing; any other `$` is itself.
 */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(?:\$|\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/gu, (_whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    if (name === undefined) return '$';
    const captured = /^(?:0|[1-9][0-9]*)$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return captured ?? '';
  });
}

function replaceMatches(value: string, pattern: RegExp, template: string, context: CallContext): string {
  let replaced = '';
  let from = 0;
  for (const match of goMatches(pattern, value)) {
    replaced += value.slice(from, match.index) + expand(template, match);
    fits(replaced.length, context);
    from = match.index + match[0].length;
  }
  return replaced + value.slice(from);
}

/** Go's strings.Replace: an empty `search` matches before each character and at the end. */
function replaceText(value: string, search: string, substitute: string, context: CallContext): string {
  const parts = search === '' ? [...value, ''] : value.split(search);
  fits(value.length + (parts.length - 1) * substitute.length, context);
  return search === '' ? parts.map((character) => substitute + character).join('') : parts.join(substitute);
}

function substring(value: string, offset: number, length: number): string {
  const characters = [...value];
  const start = offset < 0 ? Math.max(0, characters.length + offset) : Math.min(offset, characters.length);
  const end = length < 0 ? characters.length : Math.min(characters.length, start + length);
  return characters.slice(start, end).join('');
}

function trimSet(value: string, cutset: string): string {
  const cut = new Set(cutset);
  const characters = [...value];
  let start = 0;
  let end = characters.length;
  while (start < end && cut.has(characters[start]!)) start++;
  while (end > start && cut.has(characters[end - 1]!)) end--;
  return characters.slice(start, end).join('');
}

export const STRING_FUNCTIONS: Record<string, TerraformFunction> = {
  lower: stringFunction((value) => value.toLowerCase()),
  upper: stringFunction((value) => value.toUpperCase()),
  title: stringFunction((value) => value.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase())),
  trimspace: stringFunction((value) => value.trim()),
  chomp: stringFunction((value) => value.replace(/[\r\n]+$/, '')),
  strrev: stringFunction((value) => [...value].reverse().join('')),
  trim: stringPairFunction(trimSet),
  trimprefix: stringPairFunction((value, prefix) => (value.startsWith(prefix) ? value.slice(prefix.length) : value)),
  trimsuffix: stringPairFunction((value, suffix) => (suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value)),
  startswith: testFunction((value, prefix) => value.startsWith(prefix)),
  endswith: testFunction((value, suffix) => value.endsWith(suffix)),
  substr: (args, context) => {
    arity(args, context, 3);
    return knownString(substring(text(args[0], context), integer(args[1], context), integer(args[2], context)), context.at);
  },
  join: (args, context) => {
    arity(args, context, 2, Infinity);
    const separator = text(args[0], context);
    const parts = args.slice(1).flatMap((arg) => strings(arg, context));
    fits(parts.reduce((length, part) => length + part.length + separator.length, 0), context);
    return knownString(parts.join(separator), context.at);
  },
  split: (args, context) => {
    arity(args, context, 2);
    const separator = text(args[0], context);
    const value = text(args[1], context);
    const parts = separator === '' ? [...value] : value.split(separator);
    return knownList(parts.map((part) => knownString(part, context.at)), context.at);
  },
  replace: (args, context) => {
    arity(args, context, 3);
    const [value, search, substitute] = args.map((arg) => text(arg, context)) as [string, string, string];
    const pattern = /^\/(.*)\/$/s.exec(search);
    const result = pattern ? replaceMatches(value, regularExpression(pattern[1]!, context, true), substitute, context) : replaceText(value, search, substitute, context);
    return knownString(result, context.at);
  },
  regex: (args, context) => {
    arity(args, context, 2);
    const match = groupsExpression(text(args[0], context), context).exec(text(args[1], context));
    return match ? matchValue(match, context) : stop(context, 'the pattern does not match the string');
  },
  regexall: (args, context) => {
    arity(args, context, 2);
    const matches = goMatches(groupsExpression(text(args[0], context), context, true), text(args[1], context));
    return knownList(matches.map((match) => matchValue(match, context)), context.at);
  },
  strcontains: testFunction((value, part) => value.includes(part)),
  indent: (args, context) => {
    arity(args, context, 2);
    const [count, value] = [integer(args[0], context), text(args[1], context)];
    if (count < 0) stop(context, 'the number of spaces must not be negative');
    fits(value.length + count * value.split('\n').length, context);
    return knownString(value.replace(/\n/g, `\n${' '.repeat(count)}`), context.at);
  },
};
