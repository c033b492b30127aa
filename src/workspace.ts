import type { Facts } from './facts/index.js';
import type { Note } from './language.js';
import type { Document } from './languages/index.js';
import type { KubernetesModel } from './languages/kubernetes/model.js';
import type { DockerfileModel } from './languages/dockerfile/go-modules.js';
import type { TerraformModel } from './languages/terraform/model/types.js';

/** Facts about the whole scan that rules read; filled once by the model stage (src/languages/index.ts), never by rules. */
export interface Workspace {
  documents: readonly Document[];
  byPath: ReadonlyMap<string, Document>;
  /** The Terraform configuration, evaluated, and the scanned plans: modules, resources, providers and their regions. Empty without Terraform files. */
  terraform: TerraformModel;
  /** The manifests' workloads and ConfigMaps. Empty without manifests. */
  kubernetes: KubernetesModel;
  /** What the repository says about the Dockerfiles' builds (a vendoring Go module). */
  dockerfile: DockerfileModel;
  /** What crosses languages: the network and its IPv6, Go settings, log calls. */
  facts: Facts;
  /** What the languages' models left out and why (remote modules not fetched, files outside the root), complete once the rules ran. */
  readonly notes: readonly Note[];
}

/** How the model stage reads files it needs beyond the scanned documents (`file()`, `templatefile()`). */
export interface FileReader {
  /** `path` resolved from `directory` (relative to the scan root); refused, with the reason, outside the scan root. */
  read(directory: string, path: string): FileRead;
  /** The names of the files and directories in a directory (relative to the scan root), links not followed; undefined outside the root or where it cannot be read. */
  list(directory: string): DirectoryEntries | undefined;
}

export interface DirectoryEntries {
  readonly files: readonly string[];
  readonly directories: readonly string[];
}

export type FileRead = { ok: true; path: string; text: string } | { ok: false; reason: string };

export interface ModelOptions {
  reader: FileReader;
  /** Var files from the config and --var-file, relative to the scan root, in the order Terraform applies them. */
  varFiles: readonly string[];
  /** What the enabled rules read of the parts a model builds only on request. */
  requested: ReadonlySet<ReadOnRequest>;
}

/**
 * Parts of a model that cost a parser of their own, built only when an enabled rule reads them (its
 * metadata's `reads`): `container-scripts`, the `sh -c` scripts of Kubernetes containers, read by
 * the shell reader and its WebAssembly grammar.
 */
export type ReadOnRequest = 'container-scripts';

export const EVERY_PART_REQUESTED: ReadonlySet<ReadOnRequest> = new Set(['container-scripts']);
