import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { classifierFor, classify, contextKinds, decidedByContent, describeKind, directoriesNamed, recognise, recognisedByContent, relevantContext } from './languages/index.js';
import { namedList } from './named-list.js';
import { CONTENT_PROBE_CHARS } from './language.js';
import { UsageError, type Notice } from './errors.js';
import { parentOf, realPath } from './paths.js';
import { notRegular, readHead, readText, systemReason } from './source.js';
import type { Kind } from './types.js';

export interface DiscoveredFile {
  /** Relative to the scan root, `/`-separated. */
  path: string;
  absolutePath: string;
  kind: Kind;
  /** Findings are reported for targets; other files are read only as context (the rest of a changed file's module). */
  target: boolean;
  /** The file's text, when discovery read it already (to find which modules a named Terraform file's module is called from). */
  text?: string;
}

export interface DiscoverOptions {
  root: string;
  paths: string[];
  /** Config `ignore` globs, read like a .gitignore in `ignoreBase`. */
  ignore: string[];
  /** The directory of the config file the globs come from (default: the root). */
  ignoreBase?: string;
  /** Also scan files under `vendor/` directories (copies of third-party code), which are skipped by default. */
  scanVendored?: boolean;
  /** The directory the paths were named from (the working directory); default: the root. */
  namedFrom?: string;
  /** Entries a search for a named file's context may list before it stops (default CONTEXT_SEARCH_ENTRIES). */
  contextSearchEntries?: number;
  /** Kinds a team policy searches for objects that refer to its own (`referencedBy`): as context, all of their files are read. */
  searchedByPolicies?: ReadonlySet<Kind>;
}

export interface Discovery {
  files: DiscoveredFile[];
  notices: Notice[];
}

type MatcherFactory = () => Ignore;

const NOTHING_IGNORED = { add: () => NOTHING_IGNORED, ignores: () => false } as unknown as Ignore;

/**
 * Entries (files and directories) the search for the context of named files may list in one area:
 * a repository of 20,000 files fits several times over (listing it costs about 0.1 s), a home
 * directory or /tmp does not (see contextSearch).
 */
export const CONTEXT_SEARCH_ENTRIES = 100_000;

/** Directories never walked into. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.terraform']);
/** Vendored third-party trees (`go mod vendor`, Composer, Bundler): not the team's files, so skipped unless asked for, as golangci-lint and the go command's `./...` pattern do. */
const VENDORED = 'vendor';
const IN_VENDORED = /(?:^|\/)vendor\//;

export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const root = realPath(options.root);
  const targets = options.paths.map((argument) => {
    const absolute = resolve(options.root, argument);
    const stats = statOrThrow(absolute, argument);
    const real = realPath(absolute);
    if (!isInside(root, real)) return linkOutside(root, absolute, argument);
    const path = toRootRelative(root, real);
    // A file's kind is decided once: for a YAML or JSON file that means reading its head once.
    const kind = stats.isFile() ? kindOfFile(path, real) : undefined;
    const refused = stats.isDirectory() || stats.isFile() ? undefined : notRegularNotice(path, notRegular(stats));
    return { real, path, kind, isDirectory: stats.isDirectory(), refused };
  });
  // A file named on its own (pre-commit, --changed) is checked with the files around it that its
  // language needs, so that `var.region` in a changed main.tf still resolves from an unchanged tfvars.
  const contextAreas = new Map<string, ContextNeed>();
  for (const { real, kind } of targets) {
    const kinds = kind ? contextKinds(kind) : [];
    if (kinds.length > 0) addNeed(contextAreas, contextArea(root, real, options.namedFrom), real, kinds);
  }
  const needsContext = contextAreas.size > 0;
  // `ignore` loads only when there is something to match: a pre-commit run on a few Dockerfiles skips it.
  const needsMatcher = options.ignore.length > 0 || needsContext || targets.some((target) => target.isDirectory);
  const createMatcher = needsMatcher ? (await import('ignore')).default : () => NOTHING_IGNORED;
  const leftOut = skippedMatcher(root, options, createMatcher);
  const skipped = options.scanVendored ? ALWAYS_SKIPPED : new Set([...ALWAYS_SKIPPED, VENDORED]);
  const gitignores = new GitignoreTree(root, createMatcher);
  const found = new Map<string, DiscoveredFile>();
  const notices: Notice[] = [];

  for (const { real, path, kind, isDirectory, refused } of targets) {
    if (refused) {
      notices.push(refused);
    } else if (isDirectory) {
      for (const file of walk(root, real, gitignores, notices, ANY_KIND, { skipped }).files) {
        if (!leftOut(file.path)) found.set(file.path, file);
      }
    } else {
      if (leftOut(path)) {
        if (kind && isVendored(path, options)) notices.push({ level: 'note', path, message: `${path}: in a vendor/ directory (third-party code); skipped, as scanVendored: true in the config would check it` });
        continue;
      }
      if (kind) found.set(path, { path, absolutePath: real, kind, target: true });
      // A YAML or JSON file that holds nothing merlint reads is every repository's common case: skipped quietly.
      else if (!decidedByContent(path)) notices.push({ level: 'note', path, message: `${path}: not a kind of file merlint reads; skipped` });
    }
  }
  if (needsContext) {
    const inAreas = searchAreas(root, contextAreas, gitignores, { skipped, limit: options.contextSearchEntries ?? CONTEXT_SEARCH_ENTRIES }, notices);
    const candidates = [...inAreas.values()].filter((file) => !found.has(file.path) && !leftOut(file.path));
    // A text read here stays with its file, so the files parsed next are not read twice.
    const read = (path: string) => textOf((found.get(path) ?? inAreas.get(path))!);
    const relevant = await relevantContext([...found.values()], candidates.map((file) => file.path), read, options.searchedByPolicies ?? new Set());
    for (const file of candidates) if (relevant.has(file.path)) found.set(file.path, { ...file, target: false });
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notices };
}

/**
 * Where the context of a named file is looked for: its repository (the nearest directory above it
 * holding `.git`) when the root holds that; else the directory a run naming the file alone would
 * have as its root: the one it was named from when it lies there, else its own. So files named
 * together from unrelated trees, whose root is then their common parent, each read only their own.
 */
function contextArea(root: string, file: string, namedFrom: string | undefined): string {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (directory === root) break;
  }
  const from = namedFrom === undefined ? root : realPath(namedFrom);
  const alone = isInside(from, file) ? from : dirname(file);
  return isInside(root, alone) ? alone : root;
}

/** What the named files of one area need: the kinds of their context, and where they lie (absolute). */
interface ContextNeed {
  kinds: Set<Kind>;
  files: string[];
}

function addNeed(areas: Map<string, ContextNeed>, area: string, file: string, kinds: readonly Kind[]): void {
  const need = areas.get(area) ?? { kinds: new Set<Kind>(), files: [] };
  for (const kind of kinds) need.kinds.add(kind);
  need.files.push(file);
  areas.set(area, need);
}

/** The context files of each area, by path; a search that stopped short adds its notice. */
function searchAreas(root: string, areas: ReadonlyMap<string, ContextNeed>, gitignores: GitignoreTree, scope: WalkScope & { limit: number }, notices: Notice[]): Map<string, DiscoveredFile> {
  const found = new Map<string, DiscoveredFile>();
  for (const [area, need] of areas) {
    const search = contextSearch(root, area, need, gitignores, scope);
    for (const file of search.files) found.set(file.path, file);
    if (search.unsearched) notices.push(cutShortNotice(root, area, need, search, scope.limit));
  }
  return found;
}

interface ContextSearch {
  files: DiscoveredFile[];
  /** The largest tree searched whole, if any beyond the named files' own directories. */
  searched?: string;
  /** The tree the search stopped at, when it stopped short of the area. */
  unsearched?: string;
}

/**
 * The context files of an area, looked for nearest first: in the tree below the directory that
 * holds the named files, then below each directory above it up to the area, each tree whole or not
 * at all. A tree that would take the listed entries past `scope.limit` is not used, and the search
 * stops there: `unsearched` is that tree's directory (when it is the first, the named files' own
 * directories are still read, without what lies below them). So a file named
 * from a home directory or /tmp, which no repository holds, has its module, the modules near it and
 * their callers read, and a notice says what was not searched, instead of a walk of the whole disk.
 */
function contextSearch(root: string, area: string, need: ContextNeed, gitignores: GitignoreTree, scope: WalkScope & { limit: number }): ContextSearch {
  const wanted = ofKinds(need.kinds);
  const directories = [...new Set(need.files.map((file) => dirname(file)))];
  const files: DiscoveredFile[] = [];
  let listed = 0;
  let searched: string | undefined;
  for (const directory of upTo(area, directories.reduce(commonDirectory))) {
    const walked = walk(root, directory, gitignores, [], wanted, { ...scope, limit: scope.limit - listed, walkedBefore: searched });
    if (!walked.complete) {
      const near = searched === undefined ? directories.flatMap((named) => ownFiles(root, named, gitignores, wanted, scope)) : files;
      const covered = (other: string) => (searched === undefined ? directories.includes(other) : isInside(searched, other));
      return { files: [...near, ...inDirectoriesNamed(root, area, near, covered, gitignores, wanted, scope)], searched, unsearched: directory };
    }
    files.push(...walked.files);
    listed += walked.listed;
    searched = directory;
  }
  return { files, searched };
}

/**
 * The files of the directories that `found` name by path (the local modules a Terraform module
 * calls, and the ones those call), where they lie in the area outside what a search cut short
 * `covered`: a module is read with the modules it calls however far they are. A file read for that
 * keeps its text.
 */
function inDirectoriesNamed(root: string, area: string, found: readonly DiscoveredFile[], covered: (directory: string) => boolean, gitignores: GitignoreTree, wanted: Wanted, scope: WalkScope): DiscoveredFile[] {
  const files: DiscoveredFile[] = [];
  const listed = new Set<string>();
  const pending = [...found];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const named of directoriesNamed(file.path, file.kind, () => textOf(file))) {
      const directory = realDirectory(resolve(dirname(file.absolutePath), named));
      if (directory === undefined || listed.has(directory) || covered(directory) || !isInside(area, directory)) continue;
      listed.add(directory);
      const more = ownFiles(root, directory, gitignores, wanted, scope);
      files.push(...more);
      pending.push(...more);
    }
  }
  return files;
}

/** The wanted files of the directory itself, none from below it. */
function ownFiles(root: string, directory: string, gitignores: GitignoreTree, wanted: Wanted, scope: WalkScope): DiscoveredFile[] {
  return walk(root, directory, gitignores, [], wanted, { skipped: scope.skipped, ownOnly: true }).files;
}

/**
 * Where a directory a file names really lies (undefined if nowhere): a module called through a linked directory
 * is read where a whole search would list it, and never outside the root, which no link is followed out of.
 */
function realDirectory(directory: string): string | undefined {
  try {
    return realPath(directory);
  } catch {
    return undefined;
  }
}

/** The text of a discovered file, read once ('' if it cannot be). */
function textOf(file: DiscoveredFile): string {
  file.text ??= readText(file.absolutePath);
  return file.text ?? '';
}

/** `directory` and each directory above it, up to and including `area` (which holds it). */
function* upTo(area: string, directory: string): Generator<string> {
  for (let next = directory; ; next = dirname(next)) {
    yield next;
    if (next === area) return;
  }
}

/** The deepest directory that holds both `a` and `b`. */
export function commonDirectory(a: string, b: string): string {
  let common = a;
  while (!isInside(common, b)) common = dirname(common);
  return common;
}

/** The notice of a context search that stopped short of its area: what was searched, what was not, and how to have it all searched. */
function cutShortNotice(root: string, area: string, need: ContextNeed, search: ContextSearch, limit: number): Notice {
  const shown = (directory: string) => toRootRelative(root, directory) || '.';
  const named = need.files.map(shown);
  const kinds = namedList([...need.kinds].map((kind) => describeKind(kind).names[1]));
  const remedy = existsSync(join(area, '.git')) ? 'git-ignore the trees it need not search' : `run merlint from the project's own directory (or its repository) to have all of it searched, or git-ignore the trees it need not search`;
  const where = search.searched === undefined ? `only in ${named.length === 1 ? 'its own directory' : 'their own directories'}` : `only below ${shown(search.searched)}`;
  return {
    level: 'warning',
    path: named.length === 1 ? named[0] : undefined,
    message: `${namedList(named)}: ${kinds} that may change ${named.length === 1 ? 'its' : 'their'} findings were looked for ${where}, not in the rest of ${shown(search.unsearched!)} (more than ${limit} entries); ${remedy}`,
  };
}

/** Which files a walk keeps: first by path alone (before .gitignore is asked), then by kind. */
interface Wanted {
  mayBe(path: string): boolean;
  kindOf(path: string, real: string): Kind | undefined;
}

const ANY_KIND: Wanted = { mayBe: (path) => classify(path) !== undefined || decidedByContent(path), kindOf: kindOfFile };

/** A named path that leads out of the root: a symbolic link in it is refused as the walk refuses one; any other path is a usage error. */
function linkOutside(root: string, absolute: string, argument: string) {
  if (!lstatSync(absolute).isSymbolicLink()) throw new UsageError(`${argument} is outside the scan root ${root}`);
  const path = toRootRelative(root, withRealParent(absolute));
  return { real: absolute, path, kind: undefined, isDirectory: false, refused: outsideLinkNotice(path) };
}

/** The path with the directories above it resolved and its last part as named: a symbolic link stays the link. */
export function withRealParent(absolute: string): string {
  return join(realPath(dirname(absolute)), basename(absolute));
}

/**
 * Files of the context kinds only. A file's head is read only when a context kind is decided by
 * content; the rest of a repository (its sources, manifests) is passed over by path, without
 * asking its .gitignore files: a pre-commit run on one `.tf` file walks the whole repository.
 */
function ofKinds(context: ReadonlySet<Kind>): Wanted {
  const byContent = [...context].some(recognisedByContent);
  const ofContextKind = classifierFor(context);
  return {
    mayBe: (path) => ofContextKind(path) !== undefined || (byContent && classify(path) === undefined && decidedByContent(path)),
    kindOf: (path, real) => {
      const kind = classify(path) ?? (byContent ? kindOfFile(path, real) : undefined);
      return kind && context.has(kind) ? kind : undefined;
    },
  };
}

/**
 * Whether a root-relative path is left out even when named: it is vendored (unless those are scanned),
 * or it matches the config `ignore` globs, which files outside the config's directory never do.
 */
function skippedMatcher(root: string, options: DiscoverOptions, createMatcher: MatcherFactory): (path: string) => boolean {
  const vendored = (path: string) => isVendored(path, options);
  if (options.ignore.length === 0) return vendored;
  const globs = createMatcher().add(options.ignore);
  const base = realPath(options.ignoreBase ?? root);
  return (path) => {
    if (vendored(path)) return true;
    const absolute = join(root, path);
    return isInside(base, absolute) && globs.ignores(toRootRelative(base, absolute));
  };
}

function isVendored(path: string, options: DiscoverOptions): boolean {
  return !options.scanVendored && IN_VENDORED.test(path);
}

function statOrThrow(absolute: string, argument: string): Stats {
  try {
    return statSync(absolute);
  } catch (error) {
    throw new UsageError(`cannot read ${argument}: ${systemReason(error)}`);
  }
}

/** Which directories a walk enters, and how many entries it may list. */
interface WalkScope {
  /** Names of directories never entered. */
  skipped: ReadonlySet<string>;
  /** Only the directory's own entries, none from below it. */
  ownOnly?: boolean;
  /** A directory whose tree a walk before this one listed: not entered again. */
  walkedBefore?: string;
  /** Entries (files and directories) the walk may list: past it, it stops, incomplete. */
  limit?: number;
}

interface Walked {
  files: DiscoveredFile[];
  /** Entries listed. */
  listed: number;
  /** False when the walk stopped at its limit. */
  complete: boolean;
}

function walk(root: string, directory: string, gitignores: GitignoreTree, notices: Notice[], wanted: Wanted, scope: WalkScope): Walked {
  const candidates: DiscoveredFile[] = [];
  const below = entriesBelow(directory, toRootRelative(root, directory), scope, gitignores);
  for (const { absolute, path, dirent } of below.entries) {
    if (dirent.isSymbolicLink()) {
      const target = resolveLink(root, absolute, notices);
      if (!target) continue;
      if (target.stats.isDirectory()) continue; // like git, a linked directory is not walked: it may loop or leave the root
      if (target.stats.isFile()) candidates.push(...fileEntry(path, target.real, gitignores, wanted));
      else skipSpecial(path, notRegular(target.stats), notices);
    } else if (dirent.isFile()) {
      candidates.push(...fileEntry(path, absolute, gitignores, wanted));
    } else {
      skipSpecial(path, notRegular(dirent), notices);
    }
  }
  return { files: candidates, listed: below.listed, complete: below.complete };
}

type Entry = { absolute: string; path: string; dirent: Dirent };

/**
 * Every entry below `directory` other than a directory, with its path below the root (`base` is the
 * directory's), links not followed, nothing from inside a directory named in `scope.skipped` or that
 * git ignores (git lists nothing below one either); a directory that cannot be read is passed over.
 * Read synchronously, as a glob library would cost a one-file run more to load than the walk of its
 * module takes. Each listing tells `gitignores` whether its directory holds a .gitignore. Past
 * `scope.limit` entries listed the walk stops after the directory it is in (a readdir is not cut).
 */
function entriesBelow(directory: string, base: string, scope: WalkScope, gitignores: GitignoreTree): { entries: Entry[]; listed: number; complete: boolean } {
  const entries: Entry[] = [];
  const limit = scope.limit ?? Infinity;
  let listed = 0;
  const pending = [{ absolute: directory, path: base }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(next.absolute, { withFileTypes: true });
    } catch {
      continue;
    }
    listed += dirents.length;
    if (listed > limit) return { entries, listed, complete: false };
    let holdsGitignore = false;
    // The directory's path is already normalised and a name holds no separator: joined without path.join's normalising of each.
    const absoluteStart = next.absolute.endsWith(sep) ? next.absolute : `${next.absolute}${sep}`;
    const pathStart = next.path === '' ? '' : `${next.path}/`;
    const directories: Entry[] = [];
    for (const dirent of dirents) {
      if (dirent.name === '.gitignore') holdsGitignore = dirent.isFile();
      const entry = { absolute: absoluteStart + dirent.name, path: pathStart + dirent.name, dirent };
      if (!dirent.isDirectory()) entries.push(entry);
      else if (!scope.ownOnly && !scope.skipped.has(dirent.name) && entry.absolute !== scope.walkedBefore) directories.push(entry);
    }
    gitignores.listed(next.path, holdsGitignore);
    for (const entry of directories) if (!gitignores.ignoresDirectory(entry.path)) pending.push(entry);
  }
  return { entries, listed, complete: true };
}

/** The file as a scan entry when it is of a kind merlint reads and git does not ignore it (checked first: ignored files are never opened). */
function fileEntry(path: string, real: string, gitignores: GitignoreTree, wanted: Wanted): DiscoveredFile[] {
  if (!wanted.mayBe(path) || gitignores.ignores(path)) return [];
  const kind = wanted.kindOf(path, real);
  return kind ? [{ path, absolutePath: real, kind, target: true }] : [];
}

/** The kind of a file by its path, or for names only content decides, by its head. */
function kindOfFile(path: string, real: string): Kind | undefined {
  return recognise(path, () => readHead(real, CONTENT_PROBE_CHARS));
}

/** A FIFO, socket or device met in a walk is never opened; one named like a file merlint reads gets a notice. */
function skipSpecial(path: string, what: string, notices: Notice[]): void {
  if (classify(path)) notices.push(notRegularNotice(path, what));
}

function notRegularNotice(path: string, what: string): Notice {
  return { level: 'warning', path, message: `${path}: ${what}, not a regular file; skipped without reading it` };
}

function outsideLinkNotice(path: string): Notice {
  return { level: 'warning', path, message: `${path}: symbolic link leads outside the scan root; not followed` };
}

function resolveLink(root: string, absolute: string, notices: Notice[]): { real: string; stats: Stats } | undefined {
  const path = toRootRelative(root, absolute);
  try {
    const real = realPath(absolute);
    if (!isInside(root, real)) {
      if (classify(path)) notices.push(outsideLinkNotice(path));
      return undefined;
    }
    return { real, stats: statSync(real) };
  } catch {
    if (classify(path)) notices.push({ level: 'warning', path, message: `${path}: broken or looping symbolic link; skipped` });
    return undefined;
  }
}

/**
 * Nested .gitignore files read as git reads them: the deepest file with a matching pattern
 * decides (so a negation below overrides a parent), and nothing below an ignored directory comes back.
 */
class GitignoreTree {
  /** For each directory, the .gitignore files in it and above it, deepest first. */
  private readonly gitignoresAbove = new Map<string, { directory: string; rules: Ignore }[]>();
  /** Whether a directory, or one above it, is ignored. */
  private readonly ignoredDirectories = new Map<string, boolean>();
  /** Whether each directory a walk listed holds a .gitignore file: the others are asked the file system. */
  private readonly listedDirectories = new Map<string, boolean>();

  constructor(
    private readonly root: string,
    private readonly createMatcher: MatcherFactory,
  ) {}

  /** What a walk saw in `directory`: whether it holds a .gitignore that is a file (readGitignore reads no link). */
  listed(directory: string, holdsGitignore: boolean): void {
    this.listedDirectories.set(directory, holdsGitignore);
  }

  ignores(path: string): boolean {
    const directory = parentOf(path);
    return (directory !== '' && this.ignoresDirectory(directory)) || this.verdict(path, directory, '');
  }

  ignoresDirectory(directory: string): boolean {
    let ignored = this.ignoredDirectories.get(directory);
    if (ignored === undefined) {
      const parent = parentOf(directory);
      ignored = (parent !== '' && this.ignoresDirectory(parent)) || this.verdict(directory, parent, '/');
      this.ignoredDirectories.set(directory, ignored);
    }
    return ignored;
  }

  /** Whether the deepest .gitignore in `directory` or above it that matches `path` ignores it; `suffix` is '/' for a directory. */
  private verdict(path: string, directory: string, suffix: string): boolean {
    for (const gitignore of this.gitignoresOf(directory)) {
      const { ignored, unignored } = gitignore.rules.test(`${gitignore.directory === '' ? path : path.slice(gitignore.directory.length + 1)}${suffix}`);
      if (ignored || unignored) return ignored;
    }
    return false;
  }

  private gitignoresOf(directory: string): { directory: string; rules: Ignore }[] {
    let found = this.gitignoresAbove.get(directory);
    if (!found) {
      const rules = this.listedDirectories.get(directory) === false ? null : readGitignore(join(this.root, directory, '.gitignore'), this.createMatcher);
      const above = directory === '' ? [] : this.gitignoresOf(parentOf(directory));
      found = rules ? [{ directory, rules }, ...above] : above;
      this.gitignoresAbove.set(directory, found);
    }
    return found;
  }
}

function readGitignore(file: string, createMatcher: MatcherFactory): Ignore | null {
  try {
    // Most directories have none: asked without an exception for each.
    if (!lstatSync(file, { throwIfNoEntry: false })?.isFile()) return null;
    return createMatcher().add(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function toRootRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

