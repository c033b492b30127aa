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

/** What a config's compilerOptions say of module names, its directories made relative to the scan root. */
interface ModuleNames {
  baseUrl?: string;
  paths?: { patterns: Readonly<Record<string, unknown>>; base: string };
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** Configs nested deeper than this are not read (jsonc-parser recurses); a chain of `extends` longer than this is cut. */
const DEEPEST = 64;

export class ModuleResolver {
  private readonly byDirectory = new Map<string, ModuleNames | undefined>();
  /** Each config's names, read once: configs that extend the same base (or one another) do not read it again. */
  private readonly byConfig = new Map<string, ModuleNames>();
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
    const names = posix.isAbsolute(specifier) ? undefined : this.namesFor(directory);
    if (!names) return undefined;
    // A `paths` pattern that matches decides, even where none of its substitutions is a module: TypeScript tries baseUrl only when none matches.
    const throughPaths = this.throughPaths(names, specifier);
    if (throughPaths) return throughPaths.found;
    return names.baseUrl === undefined ? undefined : this.known(posix.join(names.baseUrl, specifier));
  }

  private throughPaths(names: ModuleNames, specifier: string): { found: string | undefined } | undefined {
    if (!names.paths) return undefined;
    const { patterns, base } = names.paths;
    const matched = matchingPattern(Object.keys(patterns), specifier);
    if (matched === undefined) return undefined;
    const substitutions = patterns[matched.pattern];
    const found = (Array.isArray(substitutions) ? substitutions : [])
      .filter((substitution): substitution is string => typeof substitution === 'string')
      .map((substitution) => this.known(posix.join(names.baseUrl ?? base, substitution.replace('*', matched.star))))
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

  /** The module names of the config nearest above a directory (itself included). */
  private namesFor(directory: string): ModuleNames | undefined {
    if (this.byDirectory.has(directory)) return this.byDirectory.get(directory);
    const config = this.configIn(directory);
    const names = config ? this.configNames(config.path, config.text, 0) : directory === '' ? undefined : this.namesFor(parentOf(directory));
    this.byDirectory.set(directory, names);
    return names;
  }

  private configIn(directory: string): { path: string; text: string } | undefined {
    for (const path of CONFIG_NAMES.map((name) => posix.join(directory, name))) {
      const text = this.read(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  }

  /** A config's module names over those of what it extends (an array's later entries over earlier ones); a config extending itself gets nothing from itself. */
  private configNames(path: string, text: string | undefined, depth: number): ModuleNames {
    const known = this.byConfig.get(path);
    if (known) return known;
    this.byConfig.set(path, {});
    const names = this.readConfig(path, text, depth);
    this.byConfig.set(path, names);
    return names;
  }

  private readConfig(path: string, text: string | undefined, depth: number): ModuleNames {
    if (text === undefined || depth > DEEPEST || deepestBracket(text, DEEPEST, 'json') !== undefined) return {};
    const config: unknown = parseJsonc(text, [], { allowTrailingComma: true });
    if (!isObject(config)) return {};
    const directory = posix.dirname(path);
    const extended = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter((entry): entry is string => typeof entry === 'string');
    const names = extended.reduce<ModuleNames>((inherited, entry) => {
      const base = this.extendedConfig(directory, entry);
      return base === undefined ? inherited : { ...inherited, ...this.configNames(base, this.read(base), depth + 1) };
    }, {});
    const options = isObject(config.compilerOptions) ? config.compilerOptions : {};
    if (typeof options.baseUrl === 'string') names.baseUrl = posix.normalize(posix.join(directory, options.baseUrl));
    if (isObject(options.paths)) names.paths = { patterns: options.paths, base: directory };
    return names;
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
      const found = this.configModule(posix.join(at, 'node_modules', entry));
      if (found !== undefined || at === '') return found;
    }
  }

  /** A config named as a module: its file (`.json` added where missing), else the directory's config: what its package.json's `tsconfig` names, else its tsconfig.json. */
  private configModule(path: string | undefined): string | undefined {
    if (path === undefined) return undefined;
    const file = path.endsWith('.json') ? path : `${path}.json`;
    if (this.read(file) !== undefined) return file;
    const manifest: unknown = parseJsonc(this.read(posix.join(path, 'package.json')) ?? '');
    const named = isObject(manifest) && typeof manifest.tsconfig === 'string' ? insideRoot(posix.join(path, manifest.tsconfig)) : undefined;
    return [named, posix.join(path, 'tsconfig.json')].find((candidate) => candidate !== undefined && this.read(candidate) !== undefined);
  }
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
