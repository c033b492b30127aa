import type { Document } from '../parsers/index.js';

/** Facts about the whole scan that rules read; filled once by the model stage, never by rules. */
export interface Workspace {
  documents: readonly Document[];
  byPath: ReadonlyMap<string, Document>;
}

export function buildWorkspace(documents: Document[]): Workspace {
  return { documents, byPath: new Map(documents.map((document) => [document.file.path, document])) };
}
