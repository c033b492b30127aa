import { posix } from 'node:path';
import type { ts as TS } from '@ts-morph/common';
import type { DirectoryEntries } from '../../workspace.js';
import { manifestValue, type Project } from './modules.js';

/*
 * The declaration files whose types a project's every file sees without an import, as tsc includes them: those its tsconfig's
 * `files` names, those its `include` specs match (`**\/*` by default) less its `exclude` specs, and the packages of the
 * `typeRoots` it names (those of `types` only, where it lists them). Which types of them are global (all of a file with no import
 * or export, those of a module's `declare global` blocks) the parser tells. Only inside the scan root; never in node_modules, whose types describe packages,
 * not the project's own data.
 */

/** Entries the search of one project for its declaration files may list: a project of several thousand files fits many times over. */
export const PROJECT_SEARCH_ENTRIES = 50_000;

const DECLARATION = '.d.ts';
/** tsc skips a declaration file its wildcards match where a TypeScript file of the name is there too (the `.d.ts` is its output). */
const SOURCE_EXTENSIONS = ['.ts', '.tsx'];
const OUTSIDE_ROOT = /^\.\.(?:\/|$)/;
const IN_NODE_MODULES = /(?:^|\/)node_modules(?:\/|$)/;

export interface ProjectFiles {
  list(directory: string): DirectoryEntries | undefined;
  read(path: string): string | undefined;
}

export interface ProjectDeclarations {
  /** Their paths relative to the scan root. */
  paths: string[];
  /** Whether the search for those the include specs match stopped after listing PROJECT_SEARCH_ENTRIES entries, with directories left unlisted. */
  cutShort: boolean;
}

/** The declaration files tsc includes in the project. */
export function projectDeclarations(ts: typeof TS, project: Project, files: ProjectFiles): ProjectDeclarations {
  const reachable = (path: string) => !OUTSIDE_ROOT.test(path) && !IN_NODE_MODULES.test(path);
  const named = project.files.filter((path) => path.endsWith(DECLARATION) && reachable(path) && files.read(path) !== undefined);
  const typePackages = project.typeRoots.filter(reachable).flatMap((root) => typeEntries(root, project.types, files));
  const { paths, cutShort } = matched(ts, project, files);
  return { paths: [...new Set([...named, ...paths, ...typePackages])].filter(reachable), cutShort };
}

/** The declaration files the project's include specs match, as tsc's matchFiles walks for them, listing at most PROJECT_SEARCH_ENTRIES entries. */
function matched(ts: typeof TS, project: Project, files: ProjectFiles): ProjectDeclarations {
  const inside = (spec: string) => !OUTSIDE_ROOT.test(spec);
  const include = project.include.filter(inside);
  if (include.length === 0 || !inside(project.directory)) return { paths: [], cutShort: false };
  const fileNames = new Map<string, ReadonlySet<string>>();
  let listed = 0;
  let cutShort = false;
  const entries = (absolute: string): DirectoryEntries => {
    cutShort ||= listed > PROJECT_SEARCH_ENTRIES;
    const found = cutShort ? undefined : files.list(absolute.slice(1));
    listed += (found?.files.length ?? 0) + (found?.directories.length ?? 0);
    fileNames.set(absolute, new Set(found?.files));
    return found ?? NO_ENTRIES;
  };
  // The scan root as tsc's file system root: tsc's specs and walks are of absolute paths.
  const absolute = (path: string) => posix.join('/', path);
  const matchFiles = (ts as unknown as { matchFiles: MatchFiles }).matchFiles;
  const found = matchFiles(absolute(project.directory), [DECLARATION], project.exclude.filter(inside).map(absolute), include.map(absolute), true, '/', undefined, entries, (path) => path);
  const shadowed = (path: string) => SOURCE_EXTENSIONS.some((extension) => fileNames.get(posix.dirname(path))?.has(posix.basename(path, DECLARATION) + extension));
  return { paths: found.filter((path) => !shadowed(path)).map((path) => path.slice(1)), cutShort };
}

const NO_ENTRIES: DirectoryEntries = { files: [], directories: [] };

type MatchFiles = (path: string, extensions: readonly string[], excludes: readonly string[], includes: readonly string[], useCaseSensitiveFileNames: boolean, currentDirectory: string, depth: number | undefined, getFileSystemEntries: (path: string) => DirectoryEntries, realpath: (path: string) => string) => string[];

/** The entry declaration file of each package of a type root (`types/express/index.d.ts`, or what its package.json's `types` names), of those `types` lists where it lists them. */
function typeEntries(root: string, types: readonly string[] | undefined, files: ProjectFiles): string[] {
  const packages = types ?? files.list(root)?.directories ?? [];
  return packages.flatMap((name) => {
    const directory = posix.join(root, name);
    if (OUTSIDE_ROOT.test(directory)) return [];
    const manifest = manifestValue(files.read(posix.join(directory, 'package.json')));
    const named = typeof manifest === 'object' && manifest !== null ? ((manifest as Record<string, unknown>).types ?? (manifest as Record<string, unknown>).typings) : undefined;
    const entry = posix.normalize(posix.join(directory, typeof named === 'string' ? named : 'index.d.ts'));
    return OUTSIDE_ROOT.test(entry) || files.read(entry) === undefined ? [] : [entry];
  });
}
