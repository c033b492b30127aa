import { posix } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { deepestBracket } from '../../nesting.js';
import { parentOf } from '../../paths.js';

/*
 * Which module of the scan an import names, as TypeScript resolves it: a relative specifier from the
 * importing file's directory; any other through the `paths` and `baseUrl` of the tsconfig.json (or
 * jsconfig.json) nearest above the importing file, with what it `extends` by a relative path. A
 * `paths` pattern is tried first (an exact key, else the pattern of the longest prefix; each of its
 * substitutions in order), then `baseUrl`. Only configs under the scan root are read, an `extends` of a
 * package (`@tsconfig/node20`) is not, and only modules of the scan are named: what a package of
 * node_modules would give is never looked for.
 */

/** A module as imports name it: its path without the extension (`src/logger.ts` → `src/logger`, `src/logger/index.ts` → `src/logger/index`). */
export function moduleKey(path: string): string {
  return path.replace(SCRIPT_EXTENSION, '');
}

const SCRIPT_EXTENSION = /\.[cm]?[jt]sx?$/;
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

export function isRelative(specifier: string): boolean {
  return /^\.\.?(?:\/|$)/.test(specifier);
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

  constructor(
    /** Module keys of the scan's scripts. */
    private readonly modules: ReadonlySet<string>,
    /** A file's text by its path relative to the scan root; undefined when there is none. */
    private readonly read: (path: string) => string | undefined,
  ) {}

  /** The key of the scan's module that `specifier`, imported in the file at `importer`, names; undefined for any other. */
  module(importer: string, specifier: string): string | undefined {
    const directory = parentOf(importer);
    const key = `${directory}\0${specifier}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.resolve(directory, specifier));
    return this.resolved.get(key);
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

  /** The module at a path, if the scan holds it: the file of that name, else the index of the directory; nothing outside the scan root. */
  private known(path: string): string | undefined {
    const normal = posix.normalize(path).replace(/(.)\/$/, '$1');
    if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal)) return undefined;
    const file = normal === '.' ? undefined : moduleKey(normal);
    return [file, file === undefined ? 'index' : `${file}/index`].find((key) => key !== undefined && this.modules.has(key));
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
    const extended = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter((entry): entry is string => typeof entry === 'string' && isRelative(entry));
    const names = extended.reduce<ModuleNames>((inherited, entry) => {
      const base = posix.normalize(posix.join(directory, entry.endsWith('.json') ? entry : `${entry}.json`));
      return base.startsWith('../') ? inherited : { ...inherited, ...this.configNames(base, this.read(base), depth + 1) };
    }, {});
    const options = isObject(config.compilerOptions) ? config.compilerOptions : {};
    if (typeof options.baseUrl === 'string') names.baseUrl = posix.normalize(posix.join(directory, options.baseUrl));
    if (isObject(options.paths)) names.paths = { patterns: options.paths, base: directory };
    return names;
  }
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
