import type { Location } from '../../../types.js';
import { attribute, type Expression } from '../hcl/syntax.js';
import type { TerraformDocument } from '../document.js';
import { BlockView } from './body.js';
import { convert, toBool, typeConstraint } from './convert.js';
import { evaluate } from './evaluate.js';
import { expand, type InstanceKey } from './expansion.js';
import { literalText, localModuleDirectory, resourceKey, type Declared, type ModuleSource, type ResourceDeclaration } from './module.js';
import { ProviderNode } from './providers.js';
import { describeModule } from './references.js';
import { Scope, type Environment, type Instances, type Member, type ModuleContext } from './scope.js';
import type { ModuleCallInstance, ModuleInstance, ResourceInstance } from './types.js';
import { failure, knownList, knownObject, unknown, type UnknownValue, type Value } from './value.js';

/** Modules calling modules deeper than this are not expanded. */
const MAX_MODULE_DEPTH = 16;

/** What all module instances of a scan share. */
export interface ModelContext {
  environment: Environment;
  sources: ReadonlyMap<string, ModuleSource>;
  /** The tfvars files that apply to the root module in `directory`, lowest precedence first. */
  varFiles(directory: string): readonly TerraformDocument[];
  note(location: Location, message: string): void;
}

/** Arguments of a `module` block that are not input variables. */
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Arguments and blocks of a resource that configure Terraform rather than the object. */
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

interface CallSite {
  declaration: Declared;
  /** The calling module's scope at the `module` block, with its `count` or `each`. */
  scope: Scope;
}

interface Expanded<N> {
  instances: Instances;
  nodes: N[];
}

function keySuffix(key: InstanceKey): string {
  if (key.expansion) return '[?]';
  return key.key === undefined ? '' : `[${JSON.stringify(key.key)}]`;
}

function isFalse(value: Value): boolean {
  const bool = toBool(value);
  return bool.kind === 'bool' && !bool.value;
}

function locationOf(declared: Declared): Location {
  const block = declared.block;
  const name = block.labels[block.labels.length - 1] ?? block;
  return { path: declared.document.file.path, range: name.range };
}

export class ModuleNode implements ModuleInstance, ModuleContext {
  readonly root: ModuleNode;
  private readonly calls = new Map<string, Expanded<ModuleNode>>();
  private readonly resourceNodes = new Map<string, Expanded<ResourceNode>>();
  private readonly implicitProviders = new Map<string, ProviderNode>();
  private declaredProviders: ProviderNode[] | undefined;

  constructor(
    private readonly model: ModelContext,
    private readonly source: ModuleSource,
    readonly address: string,
    readonly parent: ModuleNode | undefined,
    private readonly site: CallSite | undefined,
    readonly key: number | string | undefined,
    readonly expansion: UnknownValue | undefined,
  ) {
    this.root = parent?.root ?? this;
  }

  get directory(): string {
    return this.source.directory;
  }

  get rootDirectory(): string {
    return this.root.directory;
  }

  get call(): ModuleInstance['call'] {
    return this.site && { block: this.site.declaration.block, document: this.site.declaration.document };
  }

  get children(): ModuleNode[] {
    return [...this.source.calls.keys()].flatMap((name) => this.expandedCall(name)?.nodes ?? []);
  }

  get resources(): ResourceNode[] {
    return [...this.source.resources.values()].flatMap((declaration) => this.expandedResource(declaration.mode, declaration.type, declaration.name)?.nodes ?? []);
  }

  get providers(): ProviderNode[] {
    this.declaredProviders ??= this.source.providers.map((declared) => ProviderNode.declaredIn(this, declared));
    return this.declaredProviders;
  }

  /** A scope for expressions written in the file `path` of this module. */
  scopeAt(path: string): Scope {
    return new Scope(this.model.environment, path, this, this.root.directory);
  }

  /** Expressions that may not refer to anything: variable defaults and types, tfvars values. */
  private constantScope(path: string): Scope {
    return new Scope(this.model.environment, path, undefined, this.root.directory);
  }

  private once(what: string, compute: () => Value): Value {
    const label = this.address ? `${this.address}.${what}` : what;
    return this.model.environment.once(`${this.root.directory}|${label}`, label, compute);
  }

  variable(name: string): Value {
    return this.once(`var.${name}`, () => this.variableValue(name));
  }

  local(name: string): Value {
    return this.once(`local.${name}`, () => {
      const declared = this.source.locals.get(name);
      if (!declared) return unknown(`there is no local value "${name}" in the scanned files of ${this.directory}`);
      return evaluate(declared.attribute.value, this.scopeAt(declared.document.file.path));
    });
  }

  output(name: string): Value {
    return this.once(`output.${name}`, () => {
      const declared = this.source.outputs.get(name);
      const value = declared && attribute(declared.block.body, 'value');
      if (!declared || !value) return failure(`${describeModule(this.address)} has no output "${name}"`);
      return evaluate(value.value, this.scopeAt(declared.document.file.path));
    });
  }

  /** All outputs as one object, as `module.<name>` gives them; `at` is the module block. */
  private outputs(at: Location): Value {
    return knownObject([...this.source.outputs.keys()].map((name) => [name, this.output(name)] as const), at);
  }

  /**
   * The value the instance sees for a variable: for a root module the last tfvars file that sets
   * it, for a called module the argument of the `module` block; else the default — converted to
   * the declared type, as Terraform converts it.
   */
  private variableValue(name: string): Value {
    const declared = this.source.variables.get(name);
    if (!declared) return unknown(`there is no variable "${name}" in the scanned files of ${this.directory}`);
    const body = declared.block.body;
    const constant = (expression: Expression) => evaluate(expression, this.constantScope(declared.document.file.path));
    const written = attribute(body, 'default');
    const fallback = written && constant(written.value);
    const given = this.site ? this.argument(name) : this.tfvarsValue(name);
    const nullable = attribute(body, 'nullable');
    const value = given?.kind === 'null' && fallback && nullable && isFalse(constant(nullable.value)) ? fallback : (given ?? fallback ?? this.unset(name, declared));
    return convert(value, typeConstraint(attribute(body, 'type')?.value, constant));
  }

  private argument(name: string): Value | undefined {
    const written = attribute(this.site!.declaration.block.body, name);
    return written && !MODULE_META.has(name) ? evaluate(written.value, this.site!.scope) : undefined;
  }

  private tfvarsValue(name: string): Value | undefined {
    const files = this.model.varFiles(this.directory);
    for (let index = files.length - 1; index >= 0; index--) {
      const written = attribute(files[index]!.body, name);
      if (written) return evaluate(written.value, this.constantScope(files[index]!.file.path));
    }
    return undefined;
  }

  private unset(name: string, declared: Declared): Value {
    if (!this.site) {
      return unknown(`var.${name} has no default and no value in terraform.tfvars, *.auto.tfvars or a given var file (Terraform would take it from -var or TF_VAR_${name} at run time)`, locationOf(declared));
    }
    return failure(`${this.address} does not set ${name}, and var.${name} has no default`, locationOf(this.site.declaration));
  }

  /** The `module` blocks of this instance's files, one per count / for_each key, arguments evaluated here. */
  get callInstances(): CallView[] {
    return [...this.source.calls].flatMap(([name, declaration]) => {
      const scope = this.scopeAt(declaration.document.file.path);
      const label = `${this.address ? `${this.address}.` : ''}module.${name}`;
      return expand(declaration.block.body, scope).keys.map((key) => new CallView(this, name, declaration, `${label}${keySuffix(key)}`, key, scope.bind(key.bindings)));
    });
  }

  moduleCall(name: string): Instances | undefined {
    return this.expandedCall(name)?.instances;
  }

  resource(mode: 'managed' | 'data', type: string, name: string): Instances | undefined {
    return this.expandedResource(mode, type, name)?.instances;
  }

  private expandedCall(name: string): Expanded<ModuleNode> | undefined {
    const declaration = this.source.calls.get(name);
    if (!declaration) return undefined;
    const label = `${this.address ? `${this.address}.` : ''}module.${name}`;
    return cached(this.calls, name, label, () => {
      const target = this.callTarget(declaration, label);
      if ('unresolved' in target) return unresolved(target.unresolved);
      const scope = this.scopeAt(declaration.document.file.path);
      const expansion = expand(declaration.block.body, scope);
      const nodes = expansion.keys.map(
        (key) => new ModuleNode(this.model, target.source, `${label}${keySuffix(key)}`, this, { declaration, scope: scope.bind(key.bindings) }, key.key, key.expansion),
      );
      const at = locationOf(declaration);
      const members = nodes.map((node): Member => ({ key: node.key, expansion: node.expansion, attribute: (output) => node.output(output), whole: () => node.outputs(at) }));
      return { instances: { by: expansion.by, members, unresolved: undefined }, nodes };
    });
  }

  /** The module a `module` block calls, or why it is not expanded (remote, missing, a cycle, too deep). */
  private callTarget(declaration: Declared, label: string): { source: ModuleSource } | { unresolved: UnknownValue } {
    const sourceAttribute = attribute(declaration.block.body, 'source');
    const at = sourceAttribute ? { path: declaration.document.file.path, range: sourceAttribute.value.range } : locationOf(declaration);
    const skip = (reason: string, note: string | undefined, error = false) => {
      if (note) this.model.note(at, note);
      return { unresolved: error ? failure(`${label} ${reason}`, at) : unknown(`${label} ${reason}`, at) };
    };
    const target = localModuleDirectory(declaration, this.directory);
    if ('remote' in target) {
      return skip(`comes from ${JSON.stringify(target.remote)}, a remote module merlint does not fetch`, `remote module ${JSON.stringify(target.remote)} is not fetched, so the resources it creates are not checked`);
    }
    if ('invalid' in target) return skip(`cannot be expanded: ${target.invalid}`, undefined, true);
    const source = this.model.sources.get(target.directory);
    if (!source) return skip(`calls ${target.directory}, which has no .tf files in the scan`, `module directory ${target.directory} has no .tf files in the scan, so the resources it creates are not checked`);
    const chain: ModuleNode[] = [];
    for (let node: ModuleNode | undefined = this; node; node = node.parent) chain.unshift(node);
    if (chain.some((node) => node.directory === target.directory)) {
      const cycle = [...chain.map((node) => node.directory), target.directory].join(' → ');
      return skip(`is part of a module cycle (${cycle})`, `module cycle ${cycle}: it is expanded once`, true);
    }
    if (chain.length >= MAX_MODULE_DEPTH) return skip(`is nested more than ${MAX_MODULE_DEPTH} modules deep`, `modules nested more than ${MAX_MODULE_DEPTH} deep are not expanded`);
    return { source };
  }

  private expandedResource(mode: 'managed' | 'data', type: string, name: string): Expanded<ResourceNode> | undefined {
    const key = resourceKey(mode, type, name);
    const declaration = this.source.resources.get(key);
    if (!declaration) return undefined;
    const label = `${this.address ? `${this.address}.` : ''}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    return cached(this.resourceNodes, key, label, () => {
      const scope = this.scopeAt(declaration.document.file.path);
      const expansion = expand(declaration.block.body, scope);
      const nodes = expansion.keys.map((instance) => new ResourceNode(this, declaration, `${label}${keySuffix(instance)}`, instance, scope.bind(instance.bindings)));
      const members = nodes.map((node): Member => ({ key: node.key, expansion: node.expansion, resource: node, attribute: (attribute) => node.referenced(attribute), whole: () => node.whole() }));
      return { instances: { by: expansion.by, members, unresolved: undefined }, nodes };
    });
  }

  /**
   * The provider configuration `key` (`aws`, `aws.tokyo`) means in this module: one declared here;
   * else the one the `module` block maps to it in `providers`; else, without a `providers`
   * argument, the caller's default configuration, inherited; else Terraform's empty configuration.
   */
  provider(key: string): ProviderNode {
    const declared = this.providers.find((provider) => provider.key === key);
    if (declared) return declared;
    const passed = this.passedProviders();
    const parentKey = passed ? passed.get(key) : key.includes('.') ? undefined : key;
    if (this.parent && parentKey) return this.parent.provider(parentKey);
    let implicit = this.implicitProviders.get(key);
    if (!implicit) {
      const [name, alias] = key.split('.');
      implicit = new ProviderNode(this, name!, alias, undefined);
      this.implicitProviders.set(key, implicit);
    }
    return implicit;
  }

  /** The `providers = { aws = aws.tokyo }` map of the `module` block, if it has one. */
  private passedProviders(): Map<string, string> | undefined {
    const written = this.site && attribute(this.site.declaration.block.body, 'providers');
    if (written?.value.type !== 'object') return undefined;
    const map = new Map<string, string>();
    for (const item of written.value.items) {
      const [child, parent] = [literalText(item.key), literalText(item.value)];
      if (child && parent) map.set(child, parent);
    }
    return map;
  }
}

function unresolved<N>(reason: UnknownValue): Expanded<N> {
  return { instances: { by: 'single', members: [], unresolved: reason }, nodes: [] };
}

/** The instances of `label`, expanded once; a count or for_each that refers to the block itself sees why it cannot. */
function cached<N>(map: Map<string, Expanded<N>>, key: string, label: string, expandNow: () => Expanded<N>): Expanded<N> {
  const known = map.get(key);
  if (known) return known;
  map.set(key, unresolved(failure(`the count or for_each of ${label} refers to ${label} itself`)));
  const expanded = expandNow();
  map.set(key, expanded);
  return expanded;
}

class ResourceNode extends BlockView implements ResourceInstance {
  readonly key: number | string | undefined;
  readonly expansion: UnknownValue | undefined;
  private providerNode: ProviderNode | undefined;

  constructor(
    readonly module: ModuleNode,
    private readonly declaration: ResourceDeclaration,
    readonly address: string,
    instance: InstanceKey,
    scope: Scope,
  ) {
    super(declaration.block, scope, { key: `${module.root.directory}|${address}`, label: address });
    this.key = instance.key;
    this.expansion = instance.expansion;
  }

  get mode(): 'managed' | 'data' {
    return this.declaration.mode;
  }

  get type(): string {
    return this.declaration.type;
  }

  get name(): string {
    return this.declaration.name;
  }

  get document(): TerraformDocument {
    return this.declaration.document;
  }

  get provider(): ProviderNode {
    this.providerNode ??= this.module.provider(literalText(attribute(this.block.body, 'provider')?.value) ?? this.type.split('_')[0]!);
    return this.providerNode;
  }

  /** `aws_s3_bucket.logs.<name>` seen from a reference: written in the configuration, or known only after apply. */
  referenced(name: string): Value {
    const written = this.attribute(name);
    const nested = written ? [] : this.blocks(name);
    const at = this.scope.locate(this.block.range);
    const value = written ?? (nested.length > 0 ? knownList(nested.map((view, index) => view.toValue(`${this.address}.${name}[${index}]`)), at) : this.computed(name));
    return { ...value, resource: this };
  }

  whole(): Value {
    return { ...this.scope.environment.once(`${this.module.root.directory}|${this.address}.*`, this.address, () => this.toValue(this.address)), resource: this };
  }

  protected override isMeta(name: string): boolean {
    return RESOURCE_META.has(name);
  }

  /** An attribute the configuration does not write: the provider computes it. */
  private computed(name: string): Value {
    const region = this.provider.region;
    // data "aws_region" without arguments reads the region of its provider.
    if (this.mode === 'data' && this.type === 'aws_region' && ['name', 'region', 'id'].includes(name) && region) return region;
    const when = this.mode === 'data' ? 'once Terraform reads the data source' : 'after apply';
    return unknown(`${this.address}.${name} is only known ${when}`, locationOf(this.declaration));
  }
}

/** A `module` block as one instance of its caller writes it. */
class CallView extends BlockView implements ModuleCallInstance {
  readonly key: number | string | undefined;
  readonly expansion: UnknownValue | undefined;
  readonly document: TerraformDocument;

  constructor(
    readonly caller: ModuleNode,
    readonly name: string,
    declaration: Declared,
    readonly address: string,
    instance: InstanceKey,
    scope: Scope,
  ) {
    super(declaration.block, scope, { key: `${caller.root.directory}|${address}#call`, label: address });
    this.key = instance.key;
    this.expansion = instance.expansion;
    this.document = declaration.document;
  }
}
