import { closeSync, openSync, readSync } from 'node:fs';
import { LineIndex } from './positions.js';
import type { Range } from './types.js';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; message: string; range: Range };

const FIRST_CHAR: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };

/** Turns a file's bytes into text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused with its position. */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, message: `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit; it was not read`, range: FIRST_CHAR };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) return failAt(body, nul, 'binary file (NUL byte); merlint reads text files only');
  return decodeWith('utf-8', body);
}

function decodeWith(encoding: string, bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const bad = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : 0;
    return failAt(bytes, bad, `not valid ${encoding.toUpperCase()}; save the file as UTF-8`);
  }
}

function failAt(bytes: Uint8Array, byteOffset: number, message: string): Decoded {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byteOffset));
  const index = new LineIndex(before);
  const start = index.position(before.length);
  return { ok: false, message: `${message} (byte ${byteOffset + 1})`, range: { start, end: { line: start.line, column: start.column + 1 } } };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}

/**
 * The first `chars` characters of a file (as many bytes, decoded leniently; a UTF-16 BOM is
 * honoured), for content recognition; undefined when the file cannot be read.
 */
export function readHead(absolutePath: string, chars: number): string | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(absolutePath, 'r');
    const buffer = Buffer.alloc(chars);
    const length = readSync(descriptor, buffer, 0, chars, 0);
    const bytes = buffer.subarray(0, length);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
