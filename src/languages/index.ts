import { mergeFacts, type FactContribution } from '../facts/index.js';
import type { Language, ModelBuilder, Note, ParseResult, Parser } from '../language.js';
import type { SourceFile } from '../types.js';
import type { ModelOptions, Workspace } from '../workspace.js';
import { dockerfile } from './dockerfile/index.js';
import { shell } from './shell/index.js';
import { terraform } from './terraform/index.js';
import type { TerraformModel } from './terraform/model/types.js';

/*
 * The registry of input languages: what kinds each owns, how a file is recognised, its parser and
 * its model builder. Kinds, discovery, the pre-commit `files` pattern and the docs derive from it;
 * adding a language is a folder, one entry here, fixtures and rules (see "Adding a language" in the README).
 */

export const LANGUAGES = [dockerfile, terraform, shell] as const;

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

/** Kinds read as context when a file of `kind` is named on its own. */
export function contextKinds(kind: Kind): readonly Kind[] {
  return (languageOf(kind).context ?? []) as readonly Kind[];
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

/** Each language in the scan builds its model from its documents and contributes facts; the facts are merged for every rule. */
export async function buildWorkspace(documents: Document[], options: ModelOptions): Promise<Workspace> {
  const models = new Map<string, unknown>();
  const contributions: FactContribution[] = [];
  const notes: Note[] = [];
  for (const language of LANGUAGES) {
    const own = documents.filter((document) => (language.kinds as readonly string[]).includes(document.kind));
    if (own.length === 0 || !language.modelBuilder) continue;
    const build = (await language.modelBuilder()) as ModelBuilder<Document, unknown>;
    const built = await build(own, options);
    models.set(language.name, built.model);
    contributions.push(built.facts);
    notes.push(...built.notes);
  }
  return {
    documents,
    byPath: new Map(documents.map((document) => [document.file.path, document])),
    terraform: (models.get(terraform.name) as TerraformModel | undefined) ?? terraform.emptyModel!,
    facts: mergeFacts(contributions),
    notes,
  };
}

/** For --shard: the groups of files that must be checked in one run, each language grouping its own; files of a language without groups stand alone. */
export async function checkedTogether(files: readonly { path: string; kind: Kind }[], read: (path: string) => string): Promise<string[][]> {
  const units: string[][] = [];
  for (const language of LANGUAGES) {
    const own = files.filter((file) => (language.kinds as readonly string[]).includes(file.kind));
    if (own.length === 0) continue;
    const group = 'units' in language && language.units ? await (language.units as () => Promise<(files: readonly { path: string; kind: Kind }[], read: (path: string) => string) => string[][]>)() : undefined;
    units.push(...(group ? group(own, read) : own.map((file) => [file.path])));
  }
  return units;
}

/** Kinds of other languages that a file of `kind` needs read alongside it, wherever it is checked (for --shard). */
export function foreignContext(kind: Kind): readonly Kind[] {
  const own = languageOf(kind).kinds as readonly string[];
  return contextKinds(kind).filter((context) => !own.includes(context));
}
