/**
 * Variable references in values, expanded with what one file defines: `$NAME`, `${NAME}` and the
 * `${NAME:-default}` forms of POSIX shells (as .env files and devcontainers write them),
 * and `$(NAME)` / `${NAME}` of make. A reference to a name the file does not define makes the value
 * unknown, defaults included (the name may be set where the file is used): no value is guessed.
 *
 * References are read as the Dockerfile model reads them (src/variable-references.ts); what they give differs: BuildKit
 * makes an unset name empty and knows no `:=` or `:?`, which .env files follow as POSIX shells do. GitLab CI expands
 * its own way (src/languages/ci/gitlab.ts).
 */

import { isPattern, referenceAt, type VariableReference } from './variable-references.js';

/** The value a file gives a name so far; undefined when it gives none (or an unknown one). */
export type Lookup = (name: string) => string | undefined;

/** `A=${A}${A}` doubles A each time: a value that grows past this is left unknown rather than followed. */
const LONGEST_VALUE = 65536;
/** References followed to expand one make value (`X = $(Y)$(Y)`, `Y = $(Z)$(Z)` … grows exponentially). */
const MOST_REFERENCES = 10000;

/** Expands shell-style references; undefined when one is unknown, or is a form this does not follow (`${NAME#prefix}`, `$(command)`). */
export function expandShellVariables(text: string, lookup: Lookup): string | undefined {
  if (!text.includes('$')) return text;
  let result = '';
  let from = 0;
  for (let dollar = text.indexOf('$'); dollar !== -1; dollar = text.indexOf('$', dollar + 1)) {
    const reference = referenceAt(text, dollar);
    // `$(command)`, `${1}` and the like are left unknown; a `$` before anything else is itself.
    if (!reference && (text[dollar + 1] === '{' || text[dollar + 1] === '(')) return undefined;
    if (!reference) continue;
    const value = shellValue(reference, lookup);
    if (value === undefined) return undefined;
    result += text.slice(from, dollar) + value;
    from = reference.end;
    dollar = reference.end - 1;
  }
  result += text.slice(from);
  return result.length > LONGEST_VALUE ? undefined : result;
}

/**
 * What a reference gives: its value, or with `-`, `=`, `+` or `?` what POSIX says of a name that is set (or, with the
 * colon, set and not empty), its word expanded in turn. A name the file does not define may be set where the file is
 * used: even `${NAME:-default}` is not known.
 */
function shellValue(reference: VariableReference, lookup: Lookup): string | undefined {
  const value = isPattern(reference) ? undefined : lookup(reference.name);
  if (value === undefined || reference.operator === '') return value;
  const empty = reference.colon && value === '';
  const word = () => expandShellVariables(reference.word, lookup);
  if (reference.operator === '+') return empty ? '' : word();
  if (reference.operator === '?' && empty) return undefined;
  return empty ? word() : value;
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
