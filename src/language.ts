import type { FactContribution } from './facts/index.js';
import type { Location, Range, SourceFile } from './types.js';
import type { ModelOptions } from './workspace.js';

/*
 * The one face a language shows the engine (see src/languages/index.ts for the registry). A
 * language's folder holds everything that knows how its files are written; the engine drives every
 * language the same way: recognise → parse → build its model and contribute facts.
 */

export interface ParseError {
  message: string;
  range: Range;
}

/** A parser recovers where it can: `errors` become MER000 findings and `document` is still checked. */
export interface ParseResult<D = unknown> {
  document: D | undefined;
  errors: ParseError[];
}

export type Parser<D> = (file: SourceFile) => ParseResult<D> | Promise<ParseResult<D>>;

/** Something a language's model left out, and why (a remote module not fetched, a cycle): a notice of the run. */
export interface Note {
  location: Location;
  message: string;
}

/** What a language's model stage gives the workspace: its own model for its rules, and facts for every language's rules. */
export interface ModelContribution<M> {
  model: M;
  facts: FactContribution;
  /** Read once the rules ran: a model may add a note as a rule first asks for a fact (the TypeScript model's search for global declarations). */
  notes: readonly Note[];
}

export type ModelBuilder<D, M> = (documents: readonly D[], options: ModelOptions) => Promise<ModelContribution<M>>;

/** Characters of a file's head that content recognition may look at: deciding never costs a whole read of a large file. */
export const CONTENT_PROBE_CHARS = 64 * 1024;

export interface ContentRecognition<K extends string> {
  /** Whether a file of this name may be the language's, so its head is worth reading. */
  mayHold(path: string): boolean;
  /** The kind of the file from its head, or undefined when it is not the language's. */
  kindOf(path: string, head: string): K | undefined;
}

export interface KindDescription {
  readonly names: readonly [string, string];
  readonly fence: string;
}

/**
 * Groups the files of a language that must be checked in one run (--shard, batches). `searched`: a team
 * policy's `referencedBy` searches the language's files, so an object of one file may refer to one of another.
 */
export type UnitsOf<K extends string = string> = (files: readonly { path: string; kind: K }[], read: (path: string) => string | undefined, searched: boolean) => string[][];

export interface Language<K extends string, D, M = undefined> {
  /** The folder name under src/languages/. */
  readonly name: string;
  readonly kinds: readonly K[];
  /** Each kind as messages and docs name it (one, several) and the Markdown code fence that shows it. */
  readonly about: { readonly [P in K]: KindDescription };
  /** The kind of a file by its path alone (relative to the scan root, `/` separators); undefined when not this language's. */
  kindOf(path: string): K | undefined;
  /**
   * For names this language may hold but cannot decide by path (a `.yaml` may be a Kubernetes
   * manifest, a CI workflow or nothing of ours): the file's head is read (at most
   * CONTENT_PROBE_CHARS characters) and `kindOf` decides. Recognition by path always goes first.
   */
  readonly byContent?: ContentRecognition<K>;
  /**
   * Kinds whose files are read as context when a file of this language is named on its own
   * (pre-commit, --changed): a Terraform file needs its module, its callers and their var files.
   */
  readonly context?: readonly string[];
  /**
   * Of `context`, the kinds read only for the facts their model contributes (a manifest is judged by
   * the network the Terraform decides): a batched scan checks those first and carries their facts,
   * and a file named on its own reads only those of their files the facts can come from (`narrowContext`).
   */
  readonly contextFacts?: readonly string[];
  /**
   * The name by which files of its `context` kinds name a file of this language (a script by its file
   * name, in a COPY or a container's command): in a batched scan a file goes with every such file whose
   * text holds the name, and a file of those kinds named on its own reads the files of this language it names.
   */
  nameInContext?(path: string): string;
  /**
   * The cross-language facts its model builder contributes. Rules that judge a fact (the GOP rules
   * read Go settings) run on the documents of every language that contributes it.
   */
  readonly contributes?: readonly (keyof FactContribution)[];
  /**
   * The directories (relative to the file's own) a file of the language names by path, whose files
   * are its context wherever they lie (the local modules a Terraform module calls): read even when
   * a search for context was cut short before it reached them. `text` reads the file.
   */
  directoriesNamed?(path: string, text: () => string): readonly string[];
  /**
   * Of the context files found for `targets` (root-relative paths of the language's own files),
   * those that can change the targets' findings; without it, all of them are read. `forFacts`: files
   * of other languages among the named ones read the language's files for the facts its model
   * contributes (`contextFacts`), so the files those facts can come from are kept too. `read` gives
   * a file's text ('' if unreadable).
   */
  narrowContext?(targets: readonly string[], candidates: readonly string[], read: (path: string) => string, forFacts: boolean): Promise<readonly string[]>;
  /**
   * For --shard: the files of the language that must be checked in one run (a Terraform root module
   * with the local modules it calls and its var files; a Go module; TypeScript modules that import
   * each other), given the files and a way to read any file under the scan root (undefined when there
   * is none). Without it, each file is checked on its own.
   */
  units?(): Promise<UnitsOf<K>>;
  /** The parser of one of the language's kinds, loaded on first use so that a run pays only for the languages in it. */
  parser(kind: K): Promise<Parser<D>>;
  /** The model builder, loaded when a document of the language is in the scan. */
  modelBuilder?(): Promise<ModelBuilder<D, M>>;
  /** The model when no document of the language is in the scan. */
  readonly emptyModel?: M;
}
