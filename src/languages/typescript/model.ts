import type { ModelContribution } from '../../language.js';
import type { ModelOptions } from '../../workspace.js';
import { mapLogValues, type LogCall, type LogValue } from '../../facts/log-calls.js';
import type { DeclaredType, ScriptDocument } from './document.js';
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
      const declared = new DeclaredTypes(document, (specifier) => modules.get(resolver.module(document.file.path, specifier) ?? ''));
      const typed = (call: LogCall) => mapLogValues(call, (value) => withDeclaredType(value, declared));
      return [
        ...document.logCalls.map(typed),
        ...document.importedCalls.flatMap(({ call, imported, logsAlone }) => {
          const module = declared.moduleOf(imported.specifier);
          if (!module && !logsAlone) return [];
          const logger = module?.loggers.find((candidate) => candidate.name === imported.name);
          return [typed(logger ? { ...call, library: logger.library, redactions: [...call.redactions, ...logger.redactions] } : call)];
        }),
      ];
    });
  return { model: undefined, facts: { logCalls: calls }, notes: [] };
}

/** What the types a module names are, where it declares them or imports them from another scanned module. */
class DeclaredTypes {
  constructor(
    private readonly document: ScriptDocument,
    /** The module of the scan an import of the document names. */
    readonly moduleOf: (specifier: string) => ScriptDocument | undefined,
  ) {}

  /** Whether the type is an alias of a plain one (`type Recipient = string`); a list's type is named in the plural (`Recipient[]` → Recipients). */
  isPlain(type: string): boolean {
    return [type, type.replace(/s$/, '')].some((name) => this.document.plainTypes.has(name) || this.imported(name, (module, exported) => module.plainTypes.has(exported)));
  }

  /** What a member of an imported type is declared to hold: `recipients` of a `Mail` declared in `./mail`. */
  member(owner: string, name: string): DeclaredType | undefined {
    return this.imported(owner, (module, exported) => module.members.get(`${exported}.${name}`));
  }

  private imported<T>(local: string, read: (module: ScriptDocument, exported: string) => T): T | undefined {
    const imported = this.document.moduleImports.get(local);
    const module = imported && this.moduleOf(imported.specifier);
    return module ? read(module, imported.name) : undefined;
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
  return { ...value, types, plain };
}
