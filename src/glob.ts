/**
 * Compiles a configuration glob to a regular expression: `*` and `?` stay within one `/`
 * segment, `**` crosses segments. Matching is case-insensitive and of the whole text.
 */
export function globToRegExp(glob: string): RegExp {
  let compiled = compiledGlobs.get(glob);
  if (!compiled) compiledGlobs.set(glob, (compiled = compileGlob(glob)));
  return compiled;
}

/** Each glob compiled once: the configured globs are asked for again for every document checked. */
const compiledGlobs = new Map<string, RegExp>();

/** The characters that a regular expression reads as syntax, escaped where a glob means them literally. */
const REGEXP_SYNTAX = '.+^${}()|[]\\';

function compileGlob(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += REGEXP_SYNTAX.includes(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${source}$`, 'i');
}
