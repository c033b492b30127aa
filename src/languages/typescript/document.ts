import type { LogCall, LogRedaction } from '../../facts/log-calls.js';
import type { DocumentBase } from '../../types.js';

/** A logger created at the top level of a module (`export const logger = pino({ redact: […] })`), as other modules import it. */
export interface ModuleLogger {
  readonly name: string;
  readonly library: string;
  readonly redactions: readonly LogRedaction[];
}

/** A log call through a name imported from another module of the scan, resolved by the model. */
export interface ImportedLogCall {
  readonly call: LogCall;
  /** The importing module's specifier resolved against its directory, without extension (`src/logger`), and the imported name (`default` for a default import). */
  readonly from: string;
  readonly name: string;
}

/** What a declaration says a name or member holds: a value of a named type, or a plain one (a string, a number, a list of them). */
export type DeclaredType = { typed: 'named'; name: string } | { typed: 'plain' };

/** A name imported from another module of the scan: the importing module's specifier resolved (`src/logger`) and the name it exports. */
export interface RelativeImport {
  readonly from: string;
  readonly name: string;
}

export interface ScriptDocument extends DocumentBase {
  kind: 'typescript' | 'javascript';
  /** Minified or generated code: not read for log calls or literals. */
  generated: boolean;
  logCalls: LogCall[];
  importedCalls: ImportedLogCall[];
  loggers: ModuleLogger[];
  /** Members of the module's interfaces, object types and classes by `Type.member`, which modules that import the type read too. */
  members: ReadonlyMap<string, DeclaredType>;
  /** Type aliases of a plain type (`type Recipient = string`). */
  plainTypes: ReadonlySet<string>;
  /** Names imported from other modules of the scan, by their local name. */
  relativeImports: ReadonlyMap<string, RelativeImport>;
}
