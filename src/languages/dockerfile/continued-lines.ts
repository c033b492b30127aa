/**
 * Continued lines joined as Docker joins them: a line whose escape character ends it (blanks after it aside) goes on
 * in the next, without the escape and the line break, and blank and comment lines after it are dropped.
 */

import { BACKSLASH, CR, HASH, isBlank, runEnd, WHITE_SPACE_RUN } from '../../character-codes.js';

/** Where the instruction's text from `start` to `end` ends when its first line is not continued, else undefined. */
export function singleLineEnd(text: string, escape: number, start: number, end: number): number | undefined {
  const firstEnd = contentEnd(text, start, lineEnd(text, start, end));
  return continuationAt(text, escape, start, firstEnd) === -1 ? firstEnd : undefined;
}

/**
 * The text of continued lines from `start` to `end` joined: by one expression over them, the engine's work rather than
 * a loop per line in cold code. The first line that is not continued ends the joined text (as `keptPieces` ends the
 * pieces): where one comes before `end`, the expression leaves its line break, and the text is cut there.
 */
export function joinedText(text: string, escape: number, start: number, end: number): string {
  const written = text.slice(start, text.charCodeAt(end - 1) === CR ? end - 1 : end);
  const joined = written.replace(escape === BACKSLASH ? JOINS_AFTER_BACKSLASH : JOINS_AFTER_BACKQUOTE, '');
  const lineBreak = joined.indexOf('\n');
  if (lineBreak === -1) return joined;
  return joined.slice(0, joined.charCodeAt(lineBreak - 1) === CR ? lineBreak - 1 : lineBreak);
}

/**
 * Where lines are joined after the escape character: the escape, blanks and the line break after them (or the end),
 * and the blank lines (as `\s` matches them) and comment lines that follow.
 */
function joinsAfter(escape: string): RegExp {
  return new RegExp(`\\${escape}` + String.raw`[ \t]*(?:\r\n|\n|$)(?:[^\S\n]*(?:#[^\n]*)?(?:\n|$))*`, 'g');
}

const JOINS_AFTER_BACKSLASH = joinsAfter('\\');
const JOINS_AFTER_BACKQUOTE = joinsAfter('`');

/**
 * The [start, end) offsets of the pieces of lines Docker joins into the instruction from `start` to `end`, each in
 * turn, written to `into` from its start (what it held after them is left); how many offsets were written.
 */
export function keptPieces(text: string, escape: number, start: number, end: number, into: number[]): number {
  let written = 0;
  let lineStart = start;
  let continued = false;
  while (lineStart < end) {
    const lineEnds = lineEnd(text, lineStart, end);
    const contentEnds = contentEnd(text, lineStart, lineEnds);
    if (!continued || !isBlankOrComment(text, lineStart, contentEnds)) {
      const continuation = continuationAt(text, escape, lineStart, contentEnds);
      into[written++] = lineStart;
      into[written++] = continuation === -1 ? contentEnds : continuation;
      continued = continuation !== -1;
      if (!continued) break;
    }
    lineStart = lineEnds + 1;
  }
  return written;
}

/** The `\n` that ends the line from `lineStart`, or `end`. */
function lineEnd(text: string, lineStart: number, end: number): number {
  const newline = text.indexOf('\n', lineStart);
  return newline === -1 || newline >= end ? end : newline;
}

/** Where the line from `lineStart` to `lineEnd` ends without a `\r` before its `\n`. */
function contentEnd(text: string, lineStart: number, lineEnd: number): number {
  return lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
}

/** A line of white space (as `\s` matches it), or a comment line, which Docker drops from continued lines. */
function isBlankOrComment(text: string, lineStart: number, contentEnd: number): boolean {
  const first = runEnd(WHITE_SPACE_RUN, text, lineStart);
  return first >= contentEnd || text.charCodeAt(first) === HASH;
}

/** Where the escape character that continues the line from `lineStart` stands (only blanks after it), or -1. */
function continuationAt(text: string, escape: number, lineStart: number, contentEnd: number): number {
  let at = contentEnd;
  while (at > lineStart && isBlank(text.charCodeAt(at - 1))) at--;
  return at > lineStart && text.charCodeAt(at - 1) === escape ? at - 1 : -1;
}
