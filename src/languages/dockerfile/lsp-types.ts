/**
 * The part of vscode-languageserver-types that dockerfile-ast uses: Position.create and Range.create.
 * The bundle (scripts/bundle.mjs) puts this module in that package's place, whose 48 kB of protocol
 * definitions made up a third of the time it takes to load the Dockerfile parser.
 */
import type { Position as LspPosition, Range as LspRange } from 'vscode-languageserver-types';

const MAX_UINTEGER = 2147483647;

function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_UINTEGER;
}

export const Position = {
  create(line: number, character: number): LspPosition {
    return { line: line === Number.MAX_VALUE ? MAX_UINTEGER : line, character: character === Number.MAX_VALUE ? MAX_UINTEGER : character };
  },
  is(value: unknown): value is LspPosition {
    const candidate = value as LspPosition | null;
    return candidate !== null && typeof candidate === 'object' && isUinteger(candidate.line) && isUinteger(candidate.character);
  },
};

export const Range = {
  create(one: number | LspPosition, two: number | LspPosition, three?: number, four?: number): LspRange {
    if (isUinteger(one) && isUinteger(two) && isUinteger(three) && isUinteger(four)) return { start: Position.create(one, two), end: Position.create(three, four) };
    if (Position.is(one) && Position.is(two)) return { start: one, end: two };
    throw new Error(`Range#create called with invalid arguments[${one}, ${two}, ${three}, ${four}]`);
  },
};
