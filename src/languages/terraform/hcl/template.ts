import type { Expression } from './syntax.js';

/** HCL templates as HCL's scanner and parser see them: literal tokens, `${…}` and `%{…}` sequences, strip markers, `<<-` indentation, escapes. */

export interface TemplateStyle {
  unescape: (text: string) => string;
  /** HCL's scanner ends a literal token at each line break (heredocs, bare templates) or not (quoted strings). */
  lines: boolean;
  /** `<<-`: remove the indentation the lines share. */
  flush: boolean;
}

export const QUOTED: TemplateStyle = { unescape: unescapeQuoted, lines: false, flush: false };
export const HEREDOC: TemplateStyle = { unescape: unescapeHeredoc, lines: true, flush: false };
export const INDENTED_HEREDOC: TemplateStyle = { ...HEREDOC, flush: true };
export const BARE_TEMPLATE: TemplateStyle = HEREDOC;

interface Sequence {
  start: number;
  end: number;
  /** `${~` or `%{~`. */
  stripBefore: boolean;
  /** `~}`. */
  stripAfter: boolean;
}

/** What a `${…}` or `%{…}` sequence holds. */
export type SequenceContent =
  | { kind: 'interpolation'; expression: Expression }
  | { kind: 'if'; condition: Expression }
  | { kind: 'for'; keyVariable: string | undefined; valueVariable: string; collection: Expression }
  | { kind: 'else' | 'endif' | 'endfor' };

/** Literal text, or one `${…}` / `%{…}` sequence read, as HCL's template parser sees them. */
export type TemplateToken = { kind: 'text'; value: string; start: number; end: number } | (Sequence & SequenceContent);

// What Go's unicode.IsSpace accepts, which HCL uses to strip and to measure indentation.
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

const LEADING_SPACE = new RegExp(`^${SPACE}+`);

const TRAILING_SPACE = new RegExp(`${SPACE}+$`);

/** `${~` and `%{~` strip the white space ending the literal token just before; `~}` the one starting the token just after. */
export function stripWhiteSpace(tokens: TemplateToken[]): void {
  tokens.forEach((token, position) => {
    if (token.kind === 'text') return;
    const before = tokens[position - 1];
    const after = tokens[position + 1];
    if (token.stripBefore && before?.kind === 'text') before.value = before.value.replace(TRAILING_SPACE, '');
    if (token.stripAfter && after?.kind === 'text') after.value = after.value.replace(LEADING_SPACE, '');
  });
}

/**
 * `<<-`: the smallest indentation of the lines is removed from each, as HCL does it: a line that
 * starts with an interpolation or directive counts as not indented, and a blank line does not count.
 */
export function removeIndentation(tokens: TemplateToken[]): void {
  let smallest = Infinity;
  const indented: (TemplateToken & { kind: 'text' })[] = [];
  let lineStart = true;
  for (const token of tokens) {
    if (lineStart) {
      if (token.kind !== 'text') smallest = 0;
      else if (!isBlankLine(token.value)) {
        smallest = Math.min(smallest, [...(LEADING_SPACE.exec(token.value)?.[0] ?? '')].length);
        indented.push(token);
      }
    }
    lineStart = token.kind === 'text' && token.value.endsWith('\n');
  }
  if (smallest === Infinity || smallest === 0) return;
  for (const token of indented) token.value = [...token.value].slice(smallest).join('');
}

function isBlankLine(text: string): boolean {
  return text.endsWith('\n') && LEADING_SPACE.exec(text)?.[0].length === text.length;
}

const QUOTED_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeQuoted(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('{')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (escape!.length > 1) return String.fromCodePoint(parseInt(escape!.slice(1), 16));
    return QUOTED_ESCAPES[escape!] ?? match;
  });
}

function unescapeHeredoc(raw: string): string {
  if (!raw.includes('{')) return raw;
  return raw.replaceAll('$${', '${').replaceAll('%%{', '%{');
}

/** The escapes of a quoted string HCL rejects: a backslash before another character, `\\u` without four hex digits, `\\U` without eight. */
export function invalidEscapes(raw: string): { offset: number; text: string }[] {
  const invalid: { offset: number; text: string }[] = [];
  for (let at = raw.indexOf('\\'); at !== -1; at = raw.indexOf('\\', at + 2)) {
    const selector = raw[at + 1] ?? '';
    const digits = selector === 'u' ? 4 : selector === 'U' ? 8 : 0;
    if (digits > 0 && !new RegExp(`^[0-9a-fA-F]{${digits}}`).test(raw.slice(at + 2, at + 2 + digits))) invalid.push({ offset: at, text: raw.slice(at, at + 2) });
    else if (digits === 0 && !(selector in QUOTED_ESCAPES)) invalid.push({ offset: at, text: raw.slice(at, at + 2) });
  }
  return invalid;
}
