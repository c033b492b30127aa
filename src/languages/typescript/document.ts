import type { LogCall, LogRedaction } from '../../facts/log-calls.js';
import type { DocumentBase } from '../../types.js';

/** A logger created at the top level of a module (`export const logger = pino({ redact: […] })`), as other modules import it. */
export interface ModuleLogger {
  readonly name: string;
  readonly library: string;
  readonly redactions: readonly LogRedaction[];
}

/** A log call through a name imported from another module, read with that module's logger where the scan holds the module (model.ts). */
export interface ImportedLogCall {
  readonly call: LogCall;
  readonly imported: ModuleImport;
  /**
   * A log call even where the import names no module of the scan: its receiver is imported by a relative path, or named like a
   * logger (`import log from 'loglevel'`). Else (`import { store } from '@app/store'`, `store.error(…)`) only a logger of the module makes it one.
   */
  readonly logsAlone: boolean;
}

/** What a declaration says a name or member holds: a value of a named type, or a plain one (a string, a number, a list of them). */
export type DeclaredType = { typed: 'named'; name: string } | { typed: 'plain' };

/** A name imported from a module that is no logging library: the specifier as written (`./logger`, `@app/models/user`) and the name it exports (`default`, `*`). */
export interface ModuleImport {
  readonly specifier: string;
  readonly name: string;
}

export interface ModuleReexport {
  readonly specifier: string;
  /** Exported name → the name the other module exports; undefined for `export *`. */
  readonly names: ReadonlyMap<string, string> | undefined;
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
  /** Interfaces and aliases of an object type: shapes of data, which a name describes (`interface IEmailNotification`), unlike a class's behaviour. */
  dataTypes: ReadonlySet<string>;
  /** Names the module exports from others (`export * from './sns'`, `export { User } from './user'`), by specifier: every name, or these by the name each module exports. */
  reexports: readonly ModuleReexport[];
  /**
   * The types it declares for every file of its project, which see them without an import: all of a script with no import or export
   * (tsc's isExternalModule), those of the `declare global { … }` blocks of a module.
   */
  globalTypes: 'all' | ReadonlySet<string>;
  /** Names imported from modules that are no logging library, by their local name: the model finds those the scan holds. */
  moduleImports: ReadonlyMap<string, ModuleImport>;
}
