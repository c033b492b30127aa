import type { Document } from '../parsers/index.js';

/** Facts about the whole scan that rules read; filled once by the model stage, never by rules. */
export interface Workspace {
  documents: readonly Document[];
  byPath: ReadonlyMap<string, Document>;
}

export function buildWorkspace(documents: Document[]): Workspace {
  return { documents, byPath: new Map(documents.map((document) => [document.file.path, document])) };
}

/** How the model stage reads files it needs beyond the scanned documents (`file()`, `templatefile()`). */
export interface FileReader {
  /** `path` resolved from `directory` (relative to the scan root); refused, with the reason, outside the scan root. */
  read(directory: string, path: string): FileRead;
}

export type FileRead = { ok: true; path: string; text: string } | { ok: false; reason: string };
