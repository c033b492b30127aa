import { LineIndex } from '../positions.js';
import type { Position, Range } from '../types.js';

/**
 * Where each character of a script is in its host file: the script file itself, or the YAML,
 * Makefile or Dockerfile that embeds it. Offsets are UTF-16 code units of the script text;
 * `position(text.length)` is where the script ends.
 */
export interface ScriptPositions {
  position(offset: number): Position;
}

/** The range of the characters `start`..`end`: it ends just after the last one, wherever the next one is (an escape, a quote in between). */
export function rangeIn(positions: ScriptPositions, start: number, end: number): Range {
  if (end <= start) return { start: positions.position(start), end: positions.position(start) };
  const last = positions.position(end - 1);
  return { start: positions.position(start), end: { line: last.line, column: last.column + 1 } };
}

/** A script that is a whole file. */
export function filePositions(text: string): ScriptPositions {
  return new LineIndex(text);
}

/**
 * A script whose line `i` (0-based) starts at `lineStarts[i]` in the host file, and whose
 * characters follow one another on each line: a YAML block scalar (`run: |`) whose lines are
 * indented, a Makefile recipe, a one-line string (one start). Lines past the last start
 * continue on the host lines after it, from column 1.
 */
export function linePositions(text: string, lineStarts: readonly Position[]): ScriptPositions {
  const own = new LineIndex(text);
  const last = lineStarts[lineStarts.length - 1] ?? { line: 1, column: 1 };
  return {
    position(offset) {
      const { line, column } = own.position(offset);
      const start = lineStarts[line - 1];
      if (start) return { line: start.line, column: start.column + column - 1 };
      return { line: last.line + line - lineStarts.length, column };
    },
  };
}

/**
 * A script whose characters come from anywhere in the host text: `hostOffsets[i]` is the host
 * offset of the script's character `i` (a YAML double-quoted scalar with escapes, say), and
 * `hostOffsets[text.length]`, when given, where the script ends.
 */
export function offsetPositions(host: ScriptPositions, hostOffsets: readonly number[]): ScriptPositions {
  return {
    position(offset) {
      if (hostOffsets.length === 0) return host.position(0);
      const exact = hostOffsets[offset];
      if (exact !== undefined) return host.position(exact);
      return host.position(hostOffsets[hostOffsets.length - 1]! + 1);
    },
  };
}
