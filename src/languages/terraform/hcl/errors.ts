import type { Node } from 'web-tree-sitter';
import type { Range } from '../../../types.js';
import type { Positions } from './reader.js';
import { notNull } from './tree.js';
import type { ParseError } from '../../../language.js';

/** Syntax errors worded for people, placed where HCL would place them rather than where tree-sitter's recovery began. */

interface Written {
  text: string;
  positions: Positions;
}

/** A syntax error at `node` (ERROR or MISSING), worded for people, its range on the offending token. */
export function describeProblem(node: Node, text: string, positions: Positions): ParseError {
  const written = { text, positions };
  return (
    unclosedHeredoc(node, written) ??
    unclosedBlock(node, written) ??
    // An unclosed `${` is the cause of the string it leaves open (HCL reports both): it comes first.
    unclosedSequence(node, written) ??
    quotedStringOverLines(node, written) ??
    definitionRequired(node, written) ??
    valueMissingBefore(node.startIndex, written) ??
    unexpected(node, written)
  );
}

/**
 * A quoted string left open on the line of the error: HCL's scanner ends it at the line break and
 * reports that ("Invalid multi-line string"), where tree-sitter reads on and fails further along.
 */
function quotedStringOverLines(node: Node, { text, positions }: Written): ParseError | undefined {
  if (insideHeredoc(node)) return undefined;
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const lineBreak = openStringAtEndOfLine(text, lineStart);
  if (lineBreak === undefined) return undefined;
  return { message: 'syntax error: invalid multi-line string: a quoted string cannot span lines; close it on its line, or write \\n or use a heredoc (<<EOT)', range: positions.range(lineBreak, lineBreak + 1) };
}

function insideHeredoc(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parent) if (current.type === 'heredoc_template') return true;
  return false;
}

/**
 * The offset of the line break that ends the line at `lineStart` inside a quoted string, if it does:
 * the line is scanned as HCL's scanner reads it (escapes, `${ }` and `%{ }` holding code and further
 * strings, comments outside strings).
 */
function openStringAtEndOfLine(text: string, lineStart: number): number | undefined {
  // One entry per open string or template sequence: a string, or the `{` depth inside a sequence.
  const open: ('string' | number)[] = [];
  for (let at = lineStart; at < text.length; at++) {
    const char = text[at]!;
    if (char === '\n') return open.includes('string') ? at : undefined;
    const top = open[open.length - 1];
    if (top === 'string') {
      if (char === '\\') at++;
      else if (char === '"') open.pop();
      else if ((char === '$' || char === '%') && text[at + 1] === '{') {
        if (text[at - 1] === char) continue;
        open.push(0);
        at++;
      }
    } else if (char === '"') open.push('string');
    else if (char === '#' || (char === '/' && text[at + 1] === '/')) return undefined;
    else if (char === '/' && text[at + 1] === '*') {
      const close = text.indexOf('*/', at + 2);
      const lineEnd = text.indexOf('\n', at);
      if (close === -1 || (lineEnd !== -1 && close > lineEnd)) return undefined;
      at = close + 1;
    } else if (typeof top === 'number' && char === '{') open[open.length - 1] = top + 1;
    else if (typeof top === 'number' && char === '}') {
      if (top === 0) open.pop();
      else open[open.length - 1] = top - 1;
    }
  }
  return undefined;
}

// A statement that starts with a name followed by something that is neither `=`, `{`, a label nor a name.
const NAME_THEN_JUNK = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*(?=[^\s={"A-Za-z_])/;
const BODY_TYPES = new Set(['body', 'config_file', 'block']);

/** `name` followed by something that cannot follow it in a body: HCL reports the name ("Argument or block definition required"). */
function definitionRequired(node: Node, { text, positions }: Written): ParseError | undefined {
  if (!BODY_TYPES.has(node.parent?.type ?? '')) return undefined;
  const token = firstLeaf(skippedFrom(node));
  const lineStart = text.lastIndexOf('\n', token.startIndex - 1) + 1;
  const match = NAME_THEN_JUNK.exec(text.slice(lineStart, lineStart + 300));
  if (!match) return undefined;
  const nameStart = lineStart + match[0].indexOf(match[1]!);
  const junk = lineStart + match[0].length;
  if (token.startIndex < nameStart || token.startIndex > junk) return undefined;
  return { message: `syntax error: argument or block definition required: expected \`=\` or \`{\` after \`${match[1]}\`, not ${describeText(text.slice(junk, tokenEnd(text, junk)))}`, range: positions.range(nameStart, junk) };
}

/**
 * `name =` with nothing after it on its line: tree-sitter reads on past the line break and reports
 * whatever follows (often a missing `{`); HCL ends the attribute there and reports the line break.
 */
function valueMissingBefore(offset: number, { text, positions }: Written): ParseError | undefined {
  let before = offset;
  while (before > 0 && /\s/.test(text[before - 1]!)) before--;
  const lineBreak = text.indexOf('\n', before);
  const isAssignment = text[before - 1] === '=' && !'=!<>'.includes(text[before - 2] ?? '');
  return isAssignment && lineBreak !== -1 && lineBreak < offset ? valueMissingAfter(before - 1, text, positions) : undefined;
}

/** HCL's error for an `=` that ends its line, placed as HCL places it: on the line break after the `=`. */
export function valueMissingAfter(equals: number, text: string, positions: Positions): ParseError {
  const lineBreak = text.indexOf('\n', equals);
  const end = lineBreak === -1 ? text.length : lineBreak + 1;
  const start = lineBreak !== -1 && /^[ \t\r]*$/.test(text.slice(equals + 1, lineBreak)) ? lineBreak : equals + 1;
  return { message: 'syntax error: invalid expression: expected the start of an expression after `=`, but the line ends; write the value on the line of its `=`', range: positions.range(start, end) };
}

function unclosedHeredoc(node: Node, { positions }: Written): ParseError | undefined {
  const heredoc = node.isMissing ? unterminatedHeredoc(node) : undefined;
  const marker = heredoc?.namedChildren.find((child) => child?.type === 'heredoc_identifier');
  if (!heredoc || !marker) return undefined;
  return { message: `syntax error: heredoc not closed: expected \`${marker.text}\` alone on a line, followed by a line break`, range: positions.range(heredoc.startIndex, marker.endIndex) };
}

function unclosedBlock(node: Node, { positions }: Written): ParseError | undefined {
  const block = node.isMissing && node.parent?.type === 'block_end' ? node.parent.parent : null;
  const opening = block?.children.find((child) => child?.type === 'block_start');
  return opening ? { message: 'syntax error: block not closed: expected `}` to match this `{`', range: nodeRange(positions, opening) } : undefined;
}

/** A `${`, `%{`, `%{ if }` or `%{ for }` tree-sitter found no end for: it reports the whole statement around it. */
function unclosedSequence(node: Node, { positions }: Written): ParseError | undefined {
  const children = node.type === 'ERROR' ? node.children.filter(notNull) : [];
  // The last opening without an end of its kind after it, found in one pass from the end.
  const typesAfter = new Set<string>();
  for (let position = children.length - 1; position >= 0; position--) {
    const opening = children[position]!;
    const sequence = UNCLOSED[opening.type];
    if (sequence && !typesAfter.has(sequence.end)) return { message: `syntax error: ${sequence.message}`, range: nodeRange(positions, opening) };
    typesAfter.add(opening.type);
  }
  return undefined;
}

function unexpected(node: Node, { text, positions }: Written): ParseError {
  if (node.isMissing) {
    const message = EXPRESSION_STAND_INS.has(node.type) ? 'syntax error: expected an expression' : `syntax error: expected ${describeToken(node.type)}`;
    return { message, range: positions.range(node.startIndex, tokenEnd(text, node.startIndex)) };
  }
  const token = firstLeaf(skippedFrom(node));
  const start = token.startIndex;
  const end = token.endIndex > start ? token.endIndex : tokenEnd(text, start);
  if (token.type === '=') return valueMissingAfter(start, text, positions);
  return { message: `syntax error: unexpected ${describeText(text.slice(start, end))}`, range: positions.range(start, end) };
}

/** The end of the word or symbol written at `offset` (`offset` itself at the end of the text or of a line). */
export function tokenEnd(text: string, offset: number): number {
  return offset + (/^(?:[A-Za-z_][\w-]*|[0-9.]+|[^\s])/.exec(text.slice(offset, offset + 200))?.[0].length ?? 0);
}

const UNCLOSED: Record<string, { end: string; message: string }> = {
  template_interpolation_start: { end: 'template_interpolation_end', message: '`${` not closed: expected `}`' },
  template_directive_start: { end: 'template_directive_end', message: '`%{` not closed: expected `}`' },
  template_if_intro: { end: 'template_if_end', message: '`%{ if }` without its `%{ endif }`' },
  template_for_start: { end: 'template_for_end', message: '`%{ for }` without its `%{ endfor }`' },
};

// tree-sitter inserts these as MISSING where an expression should be; "expected `<<`" would mislead.
const EXPRESSION_STAND_INS = new Set(['<<', 'heredoc_identifier', 'heredoc_start', 'identifier']);

/** The heredoc whose closing marker tree-sitter reports MISSING at `node`, if that is what it reports. */
function unterminatedHeredoc(node: Node): Node | undefined {
  const parent = node.parent;
  const markers = parent?.type === 'heredoc_template' ? parent.children.filter((child) => child?.type === 'heredoc_identifier') : [];
  return markers.length > 1 && markers[markers.length - 1]?.id === node.id ? parent! : undefined;
}

/**
 * Where tree-sitter started skipping text in an ERROR node: past the whole statements it kept and
 * past the opening of the statement it was reading (`name =`, `type "label" {`).
 */
function skippedFrom(node: Node): Node {
  const children = node.children.filter(notNull);
  let position = 0;
  while (position < children.length) {
    const next = statementPrefixEnd(children, position);
    if (next === position) break;
    position = next;
  }
  return children[position] ?? children[children.length - 1] ?? node;
}

// Tokens an ERROR node keeps from what parsed well before the text tree-sitter skipped.
const OPENINGS = new Set(['{', '[', '(', ',']);

/**
 * The index after what parsed well at `position`: a named node without errors (a statement, a
 * value, part of one), an opening bracket, or the start of a statement (`name =` on the value's
 * line, `type "label" {`); `position` if none.
 */
function statementPrefixEnd(children: Node[], position: number): number {
  const node = children[position];
  if (!node) return position;
  if (OPENINGS.has(node.type) || (node.isNamed && !node.hasError && node.type !== 'identifier' && node.type !== 'heredoc_identifier')) return position + 1;
  if (node.type === '=') {
    // HCL ends an attribute at the line break: a value on the next line is not this attribute's.
    const value = children[position + 1];
    return value?.type === 'expression' && value.startPosition.row !== node.startPosition.row ? position : position + 1;
  }
  if (node.type !== 'identifier') return position;
  let next = position + 1;
  if (children[next]?.type === '=') return statementPrefixEnd(children, next);
  while (children[next]?.type === 'string_lit' || children[next]?.type === 'identifier') next++;
  return children[next]?.type === 'block_start' || children[next]?.type === '{' ? next + 1 : position;
}

function firstLeaf(node: Node): Node {
  let leaf = node;
  while (leaf.childCount > 0) leaf = leaf.child(0)!;
  return leaf;
}

function describeToken(type: string): string {
  return /^[a-z_]+$/.test(type) ? type.replaceAll('_', ' ') : `\`${type}\``;
}

function describeText(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line ? `\`${line.length > 40 ? `${line.slice(0, 40)}…` : line}\`` : 'end of input';
}

function nodeRange(positions: Positions, node: Node): Range {
  return positions.range(node.startIndex, node.endIndex);
}
