/**
 * Variable references in values, expanded with what one file defines: `$NAME`, `${NAME}` and the
 * `${NAME:-default}` forms of POSIX shells (as .env files, GitLab CI and devcontainers write them),
 * and `$(NAME)` / `${NAME}` of make. A reference to a name the file does not define makes the value
 * unknown, defaults included (the name may be set where the file is used): no value is guessed.
 *
 * The Dockerfile model (`replaceVariables` in languages/dockerfile/model.ts) reads `${…}` on its own, on purpose: BuildKit's
 * lexer gives an unset name the empty text, knows no `:=` or `:?`, leaves `$(` as written and expands a nested `${…}` in a
 * modifier's word; here an undefined name makes the value unknown and `${NAME#prefix}` or `$(` make it unknown too. One
 * reader would have to take the union of both syntaxes and refuse in each caller what its language does not have.
 */

/** The value a file gives a name so far; undefined when it gives none (or an unknown one). */
export type Lookup = (name: string) => string | undefined;

/** `A=${A}${A}` doubles A each time: a value that grows past this is left unknown rather than followed. */
const LONGEST_VALUE = 65536;
/** References followed to expand one make value (`X = $(Y)$(Y)`, `Y = $(Z)$(Z)` … grows exponentially). */
const MOST_REFERENCES = 10000;

const SHELL_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Expands shell-style references; undefined when one is unknown, or is a form this does not follow (`${NAME#prefix}`). */
export function expandShellVariables(text: string, lookup: Lookup): string | undefined {
  if (!text.includes('$')) return text;
  // `${NAME#prefix}`, `$(command)` and the like are left unknown.
  if (/\$[{(]/.test(text.replace(SHELL_REFERENCE, ''))) return undefined;
  let unknown = false;
  const result = text.replace(SHELL_REFERENCE, (_, braced: string | undefined, modifier: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = lookup((braced ?? bare)!);
    // A name the file does not define may be set where the file is used: even `${NAME:-default}` is not known.
    if (value === undefined) {
      unknown = true;
      return '';
    }
    if (modifier === undefined) return value;
    const empty = modifier.startsWith(':') && value === '';
    if (modifier.endsWith('+')) return empty ? '' : (word ?? '');
    if (modifier.endsWith('?') && empty) unknown = true;
    return empty ? (word ?? '') : value;
  });
  return unknown || result.length > LONGEST_VALUE ? undefined : result;
}

/** Whether a value refers to variables at all. */
export function hasReference(text: string): boolean {
  return /\$(?:\{|\(|[A-Za-z_])/.test(text);
}

/** Expands make references (`$(NAME)`, `${NAME}`, `$N`, `$$`); undefined when one is unknown or calls a function (`$(shell …)`). */
export function expandMakeVariables(text: string, lookup: Lookup): string | undefined {
  return expandMake(text, lookup, 0, { references: 0 });
}

function expandMake(text: string, lookup: Lookup, depth: number, budget: { references: number }): string | undefined {
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') {
      result += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      result += '$';
      i++;
      continue;
    }
    let name: string;
    if (next === '(' || next === '{') {
      const close = text.indexOf(next === '(' ? ')' : '}', i + 2);
      if (close === -1) return undefined;
      name = text.slice(i + 2, close);
      i = close;
    } else if (next === ' ') {
      // `$ `: what make's `$\` continuation leaves; the variable named " " is empty.
      i++;
      continue;
    } else if (next !== undefined) {
      name = next;
      i++;
    } else return undefined;
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || depth > 20 || ++budget.references > MOST_REFERENCES) return undefined;
    const value = lookup(name);
    const expanded = value === undefined ? undefined : expandMake(value, lookup, depth + 1, budget);
    if (expanded === undefined) return undefined;
    result += expanded;
    if (result.length > LONGEST_VALUE) return undefined;
  }
  return result;
}
