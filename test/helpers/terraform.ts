import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../src/discover.js';
import type { TerraformDocument } from '../../src/languages/terraform/document.js';
import type { ModuleInstance, ProviderInstance, ResourceInstance, TerraformModel } from '../../src/languages/terraform/model/types.js';
import type { Value } from '../../src/languages/terraform/model/value.js';
import { EVERY_PART_REQUESTED, type Workspace } from '../../src/workspace.js';
import { buildWorkspace, parse, type Document } from '../../src/languages/index.js';
import { RootReader } from '../../src/root-reader.js';

/** Writes `files` (path → text) into a fresh directory and returns it. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'merlint-tf-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The workspace the engine's model stage builds for the Terraform files under `root`. */
export async function loadWorkspace(root: string, varFiles: string[] = []): Promise<Workspace & { reader: RootReader }> {
  const { files } = await discover({ root, paths: [root], ignore: [] });
  const documents: Document[] = [];
  for (const file of files) {
    const { document } = await parse({ path: file.path, kind: file.kind, text: readFileSync(file.absolutePath, 'utf8') });
    if (document) documents.push(document);
  }
  const reader = new RootReader(root);
  return { ...(await buildWorkspace(documents, { reader, varFiles, requested: EVERY_PART_REQUESTED })), reader };
}

/** The model of `files` written to a fresh directory. */
export async function modelOf(files: Record<string, string>, varFiles: string[] = []): Promise<TerraformModel> {
  return (await loadWorkspace(writeTree(files), varFiles)).terraform;
}

/** The root module instance of a model with one root. */
export function rootOf(model: TerraformModel): ModuleInstance {
  if (model.roots.length !== 1) throw new Error(`expected one root module, found ${model.roots.length}`);
  return model.roots[0]!;
}

export function resourceAt(model: TerraformModel, address: string): ResourceInstance {
  const found = model.resources.find((resource) => resource.address === address);
  if (!found) throw new Error(`no resource ${address}; have ${model.resources.map((resource) => resource.address).join(', ')}`);
  return found;
}

export function providerAt(model: TerraformModel, address: string): ProviderInstance {
  const found = [...model.providers, ...model.resources.map((resource) => resource.provider)].find((provider) => provider.address === address);
  if (!found) throw new Error(`no provider ${address}`);
  return found;
}

export function documentAt(workspace: Workspace, path: string): TerraformDocument {
  return workspace.byPath.get(path) as TerraformDocument;
}

/** A value without its positions, for comparing with plain data; unknowns become `{ unknown: reason }`. */
export function plain(value: Value | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.kind) {
    case 'unknown':
      return { unknown: value.reason };
    case 'null':
      return null;
    case 'list':
      return value.items.map(plain);
    case 'object':
      return Object.fromEntries([...value.entries].map(([key, entry]) => [key, plain(entry)]));
    default:
      return value.value;
  }
}

/** `path:line:column` of a location, for short assertions. */
export function at(location: { path: string; range: { start: { line: number; column: number } } } | undefined): string | undefined {
  return location && `${location.path}:${location.range.start.line}:${location.range.start.column}`;
}
