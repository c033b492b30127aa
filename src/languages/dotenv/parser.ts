import type { WrittenVariable } from '../../facts/go-settings.js';
import type { ParseResult } from '../../language.js';
import { LineIndex } from '../../positions.js';
import type { Comment, DocumentBase, Range, SourceFile } from '../../types.js';
import { expandShellVariables, type Lookup } from '../../variables.js';

/**
 * `NAME=value` in an env file, with the value as a program that loads the file would see it: after
 * quotes, escapes and `${VAR}` references defined earlier in the file (undefined when a reference is not).
 */
export type Assignment = WrittenVariable;

export interface DotenvDocument extends DocumentBase {
  kind: 'dotenv';
  index: LineIndex;
  assignments: Assignment[];
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;
/** Stands for a `\$` while references are expanded. */
const ESCAPED_DOLLAR = '\u0000';
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$', '`': '`' };

/**
 * Reads an env file the way Docker Compose, dotenv libraries and direnv's `export` lines agree on:
 * `export` optional; single quotes literal; double quotes with backslash escapes and references;
 * unquoted values up to a ` #` comment. Lines that assign nothing (direnv's `layout go`) are skipped.
 */
export function parseDotenv(file: SourceFile): ParseResult<DotenvDocument> {
  const text = file.text;
  const index = new LineIndex(text);
  const comments: Comment[] = [];
  const statements: Range[] = [];
  const assignments: Assignment[] = [];
  const known = new Map<string, string | undefined>();
  const lookup: Lookup = (name) => known.get(name);
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = endOfLine(text, offset);
    const line = text.slice(offset, lineEnd);
    const match = ASSIGNMENT.exec(line);
    let next = nextLineStart(text, lineEnd);
    if (match) {
      const nameStart = offset + line.indexOf(match[1]!, match[0].indexOf(match[1]!));
      const read = readValue(text, offset + match[0].length, lineEnd, lookup);
      const assignment: Assignment = { name: match[1]!, nameStart, nameEnd: nameStart + match[1]!.length, ...read.value };
      assignments.push(assignment);
      known.set(assignment.name, assignment.value);
      statements.push(index.range(offset, read.end));
      if (read.comment) comments.push(comment(index, text, read.comment, endOfLine(text, read.comment)));
      next = nextLineStart(text, read.end);
    } else {
      const hash = /^[ \t]*#/.exec(line);
      if (hash) comments.push(comment(index, text, offset + hash[0].length - 1, lineEnd));
    }
    offset = next;
  }
  return { document: { kind: 'dotenv', file, comments, statements, index, assignments }, errors: [] };
}

/** Where the line holding `from` ends: before its `\n`, or its `\r\n` (never before `from`). */
function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline === -1 ? text.length : newline;
  return end > from && text[end - 1] === '\r' ? end - 1 : end;
}

/** Where the next line starts: past the line break of the line holding `from`. */
function nextLineStart(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

function comment(index: LineIndex, text: string, start: number, end: number): Comment {
  return { range: index.range(start, end), text: text.slice(start + 1, end) };
}

interface ReadValue {
  value: Omit<Assignment, 'name' | 'nameStart' | 'nameEnd'>;
  /** Where the value (with its closing quote) ends. */
  end: number;
  /** Offset of a `#` comment after the value on its line. */
  comment: number | undefined;
}

function readValue(text: string, start: number, lineEnd: number, lookup: Lookup): ReadValue {
  const quote = text[start];
  if (quote === "'" || quote === '"') {
    const close = closingQuote(text, start + 1, quote);
    if (close !== -1) {
      const inner = text.slice(start + 1, close);
      const unescaped = quote === "'" ? inner : unescapeDouble(inner);
      const value = quote === "'" ? inner : expandShellVariables(unescaped, lookup)?.replaceAll(ESCAPED_DOLLAR, '$');
      const rest = /^[ \t]*#/.exec(text.slice(close + 1, endOfLine(text, close)));
      return {
        value: { value, valueStart: start + 1, valueEnd: close, verbatim: value === inner && !inner.includes('\n') },
        end: close + 1,
        comment: rest ? close + rest[0].length : undefined,
      };
    }
  }
  const line = text.slice(start, lineEnd);
  const hash = /(^|[ \t])#/.exec(line);
  const written = (hash ? line.slice(0, hash.index) : line).replace(/[ \t]+$/, '');
  const value = expandShellVariables(written, lookup);
  return {
    value: { value, valueStart: start, valueEnd: start + written.length, verbatim: value === written },
    end: start + written.length,
    comment: hash ? start + hash.index + hash[1]!.length : undefined,
  };
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(inner: string): string {
  // `\$` is held apart until references are expanded, then becomes `$`.
  return inner.replace(/\\(.)/gs, (escape, c: string) => (c === '$' ? ESCAPED_DOLLAR : DOUBLE_QUOTE_ESCAPES[c] ?? escape));
}
