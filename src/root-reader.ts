import { readdirSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isInside, toRootRelative } from './discover.js';
import type { DirectoryEntries, FileRead, FileReader } from './workspace.js';
import { decode, readRegularFile, readText } from './source.js';
import { realPath } from './paths.js';

/**
 * The only way the model stage reads a file (Terraform `file()`, `templatefile()`): resolved from
 * the module's directory, symbolic links followed, and refused unless the file lies inside the
 * scan root. What it reads is kept so reporters can quote it; what it refuses is kept for notices.
 */
export class RootReader implements FileReader {
  readonly texts = new Map<string, string>();
  readonly refusals = new Set<string>();
  readonly root: string;
  /** Directories a listing found inside the root, not through a link: listed in their turn without asking where they really are. */
  private readonly realDirectories = new Set<string>();

  constructor(root: string) {
    this.root = realPath(root);
  }

  read(directory: string, path: string): FileRead {
    const absolute = resolve(this.root, directory, path);
    if (!isInside(this.root, absolute)) return this.refuse(directory, path, 'it lies outside the scan root, and merlint reads nothing outside it');
    let real: string;
    try {
      real = realPath(absolute);
    } catch (error) {
      return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it (${(error as NodeJS.ErrnoException).code})` };
    }
    if (!isInside(this.root, real)) return this.refuse(directory, path, 'it is a symbolic link to a file outside the scan root, and merlint reads nothing outside it');
    const relative = toRootRelative(this.root, real);
    const known = this.texts.get(relative);
    if (known !== undefined) return { ok: true, path: relative, text: known };
    const read = readRegularFile(real);
    if (!read.ok) return { ok: false, reason: read.message };
    const decoded = decode(read.bytes);
    if (!decoded.ok) return { ok: false, reason: decoded.message };
    this.texts.set(relative, decoded.text);
    return { ok: true, path: relative, text: decoded.text };
  }

  list(directory: string): DirectoryEntries | undefined {
    const absolute = resolve(this.root, directory);
    try {
      if (!this.realDirectories.has(absolute) && (!isInside(this.root, absolute) || !isInside(this.root, realPath(absolute)))) return undefined;
      const files: string[] = [];
      const directories: string[] = [];
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        if (entry.isFile()) files.push(entry.name);
        else if (entry.isDirectory()) directories.push(entry.name);
      }
      for (const name of directories) this.realDirectories.add(`${absolute}${sep}${name}`);
      return { files, directories };
    } catch {
      return undefined;
    }
  }

  private refuse(directory: string, path: string, reason: string): FileRead {
    this.refusals.add(`${JSON.stringify(path)}, asked for in ${directory}, was not read: ${reason}`);
    return { ok: false, reason };
  }
}

/**
 * For planning a scan (which files go together): a file's text by its path relative to the scan root, as readText gives it. A path
 * that is none of the discovered `files` (a tsconfig.json, what it extends) is read as the model stage reads one, inside the root only.
 */
export function textInside(root: string, files: readonly { path: string }[]): (path: string) => string | undefined {
  const reader = new RootReader(root);
  const discovered = new Set(files.map((file) => file.path));
  return (path) => {
    if (discovered.has(path)) return readText(resolve(reader.root, path));
    const read = reader.read('', path);
    return read.ok ? read.text : undefined;
  };
}
