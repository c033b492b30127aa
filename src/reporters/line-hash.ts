import { CR, LF, SPACE, TAB } from '../character-codes.js';

/**
 * GitHub code scanning tracks a result across commits by one partial fingerprint only,
 * `primaryLocationLineHash`. Its upload-sarif action computes it from the checked-out file where a result
 * has none (github/codeql-action, src/fingerprints.ts); this computes the same value, so that the action
 * finds what it would compute and SARIF uploaded through the API is tracked just the same.
 *
 * Each line's hash is a polynomial rolling hash (base 37, modulo 2^64) of the first 100 characters from
 * the line's start, spaces and tabs skipped, CR and CRLF read as LF, then one end-of-file mark and
 * zeros; `:N` follows for the N-th line with that hash.
 */
const BLOCK_SIZE = 100;
const BASE = 37n;
const BLOCK_BASE = BigInt.asUintN(64, BASE ** BigInt(BLOCK_SIZE));
const END_OF_FILE = 0xffff;

/** `primaryLocationLineHash` of every line of the text, by 0-based line index. */
export function lineHashes(text: string): string[] {
  const window = new Array<number>(BLOCK_SIZE).fill(0);
  // The line number whose first character sits in that slot of the window, or 0.
  const lineStartingAt = new Array<number>(BLOCK_SIZE).fill(0);
  const hashes: string[] = [];
  const seen = new Map<string, number>();
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCr = false;

  const emit = () => {
    const value = hash.toString(16);
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    hashes[lineStartingAt[slot]! - 1] = `${value}:${count}`;
    lineStartingAt[slot] = 0;
  };
  const push = (code: number) => {
    hash = BigInt.asUintN(64, BASE * hash + BigInt(code) - BLOCK_BASE * BigInt(window[slot]!));
    window[slot] = code;
    slot = (slot + 1) % BLOCK_SIZE;
  };
  const read = (code: number) => {
    const skipped = code === SPACE || code === TAB || (afterCr && code === LF);
    afterCr = !skipped && code === CR;
    if (skipped) return;
    if (lineStartingAt[slot]) emit();
    if (atLineStart) lineStartingAt[slot] = ++line;
    atLineStart = code === LF || code === CR;
    push(afterCr ? LF : code);
  };

  for (let index = 0; index < text.length; index++) read(text.charCodeAt(index));
  read(END_OF_FILE);
  for (let index = 0; index < BLOCK_SIZE; index++) {
    if (lineStartingAt[slot]) emit();
    push(0);
  }
  return hashes;
}
