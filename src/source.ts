import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { UsageError } from './errors.js';
import { LineIndex } from './positions.js';
import type { Range } from './types.js';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** `encrypted`: the file is encrypted on purpose (git-crypt), so it is skipped, not a file merlint failed to read. */
export type Decoded = { ok: true; text: string } | { ok: false; message: string; range: Range; encrypted?: true };

const FIRST_CHAR: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };

/** `code` is the system error code when the file could not be opened or read. */
export type FileBytes = { ok: true; bytes: Buffer } | { ok: false; message: string; code?: string };

/**
 * A file's bytes, read only when it is a regular file: a FIFO, socket or device is refused without
 * reading (a FIFO opened for reading would wait forever for a writer; a device never ends), and so is
 * a file over the size limit, before its bytes are held in memory. Opening without blocking makes the
 * check race-free: what is read is what was checked.
 */
export function readRegularFile(absolute: string): FileBytes {
  let descriptor: number;
  try {
    descriptor = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return systemError(error);
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { ok: false, message: `${notRegular(stats)}, not a regular file; it was not read` };
    if (stats.size > MAX_FILE_BYTES) return { ok: false, message: overLimit(stats.size) };
    return { ok: true, bytes: readOpened(descriptor, stats.size) };
  } catch (error) {
    return systemError(error);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The bytes of an open file whose size fstat gave: read up to that size, without readFileSync's own
 * second fstat (a syscall and a Stats object for each file of a scan). A file that reports no size
 * (as /proc's do) is read to its end by readFileSync.
 */
function readOpened(descriptor: number, size: number): Buffer {
  if (size === 0) return readFileSync(descriptor);
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(descriptor, bytes, filled, size - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return bytes.subarray(0, filled);
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'symbolic link loop',
  EISDIR: 'a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/** A system error code (`ENOENT`) in words for a one-line message; an unusual one as it is. */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? String(error) : (SYSTEM_REASONS[code] ?? code);
}

function systemError(error: unknown): FileBytes {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return { ok: false, message: `cannot read file: ${code}`, code };
}

/** What a path that is not a regular file is, in words ("a FIFO (named pipe)"). */
export function notRegular(stats: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}

function overLimit(size: number): string {
  return `file is ${(size / 1048576).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit; it was not read`;
}

/** Turns a file's bytes into text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused with its position. */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, message: overLimit(bytes.length), range: FIRST_CHAR };
  }
  if (isGitCrypted(bytes)) return { ok: false, message: 'encrypted with git-crypt, so it is not checked; run merlint after `git-crypt unlock` to check it', range: FIRST_CHAR, encrypted: true };
  const { encoding, body } = byByteOrderMark(bytes);
  if (encoding !== 'utf-8') return decodeWith(encoding, body);
  const nul = body.indexOf(0);
  if (nul !== -1) return failAt(body, nul, 'binary file (NUL byte); merlint reads text files only');
  return decodeWith('utf-8', body);
}

/** The header git-crypt writes before the ciphertext of each file it encrypts (a locked clone holds these bytes). */
const GIT_CRYPT_HEADER = Buffer.from('\0GITCRYPT\0');

function isGitCrypted(bytes: Uint8Array): boolean {
  return bytes[0] === 0 && GIT_CRYPT_HEADER.equals(bytes.subarray(0, GIT_CRYPT_HEADER.length));
}

/** The encoding a byte order mark names, and the bytes after the mark; UTF-8 when there is none. */
function byByteOrderMark(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; body: Uint8Array } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', body: bytes.subarray(2) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', body: bytes.subarray(2) };
  return { encoding: 'utf-8', body: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes };
}

/** One strict decoder of each encoding for every file: making one for each file took about 3 ms of a 1,018-file scan. */
const strictDecoders = new Map<string, TextDecoder>();

function decodeWith(encoding: string, bytes: Uint8Array): Decoded {
  let decoder = strictDecoders.get(encoding);
  if (!decoder) strictDecoders.set(encoding, (decoder = new TextDecoder(encoding, { fatal: true })));
  try {
    return { ok: true, text: decoder.decode(bytes) };
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
 * honoured), for content recognition; undefined when the file cannot be read or is not a regular
 * file (opened without blocking, as readRegularFile).
 */
export function readHead(absolutePath: string, chars: number): string | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(descriptor).isFile()) return undefined;
    const buffer = Buffer.alloc(chars);
    const length = readSync(descriptor, buffer, 0, chars, 0);
    return decodeLeniently(buffer.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Bytes as text for a quick look (content recognition): a BOM honoured, anything undecodable replaced. */
export function decodeLeniently(bytes: Uint8Array): string {
  const { encoding, body } = byByteOrderMark(bytes);
  return new TextDecoder(encoding).decode(body);
}

/** A file's size in bytes, 0 when it cannot be read: for balancing parts and batches of a scan. */
export function fileSize(absolute: string): number {
  try {
    return statSync(absolute).size;
  } catch {
    return 0;
  }
}

/** A regular file's decoded text, or undefined when it cannot be read or decoded (for a quick look before parsing). */
export function readText(absolute: string): string | undefined {
  const read = readRegularFile(absolute);
  const decoded = read.ok ? decode(read.bytes) : undefined;
  return decoded?.ok ? decoded.text : undefined;
}

/** A file the user names (config, policy, baseline, SARIF to merge): its text, or one UsageError line saying why it cannot be read. */
export function readUserFile(file: string, what: string, shown = file): string {
  const read = readRegularFile(file);
  if (!read.ok) throw new UsageError(`cannot read ${what} ${shown}: ${read.code ? systemReason(read) : read.message}`);
  const decoded = decode(read.bytes);
  if (!decoded.ok) throw new UsageError(`${shown}:${decoded.range.start.line}:${decoded.range.start.column}: ${decoded.message}`);
  return decoded.text;
}

/** A JSON file the user names, parsed; a syntax error is the same one line as an unreadable file. */
export function readUserJson(file: string, what: string, shown = file): unknown {
  const text = readUserFile(file, what, shown);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${shown}: ${(error as Error).message}`);
  }
}
