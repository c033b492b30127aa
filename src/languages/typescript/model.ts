import type { ModelContribution, Note } from '../../language.js';
import type { ModelOptions } from '../../workspace.js';
import { mapLogValues, type LogCall, type LogValue } from '../../facts/log-calls.js';
import { parentOf } from '../../paths.js';
import type { DeclaredType, ModuleImport, ScriptDocument } from './document.js';
import { PROJECT_SEARCH_ENTRIES, projectDeclarations } from './globals.js';
import { byModuleKey, ModuleResolver, pathsByKey, type Declaration, type Project } from './modules.js';
import { parseScript, typescriptCompiler } from './parser.js';

/**
 * The TypeScript/JavaScript model: every module's log calls; a call through a logger imported from
 * another scanned module (`import { logger } from './logger'`, or through the tsconfig's `paths` and
 * `baseUrl`: `from '@app/logger'`) takes that logger's library and redaction, and values read through a
 * type imported from one (`mail.recipients` of `import { Mail } from './mail'`, or of a declaration file
 * `./mail.d.ts`) take the types that module declares; a type neither declared nor imported, those the declaration files of the
 * module's project declare globally (`types/global.d.ts` with no import or export, a `declare global { … }` block).
 */
export async function buildScriptModel(documents: readonly ScriptDocument[], options: ModelOptions): Promise<ModelContribution<undefined>> {
  const modules = byModuleKey(documents, (document) => document.file.path);
  const read = (path: string) => {
    const file = options.reader.read('', path);
    return file.ok ? file.text : undefined;
  };
  const resolver = new ModuleResolver(pathsByKey(modules, (document) => document.file.path), read);
  const declarations = new Map<string, ScriptDocument | undefined>();
  /** A declaration file's types, read once; its log calls and syntax errors are not the scan's. */
  const typesIn = (path: string, text = read(path)): ScriptDocument | undefined => {
    if (!declarations.has(path)) declarations.set(path, parseScript({ path, kind: 'typescript', text: text ?? '' }).document);
    return declarations.get(path);
  };
  const described = new Map<string, ScriptDocument | undefined>();
  /** An imported declaration file's types: the JavaScript module it describes is what runs, so its loggers, with their redaction, are the ones called. */
  const declarationOf = ({ path, describes }: Declaration): ScriptDocument | undefined => {
    const types = typesIn(path);
    const script = modules.get(describes ?? '');
    if (!types || !script) return types;
    if (!described.has(path)) described.set(path, { ...types, loggers: script.loggers });
    return described.get(path);
  };
  const notes: Note[] = [];
  const projectDeclarationTexts = new Map<Project, DeclarationText[]>();
  /**
   * The declaration files of a module's project, found and read when a type is first looked for there. A solution's config,
   * which includes no file of its own (`"files": []` and `references`, as Vite and Nx write them), stands for the projects it references.
   */
  const declarationTextsOf = (document: ScriptDocument): readonly DeclarationText[] => {
    const project = resolver.project(parentOf(document.file.path));
    if (!project) return [];
    let texts = projectDeclarationTexts.get(project);
    if (!texts) {
      const projects = isSolution(project) ? project.references.flatMap((config) => resolver.projectAt(config) ?? []) : [project];
      const paths = projects.flatMap((each) => {
        const found = projectDeclarations(typescriptCompiler(), each, { list: (directory) => options.reader.list(directory), read });
        if (found.cutShort) notes.push(searchCutShort(each));
        return found.paths;
      });
      projectDeclarationTexts.set(project, (texts = [...new Set(paths)].map((path) => ({ path, text: read(path) ?? '' }))));
    }
    return texts;
  };
  /** Those of a module's project's declaration files that declare globally and may declare `name`: a file whose text lacks the name is not parsed. */
  const globalsNaming = (document: ScriptDocument, name: string): readonly ScriptDocument[] =>
    declarationTextsOf(document)
      .filter(({ text }) => text.includes(name))
      .map(({ path, text }) => typesIn(path, text))
      .filter(declaresGlobally);
  const resolve = (importer: string, specifier: string): ScriptDocument | undefined => {
    const key = resolver.module(importer, specifier) ?? '';
    const declaration = resolver.declarationFile(key);
    return declaration === undefined ? modules.get(key) : declarationOf(declaration);
  };
  const scopes = new Map<ScriptDocument, DeclaredTypes>();
  const scopeOf = (document: ScriptDocument): DeclaredTypes => {
    let scope = scopes.get(document);
    if (!scope) scopes.set(document, (scope = new DeclaredTypes(document, resolve, scopeOf, (name) => globalsNaming(document, name))));
    return scope;
  };
  const calls = (): LogCall[] =>
    documents.flatMap((document) => {
      const declared = scopeOf(document);
      const typed = (call: LogCall) => mapLogValues(call, (value) => withDeclaredType(value, declared));
      return [
        ...document.logCalls.map(typed),
        ...document.importedCalls.flatMap(({ call, imported, logsAlone }) => {
          const logger = declared.exported(imported, (module, name) => module.loggers.find((candidate) => candidate.name === name));
          if (!logger) return logsAlone ? [typed(call)] : [];
          return [typed({ ...call, library: logger.library, redactions: [...call.redactions, ...logger.redactions] })];
        }),
      ];
    });
  return { model: undefined, facts: { logCalls: calls }, notes };
}

/** The note of a project whose search for its global declaration files stopped: a type declared in a file it did not reach is not known. */
function searchCutShort(project: Project): Note {
  const message = `the search of this project for its global declaration files (a \`.d.ts\` with no import or export, a \`declare global\` block) stopped after listing ${PROJECT_SEARCH_ENTRIES.toLocaleString('en')} entries, so a type declared only in a file it did not reach is not known to the log rules; narrow the config's \`include\`, or \`exclude\` the trees that hold no such file (generated code, fixtures)`;
  return { location: { path: project.config, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }, message };
}

/** Modules that export another's names (`export * from './sns'` in an index) are followed this far. */
const MAX_REEXPORTS = 8;

/**
 * What the types a module names are, where it declares them, imports them from another scanned module (through the modules that
 * export them again) or, neither, finds them declared globally.
 */
class DeclaredTypes {
  private readonly sources = new Map<string, NameSource[]>();

  constructor(
    private readonly document: ScriptDocument,
    /** The module of the scan that an import in the module at `importer` names. */
    private readonly resolve: (importer: string, specifier: string) => ScriptDocument | undefined,
    /** Another module's types, which name the types of its own members (`buyer: Customer` of its `Mail`). */
    private readonly scopeOf: (module: ScriptDocument) => DeclaredTypes,
    /** The global declaration files of the module's project that may declare a name. */
    private readonly globals: (name: string) => readonly ScriptDocument[],
  ) {}

  /** Whether the type is an alias of a plain one (`type Recipient = string`); a list's type is named in the plural (`Recipient[]` → Recipients). */
  isPlain(type: string): boolean {
    return [type, type.replace(/s$/, '')].some((name) => this.declares(name, (module, exported) => module.plainTypes.has(exported)));
  }

  /** Whether the type is a shape of data (an interface, an object type) that the scan declares. */
  isDataShape(type: string): boolean {
    return this.declares(type, (module, exported) => module.dataTypes.has(exported));
  }

  /**
   * What a member of a type the module declares or imports is declared to hold (`recipients` of a `Mail` declared in `./mail`), and
   * the module whose names that member's type is (`./mail`'s, where its `buyer: Customer` is read on).
   */
  member(owner: string, name: string): { declared: DeclaredType; home: DeclaredTypes } | undefined {
    const read = (module: ScriptDocument, exported: string) => {
      const declared = module.members.get(`${exported}.${name}`);
      return declared && { declared, home: this.scopeOf(module) };
    };
    return read(this.document, owner) ?? firstFound(this.sourcesOfName(owner), read);
  }

  /** What `read` finds of an imported name in the module that exports it, or in the modules that one exports it from. */
  exported<T>(imported: ModuleImport, read: (module: ScriptDocument, exported: string) => T | undefined): T | undefined {
    return firstFound(this.sourcesOf(imported), read);
  }

  private declares(name: string, read: (module: ScriptDocument, exported: string) => boolean): boolean {
    return read(this.document, name) || firstFound(this.sourcesOfName(name), (module, exported) => read(module, exported) || undefined) === true;
  }

  /** Where a name the module does not declare may be: the modules it is imported from, else (as tsc sees an unimported name) the global declarations. */
  private sourcesOfName(name: string): NameSource[] {
    const imported = this.document.moduleImports.get(name);
    if (imported) return this.sourcesOf(imported);
    return this.globals(name)
      .filter(({ globalTypes }) => globalTypes === 'all' || globalTypes.has(name))
      .map((module) => ({ module, name }));
  }

  /** The modules an import may find its name declared in, in the order they are asked: the re-exports are walked once for each import, not for each question. */
  private sourcesOf(imported: ModuleImport): NameSource[] {
    const key = `${imported.specifier}\0${imported.name}`;
    let sources = this.sources.get(key);
    if (!sources) {
      sources = [];
      const module = this.resolve(this.document.file.path, imported.specifier);
      if (module) this.addSources(module, imported.name, 0, new Map(), sources);
      this.sources.set(key, sources);
    }
    return sources;
  }

  /**
   * `visited`: the least depth each name was looked for at in each module. Barrels that export one another (`export *` both ways)
   * are then walked a few times each, not once for each of the exponentially many paths through them.
   */
  private addSources(module: ScriptDocument, name: string, depth: number, visited: Map<string, number>, sources: NameSource[]): void {
    const key = `${module.file.path}\0${name}`;
    const before = visited.get(key);
    if (before !== undefined && before <= depth) return;
    visited.set(key, depth);
    if (before === undefined) sources.push({ module, name });
    if (depth >= MAX_REEXPORTS) return;
    for (const { specifier, names } of module.reexports) {
      const exported = names ? names.get(name) : name;
      const next = exported === undefined ? undefined : this.resolve(module.file.path, specifier);
      if (next) this.addSources(next, exported!, depth + 1, visited, sources);
    }
  }
}

function isSolution(project: Project): boolean {
  return project.include.length === 0 && project.files.length === 0 && project.references.length > 0;
}

function declaresGlobally(types: ScriptDocument | undefined): types is ScriptDocument {
  return types !== undefined && (types.globalTypes === 'all' || types.globalTypes.size > 0);
}

/** What `read` finds first in the sources, in their order. */
function firstFound<T>(sources: readonly NameSource[], read: (module: ScriptDocument, name: string) => T | undefined): T | undefined {
  for (const { module, name } of sources) {
    const found = read(module, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A declaration file of a project and its text. */
interface DeclarationText {
  path: string;
  text: string;
}

/** A module that may declare an imported name, and the name it has there. */
interface NameSource {
  module: ScriptDocument;
  name: string;
}

/**
 * The value with the types its names have in the modules that declare them: a plain alias is plain, an imported type's member has its
 * declared type, and so on down the chain through the modules each type is declared in.
 */
function withDeclaredType(value: LogValue, declared: DeclaredTypes): LogValue {
  const types = [...value.types];
  // The module whose names each type is: a member's type is its declaring module's, however deep the chain (`order.buyer.contacts`).
  const homes = value.path.map(() => declared);
  let plain = value.plain;
  value.path.forEach((name, index) => {
    const type = types[index];
    const owner = types[index - 1];
    const member = type === undefined && owner !== undefined ? homes[index - 1]!.member(owner, name) : undefined;
    if (member) homes[index] = member.home;
    const isPlain = type !== undefined ? homes[index]!.isPlain(type) : member?.declared.typed === 'plain';
    if (isPlain) types[index] = undefined;
    else if (member?.declared.typed === 'named') types[index] = member.declared.name;
    if (index === value.path.length - 1 && (isPlain || member)) plain = isPlain;
  });
  const own = types.at(-1);
  return { ...value, types, plain, shaped: own !== undefined && types.length === value.path.length && homes.at(-1)!.isDataShape(own) };
}
