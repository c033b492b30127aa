import type { Document } from './languages/index.js';
import type { ReadOnRequest, Workspace } from './workspace.js';
import type { Settings } from './config/config.js';
import type { Fix, Kind, Level, Location, Range, RelatedLocation } from './types.js';

export const PROJECT_URL = 'https://github.com/merlint/merlint';

export interface RuleMeta {
  /** Stable public id: family letters and three digits, e.g. `DKR002`. */
  id: string;
  slug: string;
  level: Level;
  title: string;
  /** Why the rule exists, in words a compliance officer accepts; cites the law or standard where one applies. */
  rationale: string;
  /** What a developer does to fix a finding. */
  remediation: string;
  helpUri: string;
  kinds: Kind[];
  tags: string[];
  /** GitHub code scanning's `security-severity` (0.0–10.0) for security rules. */
  securitySeverity?: number;
  /** The parts of models the check reads that are built only on request (src/workspace.ts). */
  reads?: ReadOnRequest[];
}

export interface ReportExtra {
  related?: RelatedLocation[];
  fix?: Fix;
  /** The reported range holds a secret: reporters that quote source must mask it. */
  sensitive?: boolean;
  /** A milder level for this finding than the rule's (a plain-HTTP proxy on loopback, PreferDualStack are notes); never harsher, and a level set in the config wins. */
  level?: Level;
}

export interface RuleContext<D extends Document = Document> {
  document: D;
  workspace: Workspace;
  settings: Settings;
  /** A bare range is in the checked document; a location may point into another file of the workspace. */
  report(at: Range | Location, message: string, extra?: ReportExtra): void;
}

export type DocumentOf<K extends Kind> = Extract<Document, { kind: K }>;

export interface Rule<D extends Document = Document> extends RuleMeta {
  check(context: RuleContext<D>): void;
}

export type RuleDefinition<K extends Kind> = Omit<RuleMeta, 'helpUri' | 'kinds'> & {
  kinds: K[];
  check(context: RuleContext<DocumentOf<K>>): void;
};

export function helpUri(id: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${id}.md`;
}

export function defineRule<K extends Kind>(definition: RuleDefinition<K>): Rule {
  return { ...definition, helpUri: helpUri(definition.id) } as unknown as Rule;
}

/** A rule that the engine itself reports (parse errors, suppression problems) rather than a check over a document. */
export function defineBuiltin(meta: Omit<RuleMeta, 'helpUri'>): RuleMeta {
  return { ...meta, helpUri: helpUri(meta.id) };
}
