import type { Location, Position, Range, SourceFile } from './types.js';

/** Maps string offsets to 1-based positions and back, for one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, found by the engine's own search rather than a loop over every character.
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) this.lineStarts.push(newline + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line: line + 1, column: clamped - this.lineStarts[line]! + 1 };
  }

  /** The 0-based line of an offset: the line of the last one asked for, as it mostly is (a parser asks in file order), else by binary search. */
  private lineAt(offset: number): number {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last]! <= offset && (last + 1 === starts.length || offset < starts[last + 1]!)) return last;
    return (this.lastLine = lastAtOrBefore(starts, offset));
  }

  offset(position: Position): number {
    const start = this.lineStarts[position.line - 1];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.column - 1, this.text.length);
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  /** The text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    let end = this.lineStarts[line] ?? this.text.length;
    // Without a regular expression, which would scan a long line from its start for each call.
    if (end > start && this.text[end - 1] === '\n') end--;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, end);
  }
}

/** The index of the last of the ascending numbers that is at most `value` (0 if none is), by binary search. */
export function lastAtOrBefore(ascending: readonly number[], value: number): number {
  let low = 0;
  let high = ascending.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (ascending[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

const fileIndexes = new WeakMap<SourceFile, LineIndex>();

/** The line index of a source file, made once for all who ask (its parser, the model, suppressions, rules). */
export function lineIndexOf(file: SourceFile): LineIndex {
  let index = fileIndexes.get(file);
  if (!index) fileIndexes.set(file, (index = new LineIndex(file.text)));
  return index;
}

/** The line index of a source file if one was made (by lineIndexOf), without making one. */
export function madeLineIndexOf(file: SourceFile): LineIndex | undefined {
  return fileIndexes.get(file);
}

/** The line index of each of several texts, made when a text's lines are first asked for unless `made` holds it. */
export class LineIndexes {
  private readonly indexes: Map<string, LineIndex>;

  constructor(
    private readonly textOf: (path: string) => string | undefined,
    made: ReadonlyMap<string, LineIndex> = new Map(),
  ) {
    this.indexes = new Map(made);
  }

  of(path: string): LineIndex | undefined {
    let index = this.indexes.get(path);
    const text = index ? undefined : this.textOf(path);
    if (text !== undefined) this.indexes.set(path, (index = new LineIndex(text)));
    return index;
  }
}

/** The end of the line that `from` is on: the offset of its `\n`, or the text's end. */
export function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

export function rangeOfLine(index: LineIndex, line: number): Range {
  return { start: { line, column: 1 }, end: { line, column: index.lineText(line).length + 1 } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

export function pointRange(position: Position): Range {
  return { start: position, end: { line: position.line, column: position.column + 1 } };
}

/** `path:line:column` of a location's start: places that are the same token have the same key. */
export function locationKey(location: Location): string {
  return `${location.path}:${location.range.start.line}:${location.range.start.column}`;
}
