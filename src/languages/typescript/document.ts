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
  /** The importing module's specifier resolved against its directory, without extension (`src/logger`). */
  readonly from: string;
  /** The imported name (`default` for a default import). */
  readonly name: string;
}

export interface ScriptDocument extends DocumentBase {
  kind: 'typescript' | 'javascript';
  /** Minified or generated code: not read for log calls or literals. */
  generated: boolean;
  logCalls: LogCall[];
  importedCalls: ImportedLogCall[];
  loggers: ModuleLogger[];
}
