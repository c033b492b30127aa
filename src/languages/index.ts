import { appendTo, pushAll } from '../append.js';
import { mergeFacts, type CarriedFacts, type FactContribution } from '../facts/index.js';
import type { ContentRecognition, KindDescription, Language, ModelBuilder, Note, ParseResult, Parser, UnitsOf } from '../language.js';
import type { SourceFile } from '../types.js';
import type { ModelOptions, Workspace } from '../workspace.js';
import { ci } from './ci/index.js';
import { compose } from './compose/index.js';
import { devcontainer } from './devcontainer/index.js';
import { dockerfile } from './dockerfile/index.js';
import { kubernetes } from './kubernetes/index.js';
import { dotenv } from './dotenv/index.js';
import { makefile } from './makefile/index.js';
import { go } from './go/index.js';
import { shell } from './shell/index.js';
import { terraform } from './terraform/index.js';
import { typescript } from './typescript/index.js';
import type { TerraformModel } from './terraform/model/types.js';
import type { KubernetesModel } from './kubernetes/model.js';
import type { DockerfileModel } from './dockerfile/go-modules.js';

/*
 * The registry of input languages: what kinds each owns, how a file is recognised, its parser and
 * its model builder. Kinds, discovery, the pre-commit `files` pattern and the docs derive from it;
 * adding a language is a folder, one entry here, fixtures and rules (see "Adding a language" in the README).
 */

// Recognised by path, in this order: the first language whose kindOf claims a path owns it. The
// settings languages (CI files, Compose files, devcontainers, env files, Makefiles) claim only fixed
// paths, so they come before any language that recognises YAML or JSON by content.
export const LANGUAGES = [dockerfile, terraform, shell, ci, compose, devcontainer, dotenv, makefile, go, typescript, kubernetes] as const;

type Entry = (typeof LANGUAGES)[number];
// Any kind and model: only the document type is asked for.
type DocumentOfLanguage<L> = L extends Language<any, infer D, any> ? D : never;

export type Kind = Entry['kinds'][number];
export type Document = DocumentOfLanguage<Entry>;

export const KINDS: readonly Kind[] = LANGUAGES.flatMap((language) => language.kinds);

/** Which kind of file a path holds, by its name alone (relative to the scan root, `/` separators); undefined for formats merlint does not read. */
export function classify(path: string): Kind | undefined {
  for (const language of LANGUAGES) {
    const kind = language.kindOf(path);
    if (kind) return kind;
  }
  return undefined;
}

/**
 * For a walk that wants files of `kinds` only: what classify() says of a path when that is one of them, else undefined.
 * The languages that own `kinds` are asked first, and every language in order only about a path one of them claims (an
 * earlier language may claim it first), so the rest of a tree costs a few tests a path, not every language's.
 */
export function classifierFor(kinds: ReadonlySet<Kind>): (path: string) => Kind | undefined {
  const owners = LANGUAGES.filter((language) => language.kinds.some((kind: Kind) => kinds.has(kind)));
  const wanted = (kind: Kind | undefined) => kind !== undefined && kinds.has(kind);
  return (path) => {
    if (!owners.some((language) => wanted(language.kindOf(path)))) return undefined;
    const kind = classify(path);
    return wanted(kind) ? kind : undefined;
  };
}

/** Whether some language may hold a file of this name that its path alone does not decide (`.yaml`, `.json`): its head must be read. */
export function decidedByContent(path: string): boolean {
  return LANGUAGES.some((language) => 'byContent' in language && language.byContent?.mayHold(path));
}

/** Whether files of `kind` are recognised by their content (a Kubernetes manifest), not by their path alone. */
export function recognisedByContent(kind: Kind): boolean {
  return 'byContent' in languageOf(kind);
}

/**
 * The kind of a file: by its path first; for names only content decides, by the head `readHead`
 * gives (read only then, at most CONTENT_PROBE_CHARS characters). Undefined: not a file merlint reads.
 */
export function recognise(path: string, readHead: () => string | undefined): Kind | undefined {
  const byPath = classify(path);
  if (byPath || !decidedByContent(path)) return byPath;
  const head = readHead();
  if (head === undefined) return undefined;
  for (const language of LANGUAGES) {
    const recognition = 'byContent' in language ? (language.byContent as ContentRecognition<Kind> | undefined) : undefined;
    const kind = recognition?.mayHold(path) ? recognition.kindOf(path, head) : undefined;
    if (kind) return kind;
  }
  return undefined;
}

/** The kinds of the languages that contribute a fact, such as the Go settings the GOP rules judge. */
export function kindsContributing(fact: keyof FactContribution): Kind[] {
  return LANGUAGES.filter((language) => (language as Language<string, unknown, unknown>).contributes?.includes(fact)).flatMap((language) => language.kinds);
}

/** How messages and docs name a kind, and the code fence that shows it. */
export function describeKind(kind: Kind): KindDescription {
  return (languageOf(kind).about as Record<Kind, KindDescription>)[kind];
}

/** Kinds read as context when a file of `kind` is named on its own. */
export function contextKinds(kind: Kind): readonly Kind[] {
  return (languageOf(kind).context ?? []) as readonly Kind[];
}

/** The directories (relative to its own) a file of `kind` names by path as its context; `text` reads the file, only for a language that names any. */
export function directoriesNamed(path: string, kind: Kind, text: () => string): readonly string[] {
  return (languageOf(kind) as Language<string, unknown, unknown>).directoriesNamed?.(path, text) ?? [];
}

/**
 * Of the context files found for `targets`, those each language says can change the targets' findings
 * (all, for a language that does not narrow). A named file of another language reads a language's files
 * for the facts they contribute (a manifest, the Terraform network: the language narrows), or the files
 * its text names (a manifest, the scripts its containers run: those whose name is a word of its text);
 * one that reads them beyond that (a team policy's `referencedBy` searching their kind, one of
 * `searchedByPolicies`) has all of them read.
 */
export async function relevantContext(targets: readonly { path: string; kind: Kind }[], candidates: readonly string[], read: (path: string) => string, searchedByPolicies: ReadonlySet<Kind>): Promise<Set<string>> {
  const kept = new Set<string>();
  for (const language of LANGUAGES) {
    const own = (paths: readonly string[]) => paths.filter((path) => language.kindOf(path) !== undefined);
    const mine = own(candidates);
    if (mine.length === 0) continue;
    const ownTargets = own(targets.map((target) => target.path));
    const asked = targets.flatMap((target) => askedOf(language, target.kind).map((kind) => ({ target, how: searchedByPolicies.has(kind) ? 'wholly' : howAsked(language, target.kind, kind) })));
    const how = new Set(asked.map((ask) => ask.how));
    if (how.has('wholly') || (ownTargets.length > 0 && !language.narrowContext)) {
      for (const path of mine) kept.add(path);
      continue;
    }
    if (language.narrowContext && (ownTargets.length > 0 || how.has('facts'))) for (const path of await language.narrowContext(ownTargets, mine, read, how.has('facts'))) kept.add(path);
    const naming = asked.filter((ask) => ask.how === 'name').map((ask) => ask.target.path);
    for (const path of namedBy(language, mine, naming.map(read))) kept.add(path);
  }
  return kept;
}

/** How a file of `kind` reads the files of `language`'s `context` kind: for the facts they contribute, by their names, or wholly. */
function howAsked(language: Entry, kind: Kind, context: Kind): 'facts' | 'name' | 'wholly' {
  if (contextThroughFacts(kind).includes(context)) return 'facts';
  return 'nameInContext' in language && contextKinds(context).includes(kind) ? 'name' : 'wholly';
}

/** Of `paths` (files of `language`, which has `nameInContext`), those whose name one of `texts` holds as a word. */
function namedBy(language: Entry, paths: readonly string[], texts: readonly string[]): string[] {
  if (texts.length === 0) return [];
  const naming = namingIn((language as Language<string, unknown, unknown>).nameInContext!, paths);
  const held = new Set(texts.flatMap(naming));
  return paths.filter((path) => held.has(path));
}

/** The kinds of `language` that a named file of another language's `kind` reads as context. */
function askedOf(language: Entry, kind: Kind): Kind[] {
  const own = language.kinds as readonly Kind[];
  return own.includes(kind) ? [] : contextKinds(kind).filter((context) => own.includes(context));
}

function languageOf(kind: Kind): Entry {
  return LANGUAGES.find((language) => (language.kinds as readonly string[]).includes(kind))!;
}

const parsers = new Map<Kind, Parser<Document>>();

export async function parse(file: SourceFile): Promise<ParseResult<Document>> {
  let parser = parsers.get(file.kind);
  if (!parser) {
    parser = await (languageOf(file.kind).parser as (kind: Kind) => Promise<Parser<Document>>)(file.kind);
    parsers.set(file.kind, parser);
  }
  return parser(file);
}

/**
 * Each language in the scan builds its model from its documents and contributes facts; the facts are
 * merged for every rule, with those `carried` from the batches of the scan checked before.
 */
export async function buildWorkspace(documents: Document[], options: ModelOptions, carried?: CarriedFacts): Promise<Workspace> {
  const models = new Map<string, unknown>();
  const contributions: FactContribution[] = carried ? [{ networks: () => carried.networks }] : [];
  const notes: (readonly Note[])[] = [];
  for (const language of LANGUAGES) {
    const own = documents.filter((document) => (language.kinds as readonly string[]).includes(document.kind));
    if (own.length === 0 || !language.modelBuilder) continue;
    const build = (await language.modelBuilder()) as ModelBuilder<Document, unknown>;
    const built = await build(own, options);
    models.set(language.name, built.model);
    contributions.push(built.facts);
    notes.push(built.notes);
  }
  return {
    documents,
    byPath: new Map(documents.map((document) => [document.file.path, document])),
    terraform: (models.get(terraform.name) as TerraformModel | undefined) ?? terraform.emptyModel!,
    kubernetes: (models.get(kubernetes.name) as KubernetesModel | undefined) ?? kubernetes.emptyModel!,
    dockerfile: (models.get(dockerfile.name) as DockerfileModel | undefined) ?? dockerfile.emptyModel!,
    facts: mergeFacts(contributions),
    get notes() {
      return notes.flat();
    },
  };
}

/**
 * For --shard and batches: the groups of files that must be checked in one run, each language grouping its
 * own; files of a language without groups stand alone. `searched`: the kinds team policies' `referencedBy` search.
 */
export async function checkedTogether(files: readonly { path: string; kind: Kind }[], read: (path: string) => string | undefined, searched: ReadonlySet<Kind>): Promise<string[][]> {
  const units: string[][] = [];
  for (const language of LANGUAGES) {
    const own = files.filter((file) => (language.kinds as readonly string[]).includes(file.kind));
    if (own.length === 0) continue;
    const group = 'units' in language && language.units ? await (language.units as () => Promise<UnitsOf>)() : undefined;
    pushAll(units, group ? group(own, read, language.kinds.some((kind) => searched.has(kind))) : own.map((file) => [file.path]));
  }
  return units;
}

/** For a batched scan: the kinds whose facts a file of `kind` reads (carried from the batches checked first). */
export function contextThroughFacts(kind: Kind): readonly Kind[] {
  const language = languageOf(kind) as Language<string, unknown, unknown>;
  return (language.contextFacts ?? []) as readonly Kind[];
}

/**
 * For a batched scan: of the kinds `foreignContext` names, those whose files a batch holding a file of
 * `kind` still needs as a whole: neither carried facts nor the joins by name (`namedInContext`) bring them.
 */
export function contextBeyondJoins(kind: Kind): Kind[] {
  const byName = (from: Kind, to: Kind) => 'nameInContext' in languageOf(from) && contextKinds(from).includes(to);
  return foreignContext(kind).filter((other) => !contextThroughFacts(kind).includes(other) && !contextThroughFacts(other).includes(kind) && !byName(kind, other) && !byName(other, kind));
}

/**
 * For a batched scan: each file of a language that has `nameInContext`, with the files of its context
 * kinds whose text may hold that name (see namingIn).
 */
export function namedInContext(files: readonly { path: string; kind: Kind }[], read: (path: string) => string | undefined): Map<string, string[]> {
  const named = new Map<string, string[]>();
  for (const language of LANGUAGES) {
    const nameOf = 'nameInContext' in language ? (language.nameInContext as (path: string) => string) : undefined;
    const own = nameOf ? files.filter((file) => (language.kinds as readonly string[]).includes(file.kind)) : [];
    if (own.length === 0) continue;
    const contextOf = new Set(own.flatMap((file) => contextKinds(file.kind)));
    const candidates = files.filter((file) => contextOf.has(file.kind));
    const naming = namingIn(nameOf!, own.map((file) => file.path));
    for (const candidate of candidates) for (const path of naming(read(candidate.path) ?? '')) appendTo(named, path, candidate.path);
  }
  return named;
}

const WORD_BREAKS = /[\s"'`=,;:[\]{}()\/\\&|<>$*?!#]+/;
/** An escape that gives a character by its number (`\x2e`, `\u0073`, `\163`) or a control character (`\cA`): it may spell any name. */
const NUMBERED_ESCAPE = /\\[xuUc0-7]/;

/**
 * The words of a text in which a name (a script's file name) may be written, as far as the text tells:
 * split at white space, quotes, slashes and shell and YAML punctuation, then again with each escape read as
 * a break (YAML's "\tstart.sh") and with quotes and backslashes taken out (the shell's "st"art.sh and
 * sta\rt.sh; a backslash at a line's end, with the next line's indentation, as YAML and the shell join
 * lines). Undefined where an escape may spell a character by its number: the text may hold any name.
 */
function wordsOf(text: string): ReadonlySet<string> | undefined {
  if (NUMBERED_ESCAPE.test(text)) return undefined;
  const words = new Set(text.split(WORD_BREAKS));
  if (text.includes('\\')) for (const word of text.replace(/\\[^]/g, ' ').split(WORD_BREAKS)) words.add(word);
  if (/["'\\]/.test(text)) for (const word of text.replace(/\\\r?\n[ \t]*|["'\\]/g, '').split(WORD_BREAKS)) words.add(word);
  return words;
}

/**
 * Of `paths` (files named in other files' texts by `nameOf`), those a text may name: each whose name is one of its
 * words (wordsOf), each whose name the split cannot find whole, and all of them where the text may hold any name.
 */
function namingIn(nameOf: (path: string) => string, paths: readonly string[]): (text: string) => string[] {
  const byName = new Map<string, string[]>();
  for (const path of paths) appendTo(byName, nameOf(path), path);
  const unsplit = [...byName].filter(([name]) => WORD_BREAKS.test(name)).flatMap(([, named]) => named);
  return (text) => {
    const words = wordsOf(text);
    return words === undefined ? [...paths] : [...new Set([...unsplit, ...[...words].flatMap((word) => byName.get(word) ?? [])])];
  };
}

/**
 * For --shard: the kinds of other languages a part holding a file of `kind` reads, both ways: those
 * the file needs (a manifest needs the Terraform network and the scripts its containers run) and
 * those that need it (a Dockerfile whose entrypoint script is this file), so that each finding can be
 * made by the part that holds the file it is in.
 */
export function foreignContext(kind: Kind): readonly Kind[] {
  const own = languageOf(kind).kinds as readonly string[];
  const needed = contextKinds(kind);
  const needing = KINDS.filter((other) => contextKinds(other).includes(kind));
  return [...new Set([...needed, ...needing])].filter((context) => !own.includes(context));
}
