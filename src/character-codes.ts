/** Character codes the hand-written scanners compare `charCodeAt` against, and how they skip a run of characters. */
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const HASH = 35;
export const HYPHEN = 45;
export const SLASH = 47;
export const OPENING_BRACKET = 91;
export const BACKSLASH = 92;

/** A space or a tab. */
export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Runs for `runEnd`, shared: it sets `lastIndex` before each use. Blanks (spaces and tabs), and white space as `\s` matches it. */
export const BLANK_RUN = /[ \t]*/y;
export const WHITE_SPACE_RUN = /\s*/y;

/**
 * The end of the run a sticky expression of a repeated character class matches from `from`: found by the
 * expression engine, not a loop over each character that a long scan runs interpreted (src/tiering.ts).
 */
export function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  run.test(text);
  return run.lastIndex;
}
