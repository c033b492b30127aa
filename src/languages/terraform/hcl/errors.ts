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
  return unclosedHeredoc(node, written) ?? unclosedBlock(node, written) ?? unclosedSequence(node, written) ?? unexpected(node, written);
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
  const message = token.type === '=' ? 'syntax error: expected a value after `=`, on the same line' : `syntax error: unexpected ${describeText(text.slice(start, end))}`;
  return { message, range: positions.range(start, end) };
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
