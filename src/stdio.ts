import { fstatSync, statSync, writeSync } from 'node:fs';
import builtinModule from './builtin-module.cjs';
import { UsageError } from './errors.js';
import { systemReason } from './source.js';

/*
 * Standard output and error written straight to their descriptors. process.stdout and process.stderr
 * are streams whose creation loads Node's stream and net modules, a few ms of a pre-commit run that
 * prints a line or nothing; a write here returns once every byte is with the kernel, in the order
 * the writes were made.
 */

/** A Windows console takes UTF-8 only through process.stdout and process.stderr. */
const WINDOWS = process.platform === 'win32';

/** A failed write is the user's to fix (a full disk, a closed descriptor): one line and exit 2. */
export function writeStandardOutput(text: string): void {
  try {
    if (WINDOWS) process.stdout.write(text);
    else writeAll(1, text);
  } catch (error) {
    throw new UsageError(`cannot write the output: ${systemReason(error)}`);
  }
}

/** Where standard error cannot be written there is nowhere left to say so. */
export function writeStandardError(text: string): void {
  try {
    if (WINDOWS) process.stderr.write(text);
    else writeAll(2, text);
  } catch {
    // nowhere to report it
  }
}

/** Descriptors whose reader has gone (EPIPE, as in `merlint | head -1`): what is left to write there is dropped. */
const readerGone = new Set<number>();
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to descriptor `fd`; throws what write(2) reports, other than a full pipe or a reader gone. */
export function writeAll(fd: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < data.length && !readerGone.has(fd)) {
    try {
      written += writeSync(fd, data, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') readerGone.add(fd);
      // A pipe another process made non-blocking (a Node parent that read it) is full until its reader catches up.
      else if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else throw error;
    }
  }
}

/**
 * Whether descriptor `fd` is a terminal. Node's tty module, which loads the stream modules, is asked
 * only about a character device other than /dev/null: a pipe, a file or /dev/null is no terminal.
 */
export function isTerminal(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice() || stats.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // no /dev/null (Windows): ask the tty module
  }
  return builtinModule<typeof import('node:tty')>('node:tty').isatty(fd);
}
