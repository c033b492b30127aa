import type { Node } from 'web-tree-sitter';
import { named, notNull } from './tree.js';

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

export type SequenceKind = 'interpolation' | 'if' | 'else' | 'endif' | 'for' | 'endfor';

/** Literal text, or one `${…}` / `%{…}` sequence, as HCL's template parser sees them. */
export type TemplateToken =
  | { kind: 'text'; value: string; start: number; end: number }
  | { kind: SequenceKind; node: Node; stripBefore: boolean; stripAfter: boolean };

const SEQUENCE_KINDS: Record<string, SequenceKind> = {
  template_interpolation: 'interpolation',
  template_if_intro: 'if',
  template_else_intro: 'else',
  template_if_end: 'endif',
  template_for_start: 'for',
  template_for_end: 'endfor',
};

/** The `${…}` and `%{…}` sequences of a template, nested ones included, in the order written. */
export function templateSequences(node: Node): Node[] {
  const sequences: Node[] = [];
  // Directives nest as deep as the template does: a stack of nodes still to visit, not recursion.
  const pending = named(node).reverse();
  for (let child = pending.pop(); child; child = pending.pop()) {
    const type = child.type;
    if (type in SEQUENCE_KINDS) sequences.push(child);
    else if (type === 'template_directive' || type === 'template_if' || type === 'template_for') {
      for (const inner of named(child).reverse()) pending.push(inner);
    }
  }
  return sequences;
}

export function sequenceToken(node: Node): TemplateToken {
  const pieces = node.children.filter(notNull);
  return { kind: SEQUENCE_KINDS[node.type]!, node, stripBefore: pieces[1]?.type === 'strip_marker', stripAfter: pieces[pieces.length - 2]?.type === 'strip_marker' };
}

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
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (escape!.length > 1) return String.fromCodePoint(parseInt(escape!.slice(1), 16));
    return QUOTED_ESCAPES[escape!] ?? match;
  });
}

function unescapeHeredoc(raw: string): string {
  return raw.replaceAll('$${', '${').replaceAll('%%{', '%{');
}

// Escapes first: `$${` is a literal `${`.
export const TEMPLATE_SEQUENCES = /\$\$\{|%%\{|\$\{|%\{/g;
