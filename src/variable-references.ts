/*
 * `$NAME` and `${…}` references, read alike wherever values are expanded as shells do (Dockerfiles, .env files): what a
 * reference gives (an unset name, which operators a language has) is each reader's own.
 */

/** A `$NAME` or `${…}` reference at an offset of a text, and the offset after it. */
export interface VariableReference {
  name: string;
  /**
   * What stands between the name and the word in `${NAME:-word}`: `-`, `+`, `=` or `?` (after the colon, if any), a
   * pattern operator (`#`, `%`, `/`: `${NAME#prefix}`, `${NAME/pattern/replacement}`), or '' for `$NAME` and `${NAME}`.
   */
  operator: '' | '-' | '+' | '=' | '?' | '#' | '%' | '/';
  /** With the colon (`:-`, `:+`), an empty value counts as unset. */
  colon: boolean;
  word: string;
  end: number;
}

const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATOR_AT = /:?[-+=?]|[#%/]/y;

/** The reference that the `$` at `dollar` starts, if it starts one. */
export function referenceAt(text: string, dollar: number): VariableReference | undefined {
  const braced = text[dollar + 1] === '{';
  NAME_AT.lastIndex = dollar + (braced ? 2 : 1);
  const name = NAME_AT.exec(text)?.[0];
  if (name === undefined) return undefined;
  if (!braced) return { name, operator: '', colon: false, word: '', end: NAME_AT.lastIndex };
  OPERATOR_AT.lastIndex = NAME_AT.lastIndex;
  const written = text[NAME_AT.lastIndex] === '}' ? '' : OPERATOR_AT.exec(text)?.[0];
  if (written === undefined) return undefined;
  const wordStart = NAME_AT.lastIndex + written.length;
  const close = closingBrace(text, wordStart);
  if (close === -1) return undefined;
  const colon = written.startsWith(':');
  return { name, operator: (colon ? written.slice(1) : written) as VariableReference['operator'], colon, word: text.slice(wordStart, close), end: close + 1 };
}

/** Whether a reference substitutes a pattern (`${NAME#prefix}`, `${NAME%suffix}`, `${NAME/pattern/replacement}`), which merlint does not evaluate. */
export function isPattern(reference: VariableReference): boolean {
  return reference.operator === '#' || reference.operator === '%' || reference.operator === '/';
}

/**
 * The `}` that closes a reference whose word starts at `from`: a `${` in the word opens one of its own, as in
 * BuildKit's shell lexer and POSIX shells. Where they do not balance, the first `}` (as a word without references reads).
 */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && depth-- === 0) return i;
  }
  return text.indexOf('}', from);
}
