/** Positions are 1-based; columns count UTF-16 code units, as SARIF's default columnKind. */
export interface Position {
  line: number;
  column: number;
}

/** The end position is exclusive: it names the column just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  path: string;
  range: Range;
}

/** A place that helps explain a finding, such as the stage a `COPY --from` names or the repository a policy belongs to. */
export interface RelatedLocation extends Location {
  /** What the place has to do with the finding, e.g. "the repository is declared here". */
  message?: string;
}

export type Level = 'error' | 'warning' | 'note';
export const LEVELS: readonly Level[] = ['error', 'warning', 'note'];

/** Whether `a` is at least as severe as `b`. */
export function atLeast(a: Level, b: Level): boolean {
  return LEVELS.indexOf(a) <= LEVELS.indexOf(b);
}

import type { Kind } from './languages/index.js';

export type { Kind };

/** A file as read from disk or stdin; `path` is relative to the scan root, with `/` separators. */
export interface SourceFile {
  path: string;
  kind: Kind;
  text: string;
}

export interface Comment {
  range: Range;
  /** The comment's text without its marker (`#`, `//`). */
  text: string;
}

/** What every parsed document has in common; each kind adds its own typed model. */
export interface DocumentBase {
  kind: Kind;
  file: SourceFile;
  comments: Comment[];
  /** Ranges of the file's statements (Dockerfile instructions, …): an ignore comment above one covers all its lines. */
  statements: Range[];
}

export interface Fix {
  description: string;
  replacements: { range: Range; text: string }[];
}

export interface Suppression {
  kind: 'inSource' | 'external';
  justification: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  location: Location;
  related: RelatedLocation[];
  fingerprint: string;
  fix?: Fix;
  /** The range holds a secret; output that quotes the source masks it. */
  sensitive?: boolean;
  suppression?: Suppression;
}
