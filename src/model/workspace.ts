import type { Document } from '../parsers/index.js';
import type { TerraformSource } from './terraform.js';
import { regionFacts } from './terraform/regions.js';
import type { TerraformModel } from './terraform/types.js';

/** Facts about the whole scan that rules read; filled once by the model stage, never by rules. */
export interface Workspace {
  documents: readonly Document[];
  byPath: ReadonlyMap<string, Document>;
  /** The Terraform configuration, evaluated, and the scanned plans: modules, resources, providers and their regions. Empty without Terraform files. */
  terraform: TerraformModel;
}

/** How the model stage reads files it needs beyond the scanned documents (`file()`, `templatefile()`). */
export interface FileReader {
  /** `path` resolved from `directory` (relative to the scan root); refused, with the reason, outside the scan root. */
  read(directory: string, path: string): FileRead;
}

export type FileRead = { ok: true; path: string; text: string } | { ok: false; reason: string };

export interface ModelOptions {
  reader: FileReader;
  /** Var files from the config and --var-file, relative to the scan root, in the order Terraform applies them. */
  varFiles: readonly string[];
}

const NO_TERRAFORM: TerraformModel = {
  roots: [],
  modules: [],
  resources: [],
  providers: [],
  resourcesIn: () => [],
  providersIn: () => [],
  notes: [],
  network: { vpcs: [], subnets: [], vpcOf: () => undefined },
  ecr: { repositories: [], lifecyclePolicies: [], registryScanning: [], repositoriesIn: () => [], lifecyclePoliciesIn: () => [] },
  regions: regionFacts([], []),
  transfers: [],
};

export async function buildWorkspace(documents: Document[], options: ModelOptions): Promise<Workspace> {
  const terraformDocuments = documents.filter((document): document is TerraformSource => document.kind === 'terraform' || document.kind === 'tfvars' || document.kind === 'tfplan');
  // The evaluator loads only when Terraform files are in the scan: a Dockerfile-only run pays nothing for it.
  const terraform = terraformDocuments.length > 0 ? (await import('./terraform/model.js')).buildTerraformModel(terraformDocuments, options) : NO_TERRAFORM;
  return { documents, byPath: new Map(documents.map((document) => [document.file.path, document])), terraform: await terraform };
}
