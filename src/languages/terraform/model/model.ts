import { posix } from 'node:path';
import { appendTo } from '../../../append.js';
import { parseTemplate } from '../hcl/parser.js';
import type { Location } from '../../../types.js';
import type { TerraformDocument, TerraformSource } from '../document.js';
import type { TerraformPlanDocument } from '../plan-document.js';
import type { ModelContribution } from '../../../language.js';
import type { ModelOptions } from '../../../workspace.js';
import { buildEcrFacts } from './ecr/facts.js';
import { ModuleNode, type ModelContext } from './instances.js';
import { moduleSources, rootDirectories } from './module.js';
import { buildNetwork, clusterDecisions, networkDecisions, type Network } from './network.js';
import { terraformRegions, type TerraformRegions } from './regions.js';
import { Plan } from './plan/plan.js';
import { Environment, type YamlEncoder } from './scope.js';
import { templateParser } from './template.js';
import { transfers, type Transfer } from './transfers.js';
import type { ModuleInstance, Note, TerraformModel } from './types.js';

/** The Terraform model for the Terraform rules, and its networks and regions as facts for every language's. */
export async function buildTerraform(documents: readonly TerraformSource[], options: ModelOptions): Promise<ModelContribution<TerraformModel>> {
  const model = await buildTerraformModel(documents, options);
  return {
    model,
    notes: model.notes,
    facts: { networks: () => [...networkDecisions(model.network), ...clusterDecisions(model.resources)] },
  };
}

/**
 * Builds the module instances, resources and providers of every root module — each directory of
 * configuration no other module calls, and each plan; attribute values are evaluated when asked for.
 */
export async function buildTerraformModel(documents: readonly TerraformSource[], options: ModelOptions): Promise<TerraformModel> {
  const configuration = documents.filter((document): document is TerraformDocument => document.kind !== 'tfplan');
  const plans = documents.filter((document): document is TerraformPlanDocument => document.kind === 'tfplan');
  const sources = moduleSources(configuration);
  const notes = new Map<string, Note>();
  const context: ModelContext = {
    environment: new Environment(options.reader, templateParser(parseTemplate), await yamlEncoder(documents), new Map(documents.map((document) => [document.file.path, document.file.text]))),
    sources,
    varFiles: varFileOrder(configuration, options.varFiles),
    note: (location, message) => notes.set(noteKey(location, message), { location, message }),
  };
  const roots: ModuleInstance[] = [
    ...rootDirectories(sources).map((directory) => new ModuleNode(context, sources.get(directory)!, '', undefined, undefined, undefined, undefined)),
    ...plans.map((plan) => new Plan(plan, context.environment).root),
  ];
  const modules = roots.flatMap(withDescendants);
  const resources = modules.flatMap((module) => module.resources);
  const providers = modules.flatMap((module) => module.providers);
  const calls = modules.flatMap((module) => (module instanceof ModuleNode ? module.callInstances : []));
  const resourcesByPath = groupBy(resources, (resource) => resource.document.file.path);
  const providersByPath = groupBy(providers, (provider) => provider.document!.file.path);
  const callsByPath = groupBy(calls, (call) => call.document.file.path);
  let network: Network | undefined;
  let regions: TerraformRegions | undefined;
  let copies: Transfer[] | undefined;
  const regionsInUse = () => (regions ??= terraformRegions(resources, providers));
  return {
    roots,
    modules,
    resources,
    providers,
    calls,
    resourcesIn: (document) => resourcesByPath.get(document.file.path) ?? [],
    providersIn: (document) => providersByPath.get(document.file.path) ?? [],
    callsIn: (document) => callsByPath.get(document.file.path) ?? [],
    notes: [...notes.values()],
    get network() {
      network ??= buildNetwork(resources);
      return network;
    },
    ecr: await buildEcrFacts(resources),
    // Computed when a rule first asks, after every module has been expanded.
    get regions() {
      return regionsInUse();
    },
    get transfers() {
      return (copies ??= transfers(resources, regionsInUse()));
    },
  };
}

/**
 * The YAML library (160 KB) loads only when the configuration can call `yamlencode`: its name is
 * written in a file, or in a template, which only `templatefile` reads.
 */
async function yamlEncoder(documents: readonly TerraformSource[]): Promise<YamlEncoder> {
  if (documents.some((document) => /yamlencode|templatefile/.test(document.file.text))) return (await import('./functions/yaml.js')).encodeYaml;
  return () => {
    throw new Error('yamlencode was called, but no scanned file names it');
  };
}

function withDescendants(module: ModuleInstance): ModuleInstance[] {
  return [module, ...module.children.flatMap(withDescendants)];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) appendTo(groups, key(item), item);
  return groups;
}

function noteKey(location: Location, message: string): string {
  return `${location.path}:${location.range.start.line}:${location.range.start.column}:${message}`;
}

/**
 * The tfvars files Terraform loads for a root module, lowest precedence first: terraform.tfvars,
 * terraform.tfvars.json, *.auto.tfvars and *.auto.tfvars.json in lexical order of their names,
 * then the var files given (config first, then --var-file), in order.
 */
function varFileOrder(documents: readonly TerraformDocument[], given: readonly string[]): (directory: string) => TerraformDocument[] {
  const byPath = new Map(documents.map((document) => [document.file.path, document]));
  const explicit = given.flatMap((path) => byPath.get(path) ?? []);
  const cache = new Map<string, TerraformDocument[]>();
  return (directory) => {
    const known = cache.get(directory);
    if (known) return known;
    const local = documents.filter((document) => document.kind === 'tfvars' && posix.dirname(document.file.path) === directory);
    const named = (name: string) => local.filter((document) => posix.basename(document.file.path) === name);
    const automatic = local
      .filter((document) => /\.auto\.tfvars(\.json)?$/.test(document.file.path))
      .sort((a, b) => (posix.basename(a.file.path) < posix.basename(b.file.path) ? -1 : 1));
    const ordered = [...named('terraform.tfvars'), ...named('terraform.tfvars.json'), ...automatic, ...explicit];
    cache.set(directory, ordered);
    return ordered;
  };
}
