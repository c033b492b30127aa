import type { ModelContribution } from '../../language.js';
import type { ModelOptions } from '../../workspace.js';
import { mapLogValues, type LogCall, type LogValue } from '../../facts/log-calls.js';
import type { DeclaredType, ModuleImport, ScriptDocument } from './document.js';
import { moduleKey, ModuleResolver } from './modules.js';

/**
 * The TypeScript/JavaScript model: every module's log calls; a call through a logger imported from
 * another scanned module (`import { logger } from './logger'`, or through the tsconfig's `paths` and
 * `baseUrl`: `from '@app/logger'`) takes that logger's library and redaction, and values read through a
 * type imported from one (`mail.recipients` of `import { Mail } from './mail'`) take the types that
 * module declares.
 */
export async function buildScriptModel(documents: readonly ScriptDocument[], options: ModelOptions): Promise<ModelContribution<undefined>> {
  const modules = new Map(documents.map((document) => [moduleKey(document.file.path), document]));
  const resolver = new ModuleResolver(new Set(modules.keys()), (path) => {
    const read = options.reader.read('', path);
    return read.ok ? read.text : undefined;
  });
  const calls = (): LogCall[] =>
    documents.flatMap((document) => {
      const declared = new DeclaredTypes(document, (importer, specifier) => modules.get(resolver.module(importer, specifier) ?? ''));
      const typed = (call: LogCall) => mapLogValues(call, (value) => withDeclaredType(value, declared));
      return [
        ...document.logCalls.map(typed),
        ...document.importedCalls.flatMap(({ call, imported, logsAlone }) => {
          if (!logsAlone && !declared.isInScan(imported)) return [];
          const logger = declared.exported(imported, (module, name) => module.loggers.find((candidate) => candidate.name === name));
          return [typed(logger ? { ...call, library: logger.library, redactions: [...call.redactions, ...logger.redactions] } : call)];
        }),
      ];
    });
  return { model: undefined, facts: { logCalls: calls }, notes: [] };
}

/** Modules that export another's names (`export * from './sns'` in an index) are followed this far. */
const MAX_REEXPORTS = 8;

/** What the types a module names are, where it declares them or imports them from another scanned module (through the modules that export them again). */
class DeclaredTypes {
  constructor(
    private readonly document: ScriptDocument,
    /** The module of the scan that an import in the module at `importer` names. */
    private readonly resolve: (importer: string, specifier: string) => ScriptDocument | undefined,
  ) {}

  /** Whether the type is an alias of a plain one (`type Recipient = string`); a list's type is named in the plural (`Recipient[]` → Recipients). */
  isPlain(type: string): boolean {
    return [type, type.replace(/s$/, '')].some((name) => this.declares(name, (module, exported) => module.plainTypes.has(exported)));
  }

  /** Whether the type is a shape of data (an interface, an object type) that the scan declares. */
  isDataShape(type: string): boolean {
    return this.declares(type, (module, exported) => module.dataTypes.has(exported));
  }

  /** What a member of an imported type is declared to hold: `recipients` of a `Mail` declared in `./mail`. */
  member(owner: string, name: string): DeclaredType | undefined {
    const imported = this.document.moduleImports.get(owner);
    return imported && this.exported(imported, (module, exported) => module.members.get(`${exported}.${name}`));
  }

  isInScan(imported: ModuleImport): boolean {
    return this.resolve(this.document.file.path, imported.specifier) !== undefined;
  }

  /** What `read` finds of an imported name in the module that exports it, or in the modules that one exports it from. */
  exported<T>(imported: ModuleImport, read: (module: ScriptDocument, exported: string) => T | undefined): T | undefined {
    const module = this.resolve(this.document.file.path, imported.specifier);
    return module && this.inModule(module, imported.name, read, 0);
  }

  private declares(name: string, read: (module: ScriptDocument, exported: string) => boolean): boolean {
    const imported = this.document.moduleImports.get(name);
    return read(this.document, name) || (imported !== undefined && this.exported(imported, (module, exported) => read(module, exported) || undefined) === true);
  }

  private inModule<T>(module: ScriptDocument, name: string, read: (module: ScriptDocument, exported: string) => T | undefined, depth: number): T | undefined {
    const found = read(module, name);
    if (found !== undefined || depth >= MAX_REEXPORTS) return found;
    for (const { specifier, names } of module.reexports) {
      const exported = names ? names.get(name) : name;
      const next = exported === undefined ? undefined : this.resolve(module.file.path, specifier);
      const through = next && this.inModule(next, exported!, read, depth + 1);
      if (through !== undefined) return through;
    }
    return undefined;
  }
}

/** The value with the types its names have in the modules that declare them: a plain alias is plain, an imported type's member has its declared type. */
function withDeclaredType(value: LogValue, declared: DeclaredTypes): LogValue {
  const types = [...value.types];
  let plain = value.plain;
  value.path.forEach((name, index) => {
    const type = types[index];
    const owner = types[index - 1];
    const member = type === undefined && owner !== undefined ? declared.member(owner, name) : undefined;
    const isPlain = type !== undefined ? declared.isPlain(type) : member?.typed === 'plain';
    if (isPlain) types[index] = undefined;
    else if (member?.typed === 'named') types[index] = member.name;
    if (index === value.path.length - 1 && (isPlain || member)) plain = isPlain;
  });
  const own = types.at(-1);
  return { ...value, types, plain, shaped: own !== undefined && types.length === value.path.length && declared.isDataShape(own) };
}
