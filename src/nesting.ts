import { lineEnd } from './positions.js';

type Syntax = 'json' | 'yaml' | 'go';

/**
 * Nesting guard for parsers that recurse (jsonc-parser, the yaml package, tree-sitter-go's WebAssembly):
 * the offset of the first `[` or `{` (and for Go `(`) nested deeper than `limit`, outside strings and
 * comments, found in one pass before any recursion, so a hostile file becomes a parse error instead of
 * a stack overflow.
 */
export function deepestBracket(text: string, limit: number, syntax: Syntax): number | undefined {
  return bracketWhere(text, 0, syntax, (depth) => depth > limit);
}

/** The bracket that closes the YAML flow collection (`[…]`, `{…}`) opened at `opening`; undefined when none does. */
export function closingBracket(text: string, opening: number): number | undefined {
  return bracketWhere(text, opening, 'yaml', (depth) => depth === 0);
}

/** The first bracket from `from` on, outside strings and comments, after which the depth of open brackets is one `found` asks for. */
function bracketWhere(text: string, from: number, syntax: Syntax, found: (depth: number) => boolean): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{' || (c === '(' && syntax === 'go')) {
      if (found(++depth)) return i;
    } else if (c === ']' || c === '}' || (c === ')' && syntax === 'go')) {
      if (depth > 0) depth--;
      if (found(depth)) return i;
    } else if ((c === '"' || (c === "'" && syntax !== 'json') || (c === '`' && syntax === 'go')) && startsQuoted(text, i, syntax)) {
      i = closingQuote(text, i, syntax);
    } else if (syntax === 'yaml' ? c === '#' && (i === 0 || /\s/.test(text[i - 1]!)) : c === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
    } else if (syntax !== 'yaml' && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 1;
    }
  }
  return undefined;
}

/**
 * Whether the quote at `at` opens a string: in YAML only where a scalar starts, after YAML's white space, a flow
 * indicator or a value's `:` (`it's` is a plain scalar); elsewhere always. Compared a character at a time: a regular
 * expression for each quote of a manifest cost more than the rest of the walk.
 */
function startsQuoted(text: string, at: number, syntax: Syntax): boolean {
  if (syntax !== 'yaml' || at === 0) return true;
  const before = text[at - 1];
  return before === ' ' || before === '\n' || before === ':' || before === ',' || before === '[' || before === '{' || before === '\t' || before === '\r';
}

/** Where a quoted string ends (`\` escapes in double quotes and Go runes, `''` in YAML single quotes, none in Go raw strings). */
function closingQuote(text: string, open: number, syntax: Syntax): number {
  const quote = text[open]!;
  const escapes = quote === '"' || (quote === "'" && syntax === 'go');
  for (let i = open + 1; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && syntax === 'yaml' && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
