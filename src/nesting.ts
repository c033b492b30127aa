import { lineEnd } from './positions.js';

/**
 * Nesting guard for parsers that recurse (jsonc-parser, the yaml package, tree-sitter-go's WebAssembly):
 * the offset of the first `[` or `{` (and for Go `(`) nested deeper than `limit`, outside strings and
 * comments, found in one pass before any recursion, so a hostile file becomes a parse error instead of
 * a stack overflow.
 */
export function deepestBracket(text: string, limit: number, syntax: 'json' | 'yaml' | 'go'): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{' || (c === '(' && syntax === 'go')) {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}' || (c === ')' && syntax === 'go')) {
      if (depth > 0) depth--;
    } else if (c === '"' || (c === "'" && syntax !== 'json') || (c === '`' && syntax === 'go')) {
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

/** Where a quoted string ends (`\` escapes in double quotes and Go runes, `''` in YAML single quotes, none in Go raw strings). */
function closingQuote(text: string, open: number, syntax: 'json' | 'yaml' | 'go'): number {
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
