import type { Body, Expression, TemplateExpression, TemplatePart } from './syntax.js';
import { comparePositions, LineIndex } from '../../../positions.js';
import type { Comment } from '../../../types.js';
import { HclGrammar, type Positions, type Problem } from './grammar.js';
import { tokenize, type Token } from './lexer.js';
import type { ParseError } from '../../../language.js';

export type { Positions } from './grammar.js';

export interface HclSyntax {
  body: Body;
  comments: Comment[];
  errors: ParseError[];
}

export function parseHcl(text: string): HclSyntax {
  const lines = new LineIndex(text);
  const tokens = tokenize(text);
  const grammar = new HclGrammar(text, tokens, lines);
  const body = guarded(() => grammar.file(), () => ({ attributes: [], blocks: [], range: lines.range(0, 0) }), grammar);
  // The first error is HCL's, from the text scanned once as HCL scans it; the count is of what is
  // rejected in the text as it was read, statements re-read after an error scanned anew.
  const scanned = scannerProblems(text, tokens, lines);
  const errors = reported(scanned, grammar.problems, grammar.tokens === tokens ? scanned : scannerProblems(text, grammar.tokens, lines));
  return { body, comments: comments(text, grammar.tokens, lines), errors };
}

/** A template file (`templatefile()`), read as HCL's ParseTemplate reads it: the whole text is a template without quotes. */
export function parseTemplate(text: string): { template: TemplateExpression; errors: ParseError[] } {
  const lines = new LineIndex(text);
  const { parts, errors } = embeddedHcl.template(text, lines);
  return { template: { type: 'template', parts, heredoc: false, range: lines.range(0, text.length) }, errors };
}

/** HCL read out of the strings of Terraform's JSON syntax; offsets in `value` map to the file through `positions`. */
export interface EmbeddedHcl {
  /** A string as a template (`"${var.region}"`), as Terraform reads JSON strings. */
  template(value: string, positions: Positions): { parts: TemplatePart[]; errors: ParseError[] };
  /** A string as an expression (`"aws.tokyo"`), as Terraform reads `provider`, `depends_on`, `type` … */
  expression(value: string, positions: Positions): { expression: Expression; errors: ParseError[] };
}

export const embeddedHcl: EmbeddedHcl = {
  template(value, positions) {
    const tokens = tokenize(value, 'template');
    const grammar = new HclGrammar(value, tokens, positions);
    const parts = guarded(() => grammar.bareTemplate(), () => [], grammar);
    return { parts, errors: reported(scannerProblems(value, tokens, positions), grammar.problems) };
  },
  expression(value, positions) {
    const tokens = tokenize(value);
    const grammar = new HclGrammar(value, tokens, positions);
    const expression = guarded(() => grammar.wholeExpression(), (): Expression => ({ type: 'invalid', range: positions.range(0, value.length) }), grammar);
    return { expression, errors: reported(scannerProblems(value, tokens, positions), grammar.problems) };
  },
};

/**
 * Reads with `read`; nesting too deep for the stack (past what DEEPEST_NESTING catches: a long chain
 * of `? :`, say) is an error at the start of the text, and `unread` stands for what was not read.
 */
function guarded<T>(read: () => T, unread: () => T, grammar: HclGrammar): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    grammar.problems.unshift({ message: 'syntax error: expressions nested too deep to read, so the file was not read; move inner parts of the deepest expression into locals', range: grammar.range(0, 0), offset: 0 });
    return unread();
  }
}

/**
 * HCL's first error, and how many followed: HCL reports what its scanner rejects (a stray
 * character, a line break in a quoted string) before what its parser does, except that an opening
 * left unclosed goes first when it comes first in the file, as the cause of what follows.
 */
function reported(scanner: Problem[], parser: Problem[], counted = scanner): ParseError[] {
  const cause = parser.find((problem) => problem.cause);
  const first = cause && scanner[0] && comparePositions(cause.range.start, scanner[0].range.start) < 0 ? cause : (scanner[0] ?? parser[0]);
  if (!first) return [];
  const others = [...counted, ...parser].filter((problem) => problem.offset !== first.offset || problem.message !== first.message);
  const more = others.length;
  const message = more > 0 ? `${first.message} (and ${more} more syntax error${more > 1 ? 's' : ''} after it)` : first.message;
  return [{ message, range: first.range }];
}

/** Characters HCL's scanner reads only to reject them. */
function scannerProblems(text: string, tokens: Token[], positions: Positions): Problem[] {
  const problems: Problem[] = [];
  for (const token of tokens) {
    const message = token.type === 'unsupported' || token.type === 'invalid' || token.type === 'quotedNewline' ? scannerMessage(token, text.slice(token.start, token.end)) : undefined;
    if (message) problems.push({ message, range: positions.range(token.start, token.end), offset: token.start });
  }
  return problems;
}

const UNSUPPORTED: Record<string, string> = {
  '&': 'syntax error: `&` is not an operator; for a logical and, write `&&`',
  '|': 'syntax error: `|` is not an operator; for a logical or, write `||`',
  '^': 'syntax error: `^` is not an operator: HCL has no bitwise operators; for a power, call pow(x, y)',
  '~': 'syntax error: `~` is not an operator; for a logical not, write `!`',
  ';': 'syntax error: unexpected `;`: statements are separated by line breaks, items by commas',
  '`': 'syntax error: unexpected `` ` ``: for a string over several lines, use a heredoc (<<EOT)',
  "'": 'syntax error: unexpected `\'`: strings are written in double quotes (")',
};

function scannerMessage(token: Token, written: string): string | undefined {
  if (token.type === 'unsupported') return UNSUPPORTED[written];
  if (token.type === 'quotedNewline') return 'syntax error: invalid multi-line string: a quoted string cannot span lines; close it on its line, or write \\n or use a heredoc (<<EOT)';
  if (token.type !== 'invalid') return undefined;
  if (written === '“' || written === '”') return `syntax error: unexpected \`${written}\`: curly quotes are not quotes in HCL; write a straight quote (")`;
  if (written === '\\') return 'syntax error: unexpected `\\`: a backslash starts an escape in a quoted string (\\n, \\", \\\\), on the same line; for a backslash itself, write `\\\\`';
  return `syntax error: unexpected character \`${written}\`: HCL does not use it; remove it, or write it inside a quoted string`;
}

function comments(text: string, tokens: Token[], positions: Positions): Comment[] {
  const found: Comment[] = [];
  for (const token of tokens) {
    if (token.type !== 'comment') continue;
    let end = token.end;
    // A `#` or `//` comment ends before its line's `\n` (a `\r` before it stays in it).
    if (text[end - 1] === '\n' && !text.startsWith('/*', token.start)) end--;
    const written = text.slice(token.start, end);
    found.push({ range: positions.range(token.start, end), text: written.replace(/^(?:#|\/\/)|^\/\*|\*\/$/g, '').trim() });
  }
  return found;
}
