import { posix } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { deepestBracket } from '../../nesting.js';
import { parentOf } from '../../paths.js';

/*
 * Which module of the scan an import names, as TypeScript resolves it: a relative specifier from the
 * importing file's directory; any other through the `paths` and `baseUrl` of the tsconfig.json (or
 * jsconfig.json) nearest above the importing file, with what it `extends` (a path, or a package's config
 * in a node_modules directory above it, as tsc finds them). A `paths` pattern is tried first (an exact key,
 * else the pattern of the longest prefix; each of its substitutions in order), then `baseUrl`. Where no
 * TypeScript module of the scan has the name, a declaration file of it (`types.d.ts`) is named before a
 * JavaScript module, as TypeScript does: it is read for its types, never checked. Nothing outside the
 * scan root is read, and what a package of node_modules would give is never looked for.
 */

/** A module as imports name it: its path without the extension (`src/logger.ts` → `src/logger`, `src/logger/index.ts` → `src/logger/index`). */
export function moduleKey(path: string): string {
  return path.replace(SCRIPT_EXTENSION, '');
}

const SCRIPT_EXTENSION = /\.[cm]?[jt]sx?$/;
const TYPESCRIPT_EXTENSION = /\.[cm]?tsx?$/;
/** A declaration file's ending, after the module's key (`types` → `types.d.ts`). */
const DECLARATION = '.d.ts';
/** TypeScript's order among the files of one name: `b.ts` before `b.tsx` before a `b.js` compiled beside it. */
const EXTENSION_ORDER = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Each module key with the one of its files TypeScript resolves to (`src/log.ts` of `src/log.ts` and `src/log.js`). */
export function byModuleKey<T>(items: readonly T[], pathOf: (item: T) => string): Map<string, T> {
  const rank = (item: T) => EXTENSION_ORDER.indexOf(SCRIPT_EXTENSION.exec(pathOf(item))?.[0] ?? '');
  const chosen = new Map<string, T>();
  for (const item of items) {
    const key = moduleKey(pathOf(item));
    const known = chosen.get(key);
    if (known === undefined || rank(item) < rank(known)) chosen.set(key, item);
  }
  return chosen;
}

/** Each module key with its file's path, as the resolver takes them. */
export function pathsByKey<T>(modules: ReadonlyMap<string, T>, pathOf: (item: T) => string): Map<string, string> {
  return new Map([...modules].map(([key, item]) => [key, pathOf(item)]));
}

export function isRelative(specifier: string): boolean {
  return /^\.\.?(?:\/|$)/.test(specifier);
}

/** A declaration file, and the key of the JavaScript module of the scan it describes (`src/log.d.ts` of `src/log.js`), if there is one. */
export interface Declaration {
  readonly path: string;
  readonly describes: string | undefined;
}

/**
 * A path a config gives: as written, with the directory it is relative to (the config's own), or, for one that starts `${configDir}`,
 * none: TypeScript fills that in with the directory of the config a project starts from, which a config extended by several does not know.
 */
interface ConfigPath {
  readonly path: string;
  readonly from: string | undefined;
}

/** What a config and those it extends say of module names and of a project's files. */
interface ConfigOptions {
  baseUrl?: ConfigPath;
  paths?: { patterns: Readonly<Record<string, unknown>>; base: string };
  include?: readonly ConfigPath[];
  files?: readonly ConfigPath[];
  exclude?: readonly ConfigPath[];
  typeRoots?: readonly ConfigPath[];
  types?: readonly string[];
  outDir?: ConfigPath;
  declarationDir?: ConfigPath;
  /** The configs of the projects it references, which no config that extends it inherits. */
  references?: readonly string[];
}

/** The project of a directory's nearest config: its options with their paths relative to the scan root, as the resolver and the model read them. */
export interface Project {
  /** The config the project starts from, relative to the scan root. */
  readonly config: string;
  /** The directory of the config the project starts from, which `${configDir}` names. */
  readonly directory: string;
  readonly baseUrl?: string;
  readonly paths?: { patterns: Readonly<Record<string, unknown>>; base: string };
  /** tsc's include specs (`**\/*` where neither `include` nor `files` is given), files, and exclude specs (by default outDir and declarationDir). */
  readonly include: readonly string[];
  readonly files: readonly string[];
  readonly exclude: readonly string[];
  /** The typeRoots the config names (none by default: node_modules/@types describes packages, not the project's own data). */
  readonly typeRoots: readonly string[];
  readonly types: readonly string[] | undefined;
  /** The configs of the projects it references (`{ "path": "./tsconfig.app.json" }`, a directory's tsconfig.json), relative to the scan root. */
  readonly references: readonly string[];
}

/** TypeScript 5.5's template for the directory of the config a project starts from, in any letter case, at the start of a path. */
const CONFIG_DIR = /^\$\{configDir\}/i;
/** The conditions tsc's nodeNextJsonConfigResolver matches in a package's `exports` for a config, besides `default`. */
const CONFIG_CONDITIONS = new Set(['default', 'require', 'types', 'node']);

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** Configs nested deeper than this are not read (jsonc-parser recurses); a chain of `extends` longer than this is cut. */
const DEEPEST = 64;

export class ModuleResolver {
  private readonly byDirectory = new Map<string, Project | undefined>();
  /** Each config's project, made once: directories below it and the solutions that reference it share it. */
  private readonly byProjectConfig = new Map<string, Project>();
  /** Each config's options, read once: configs that extend the same base (or one another) do not read it again. */
  private readonly byConfig = new Map<string, ConfigOptions>();
  /** What each specifier names from each directory: a module imports the same few names many times over. */
  private readonly resolved = new Map<string, string | undefined>();
  /** The declaration files named, by the key `module` gives them. */
  private readonly declarations = new Map<string, Declaration>();
  /** Each module key looked for a declaration file of, with the key of the one found: one look on disk each, from whatever directory. */
  private readonly declarationKeys = new Map<string, string | undefined>();

  constructor(
    /** The scan's scripts: each module key with the path of the file TypeScript resolves it to (`byModuleKey`). */
    private readonly modules: ReadonlyMap<string, string>,
    /** A file's text by its path relative to the scan root; undefined when there is none. */
    private readonly read: (path: string) => string | undefined,
  ) {}

  /** The key of the scan's module or declaration file that `specifier`, imported in the file at `importer`, names; undefined for any other. */
  module(importer: string, specifier: string): string | undefined {
    const directory = parentOf(importer);
    const key = `${directory}\0${specifier}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.resolve(directory, specifier));
    return this.resolved.get(key);
  }

  /** The declaration file (`src/types.d.ts`) a key that `module` gave names; undefined for a module of the scan. */
  declarationFile(key: string): Declaration | undefined {
    return this.declarations.get(key);
  }

  private resolve(directory: string, specifier: string): string | undefined {
    if (isRelative(specifier)) return this.known(posix.join(directory, specifier));
    const names = posix.isAbsolute(specifier) ? undefined : this.project(directory);
    if (!names) return undefined;
    // A `paths` pattern that matches decides, even where none of its substitutions is a module: TypeScript tries baseUrl only when none matches.
    const throughPaths = this.throughPaths(names, specifier);
    if (throughPaths) return throughPaths.found;
    return names.baseUrl === undefined ? undefined : this.known(posix.join(names.baseUrl, specifier));
  }

  private throughPaths(names: Project, specifier: string): { found: string | undefined } | undefined {
    if (!names.paths) return undefined;
    const { patterns, base } = names.paths;
    const located = (substitution: string) => (CONFIG_DIR.test(substitution) ? projectPath({ path: substitution, from: undefined }, names.directory) : posix.join(names.baseUrl ?? base, substitution));
    const matched = matchingPattern(Object.keys(patterns), specifier);
    if (matched === undefined) return undefined;
    const substitutions = patterns[matched.pattern];
    const found = (Array.isArray(substitutions) ? substitutions : [])
      .filter((substitution): substitution is string => typeof substitution === 'string')
      .map((substitution) => this.known(located(substitution.replace('*', matched.star))))
      .find((module) => module !== undefined);
    return { found };
  }

  /**
   * The module at a path, as TypeScript looks for it: a TypeScript module or declaration file of that name, else the index of the
   * directory; then a JavaScript module of either. Nothing outside the scan root.
   */
  private known(path: string): string | undefined {
    const normal = insideRoot(path)?.replace(/(.)\/$/, '$1');
    if (normal === undefined) return undefined;
    const keys = normal === '.' ? ['index'] : [moduleKey(normal), `${moduleKey(normal)}/index`];
    for (const key of keys) {
      if (TYPESCRIPT_EXTENSION.test(this.modules.get(key) ?? '')) return key;
      const declaration = this.declaration(key);
      if (declaration !== undefined) return declaration;
    }
    return keys.find((key) => this.modules.has(key));
  }

  /** The key of the declaration file of a module's key, where there is one (`types` → `types.d.ts`, keyed `types.d`). */
  private declaration(key: string): string | undefined {
    if (this.declarationKeys.has(key)) return this.declarationKeys.get(key);
    const path = `${key}${DECLARATION}`;
    const found = this.read(path) === undefined ? undefined : moduleKey(path);
    if (found !== undefined) this.declarations.set(found, { path, describes: this.modules.has(key) ? key : undefined });
    this.declarationKeys.set(key, found);
    return found;
  }

  /** The project of the config nearest above a directory (itself included); undefined where there is none. */
  project(directory: string): Project | undefined {
    if (this.byDirectory.has(directory)) return this.byDirectory.get(directory);
    const config = this.configIn(directory);
    const project = config ? this.projectAt(config.path, config.text) : directory === '' ? undefined : this.project(parentOf(directory));
    this.byDirectory.set(directory, project);
    return project;
  }

  /** The project of the config at a path; undefined where there is none. */
  projectAt(path: string, text = this.read(path)): Project | undefined {
    if (text === undefined) return undefined;
    let project = this.byProjectConfig.get(path);
    if (!project) this.byProjectConfig.set(path, (project = projectOf(path, this.configOptions(path, text, 0))));
    return project;
  }

  private configIn(directory: string): { path: string; text: string } | undefined {
    for (const path of CONFIG_NAMES.map((name) => posix.join(directory, name))) {
      const text = this.read(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  }

  /** A config's options over those of what it extends (an array's later entries over earlier ones); a config extending itself gets nothing from itself. */
  private configOptions(path: string, text: string | undefined, depth: number): ConfigOptions {
    const known = this.byConfig.get(path);
    if (known) return known;
    this.byConfig.set(path, {});
    const options = this.readConfig(path, text, depth);
    this.byConfig.set(path, options);
    return options;
  }

  private readConfig(path: string, text: string | undefined, depth: number): ConfigOptions {
    if (text === undefined || depth > DEEPEST || deepestBracket(text, DEEPEST, 'json') !== undefined) return {};
    const config: unknown = parseJsonc(text, [], { allowTrailingComma: true });
    if (!isObject(config)) return {};
    const directory = posix.dirname(path);
    const inherited = strings(config.extends).reduce<ConfigOptions>((options, entry) => {
      const base = this.extendedConfig(directory, entry);
      if (base === undefined) return options;
      const { references: _notInherited, ...extended } = this.configOptions(base, this.read(base), depth + 1);
      return { ...options, ...extended };
    }, {});
    return { ...inherited, ...ownOptions(config, directory) };
  }

  /**
   * The config an `extends` entry names, as tsc's getExtendsConfigPath finds it: a path (`./base`, `../base.json`) as written, else
   * with `.json`; any other entry as a module (`..`, `@tsconfig/node20`, `@tsconfig/node20/tsconfig.json`), from the node_modules
   * directories above the config, nearest first. Undefined where that lies outside the scan root.
   */
  private extendedConfig(directory: string, entry: string): string | undefined {
    if (entry.startsWith('./') || entry.startsWith('../')) {
      const path = insideRoot(posix.join(directory, entry));
      return path === undefined || path.endsWith('.json') || this.read(path) !== undefined ? path : `${path}.json`;
    }
    if (posix.isAbsolute(entry)) return undefined;
    if (isRelative(entry)) return this.configModule(insideRoot(posix.join(directory, entry)));
    for (let at = directory === '.' ? '' : directory; ; at = parentOf(at)) {
      const found = this.configPackage(posix.join(at, 'node_modules'), entry);
      if (found !== undefined || at === '') return found;
    }
  }

  /** A package's config in one node_modules directory: through the package.json `exports` map where the package has one (TypeScript 5), else by its path. */
  private configPackage(nodeModules: string, entry: string): string | undefined {
    const { name, subpath } = packageName(entry);
    const directory = posix.join(nodeModules, name);
    const manifest = manifestValue(this.read(posix.join(directory, 'package.json')));
    if (!isObject(manifest) || !manifest.exports) return this.configModule(posix.join(nodeModules, entry));
    return exportedPath(manifest.exports, `.${subpath}`, (target) => {
      const path = insideRoot(posix.join(directory, target));
      const file = path === undefined || path.endsWith('.json') ? path : `${path}.json`;
      return file !== undefined && this.read(file) !== undefined ? file : undefined;
    });
  }

  /** A config named as a module: its file (`.json` added where missing), else the directory's config: what its package.json's `tsconfig` names, else its tsconfig.json. */
  private configModule(path: string | undefined): string | undefined {
    if (path === undefined) return undefined;
    const file = path.endsWith('.json') ? path : `${path}.json`;
    if (this.read(file) !== undefined) return file;
    const manifest = manifestValue(this.read(posix.join(path, 'package.json')));
    const named = isObject(manifest) && typeof manifest.tsconfig === 'string' ? insideRoot(posix.join(path, manifest.tsconfig)) : undefined;
    return [named, posix.join(path, 'tsconfig.json')].find((candidate) => candidate !== undefined && this.read(candidate) !== undefined);
  }
}

/** A package.json's value; nothing where there is none or it nests deeper than DEEPEST (jsonc-parser recurses). */
export function manifestValue(text: string | undefined): unknown {
  return text === undefined || deepestBracket(text, DEEPEST, 'json') !== undefined ? undefined : parseJsonc(text);
}

/** A config's own options, its paths as written with its directory. */
function ownOptions(config: Record<string, unknown>, directory: string): ConfigOptions {
  const at = (path: string): ConfigPath => (CONFIG_DIR.test(path) ? { path, from: undefined } : { path, from: directory });
  const options = isObject(config.compilerOptions) ? config.compilerOptions : {};
  const own: ConfigOptions = {};
  if (typeof options.baseUrl === 'string') own.baseUrl = at(options.baseUrl);
  if (isObject(options.paths)) own.paths = { patterns: options.paths, base: directory };
  if (Array.isArray(options.typeRoots)) own.typeRoots = strings(options.typeRoots).map(at);
  if (Array.isArray(options.types)) own.types = strings(options.types);
  if (typeof options.outDir === 'string') own.outDir = at(options.outDir);
  if (typeof options.declarationDir === 'string') own.declarationDir = at(options.declarationDir);
  for (const key of ['include', 'files', 'exclude'] as const) if (Array.isArray(config[key])) own[key] = strings(config[key]).map(at);
  if (Array.isArray(config.references)) own.references = config.references.flatMap((reference) => (isObject(reference) && typeof reference.path === 'string' ? (referencedConfig(directory, reference.path) ?? []) : []));
  return own;
}

/** The project of the config at `config`: its options, their paths relative to the scan root with `${configDir}` filled in. */
function projectOf(config: string, options: ConfigOptions): Project {
  const directory = posix.dirname(config);
  const resolved = (paths: readonly ConfigPath[] | undefined) => (paths ?? []).map((path) => projectPath(path, directory));
  const excludedByDefault = [options.outDir, options.declarationDir].filter((path): path is ConfigPath => path !== undefined);
  return {
    config,
    directory,
    baseUrl: options.baseUrl && projectPath(options.baseUrl, directory),
    paths: options.paths,
    include: options.include === undefined && options.files === undefined ? [posix.join(directory, '**/*')] : resolved(options.include),
    files: resolved(options.files),
    exclude: resolved(options.exclude ?? excludedByDefault),
    typeRoots: resolved(options.typeRoots),
    types: options.types,
    references: options.references ?? [],
  };
}

/** The config a project reference names, as tsc's resolveConfigFileProjectName finds it: a `.json` file as written, else the directory's tsconfig.json; undefined outside the scan root. */
function referencedConfig(directory: string, path: string): string | undefined {
  const named = insideRoot(posix.join(directory, path));
  return named === undefined || named.endsWith('.json') ? named : posix.join(named, 'tsconfig.json');
}

/** A config's path relative to the scan root: from its config's directory, or `${configDir}` as the project's (tsc puts `./` in its place). */
function projectPath({ path, from }: ConfigPath, project: string): string {
  return from === undefined ? posix.join(project, path.replace(CONFIG_DIR, './')) : posix.normalize(posix.join(from, path));
}

/** `@org/tsconfig/base` → `@org/tsconfig` and `/base`; `tsconfig-x` → itself and ''. */
function packageName(entry: string): { name: string; subpath: string } {
  const parts = entry.split('/');
  const length = entry.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, length).join('/'), subpath: parts.slice(length).map((part) => `/${part}`).join('') };
}

/**
 * The config a package's `exports` map gives a subpath (`.`, `./base`), as tsc's loadModuleFromExports reads it for a config: the key
 * equal to it, else of the keys with one `*` or a trailing `/` that match it, the most specific; a target within the package (`./…`)
 * that `file` finds; conditions in their order, of `default`, `require`, `types` and `node`, each tried until one gives a file; in an
 * array, the first that gives one; `null` gives none.
 */
function exportedPath(exports: unknown, subpath: string, file: (target: string) => string | undefined): string | undefined {
  const keys = isObject(exports) ? Object.keys(exports) : [];
  const table = exports as Record<string, unknown>;
  const target = (value: unknown, rest: string, pattern: boolean) => exportTarget(value, rest, pattern, file) ?? undefined;
  if (subpath === '.') return target(keys.every((key) => !key.startsWith('.')) ? exports : table['.'], '', false);
  if (keys.length === 0 || !keys.every((key) => key.startsWith('.'))) return undefined;
  if (!subpath.endsWith('/') && Object.hasOwn(table, subpath)) return target(table[subpath], '', false);
  const expanding = keys.filter((key) => key.endsWith('/') || (key.includes('*') && key.indexOf('*') === key.lastIndexOf('*'))).sort(comparePatternKeys);
  for (const key of expanding) {
    const star = key.indexOf('*');
    const [prefix, suffix] = star === -1 ? [key, ''] : [key.slice(0, star), key.slice(star + 1)];
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length) return target(table[key], subpath.slice(prefix.length, subpath.length - suffix.length), star !== -1);
  }
  return undefined;
}

/** The file an `exports` target gives; null where a `null` target ends the search (tsc's `{ value: undefined }`), undefined where the next may be tried. */
function exportTarget(target: unknown, rest: string, pattern: boolean, file: (target: string) => string | undefined): string | null | undefined {
  if (target === null) return null;
  if (typeof target === 'string') {
    const outside = (parts: string[]) => parts.some((part) => part === '..' || part === '.' || part === 'node_modules');
    if (!target.startsWith('./') || outside(target.split('/').slice(1)) || outside(rest.split('/'))) return undefined;
    if (!pattern && rest !== '' && !target.endsWith('/')) return undefined;
    return file(pattern ? target.replace(/\*/g, rest) : target + rest);
  }
  const candidates = Array.isArray(target) ? target : isObject(target) ? Object.keys(target).filter((key) => CONFIG_CONDITIONS.has(key)).map((key) => target[key]) : [];
  for (const candidate of candidates) {
    const found = exportTarget(candidate, rest, pattern, file);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** tsc's order of `exports` keys that expand: the longer part before the `*` first, then a key with a `*`, then the longer key. */
function comparePatternKeys(a: string, b: string): number {
  const [starA, starB] = [a.indexOf('*'), b.indexOf('*')];
  const [baseA, baseB] = [starA === -1 ? a.length : starA + 1, starB === -1 ? b.length : starB + 1];
  if (baseA !== baseB) return baseB - baseA;
  if (starA === -1 || starB === -1) return starA === -1 ? 1 : -1;
  return b.length - a.length;
}

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string');
}

/** A path relative to the scan root, normalised; undefined when it leaves the root. */
function insideRoot(path: string): string | undefined {
  const normal = posix.normalize(path);
  return normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal) ? undefined : normal;
}

/** TypeScript's choice among `paths` keys: the key equal to the specifier, else of those with one `*` that match it, the one of the longest prefix. */
function matchingPattern(patterns: readonly string[], specifier: string): { pattern: string; star: string } | undefined {
  if (patterns.includes(specifier) && !specifier.includes('*')) return { pattern: specifier, star: '' };
  let best: { pattern: string; star: string; prefix: number } | undefined;
  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    if (star === -1 || pattern.indexOf('*', star + 1) !== -1) continue;
    const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
    const fits = specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
    if (fits && (best === undefined || prefix.length > best.prefix)) best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length };
  }
  return best;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
