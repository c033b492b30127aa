import { posix } from 'node:path';
import { attribute, blocks, type Attribute, type Block, type Expression } from '../hcl/syntax.js';
import type { TerraformDocument } from '../document.js';

/** A block and the file it is written in. */
export interface Declared {
  block: Block;
  document: TerraformDocument;
}

export interface LocalDeclaration {
  attribute: Attribute;
  document: TerraformDocument;
}

export interface ResourceDeclaration extends Declared {
  mode: 'managed' | 'data';
  type: string;
  name: string;
}

/** What the .tf files of one directory declare; the first declaration of a name wins, as Terraform rejects duplicates. */
export interface ModuleSource {
  directory: string;
  variables: Map<string, Declared>;
  locals: Map<string, LocalDeclaration>;
  outputs: Map<string, Declared>;
  providers: Declared[];
  resources: Map<string, ResourceDeclaration>;
  calls: Map<string, Declared>;
}

export function resourceKey(mode: 'managed' | 'data', type: string, name: string): string {
  return `${mode}.${type}.${name}`;
}

/** The module of each directory that holds Terraform configuration files. */
export function moduleSources(documents: readonly TerraformDocument[]): Map<string, ModuleSource> {
  const sources = new Map<string, ModuleSource>();
  for (const document of documents) {
    if (document.kind !== 'terraform') continue;
    const directory = posix.dirname(document.file.path);
    let source = sources.get(directory);
    if (!source) {
      source = { directory, variables: new Map(), locals: new Map(), outputs: new Map(), providers: [], resources: new Map(), calls: new Map() };
      sources.set(directory, source);
    }
    declare(source, document);
  }
  return sources;
}

function declare(source: ModuleSource, document: TerraformDocument): void {
  const body = document.body;
  const named = (type: string, into: Map<string, Declared>) => {
    for (const block of blocks(body, type)) addFirst(into, block.labels[0]?.value, { block, document });
  };
  named('variable', source.variables);
  named('output', source.outputs);
  named('module', source.calls);
  for (const block of blocks(body, 'locals')) {
    for (const local of block.body.attributes) addFirst(source.locals, local.name, { attribute: local, document });
  }
  for (const block of blocks(body, 'provider')) source.providers.push({ block, document });
  for (const mode of ['managed', 'data'] as const) {
    for (const block of blocks(body, mode === 'managed' ? 'resource' : 'data')) {
      const [type, name] = block.labels.map((label) => label.value);
      if (type && name) addFirst(source.resources, resourceKey(mode, type, name), { block, document, mode, type, name });
    }
  }
}

function addFirst<T>(map: Map<string, T>, key: string | undefined, value: T): void {
  if (key !== undefined && !map.has(key)) map.set(key, value);
}

/** `source = "./modules/region"`: the directory of a local module, relative to the scan root, or why it is not one. */
export function localModuleDirectory(call: Declared, callerDirectory: string): { directory: string } | { remote: string } | { invalid: string } {
  const source = literalText(attribute(call.block.body, 'source')?.value);
  if (source === undefined) return { invalid: 'its source is not a literal string' };
  if (!source.startsWith('./') && !source.startsWith('../')) return { remote: source };
  const directory = posix.normalize(posix.join(callerDirectory, source)).replace(/\/$/, '');
  return directory === '..' || directory.startsWith('../') ? { invalid: `its source ${source} lies outside the scan root` } : { directory };
}

/** Directories whose module no scanned module calls: the ones Terraform is run in. */
export function rootDirectories(sources: ReadonlyMap<string, ModuleSource>): string[] {
  const called = new Set<string>();
  for (const source of sources.values()) {
    for (const call of source.calls.values()) {
      const target = localModuleDirectory(call, source.directory);
      if ('directory' in target && target.directory !== source.directory) called.add(target.directory);
    }
  }
  return [...sources.keys()].filter((directory) => !called.has(directory)).sort();
}

/** The text of a string literal written without interpolation, or of a bare name (`aws.tokyo` in `provider = aws.tokyo`). */
export function literalText(expression: Expression | undefined): string | undefined {
  if (!expression) return undefined;
  if (expression.type === 'template') {
    const [only, ...rest] = expression.parts;
    if (!only) return '';
    return rest.length === 0 && only.type === 'text' ? only.value : undefined;
  }
  if (expression.type === 'variable') return expression.name;
  if (expression.type === 'getAttr') {
    const object = literalText(expression.object);
    return object === undefined || expression.object.type !== 'variable' ? undefined : `${object}.${expression.name}`;
  }
  return undefined;
}
