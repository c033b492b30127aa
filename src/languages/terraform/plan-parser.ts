import { parseTree, type Node as JsonNode, type ParseError as JsonSyntaxError } from 'jsonc-parser';
import { insideBraces, type Body, type Expression } from './hcl/syntax.js';
import type {
  BlockExpressions,
  ConfigurationExpression,
  ModuleConfiguration,
  PlannedModule,
  PlannedResource,
  ProviderConfiguration,
  Reference,
  ResourceConfiguration,
  TerraformPlanDocument,
} from './plan-document.js';
import type { SourceFile } from '../../types.js';
import type { ParseResult } from '../../language.js';
import { complete, firstError, JsonValues, nestingError } from './json-values.js';
import { readReference } from './plan-references.js';

/** The output of `terraform show -json PLANFILE`, format 1.x. Properties merlint does not use are ignored, as the format asks. */
export function parseTerraformPlan(file: SourceFile): ParseResult<TerraformPlanDocument> {
  const reader = new PlanReader(file.text);
  const tooDeep = nestingError(file.text, reader);
  if (tooDeep) return { document: undefined, errors: [tooDeep] };
  const syntaxErrors: JsonSyntaxError[] = [];
  const root = parseTree(file.text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const problems = syntaxErrors.map((error) => reader.syntaxError(error));
  const document = root && reader.plan(root, file);
  // What the plan lacks after a syntax error is a consequence of it.
  return { document, errors: firstError(problems.length > 0 ? problems : reader.problems) };
}

const EXPRESSION_KEYS = new Set(['constant_value', 'references']);

class PlanReader extends JsonValues {
  plan(root: JsonNode, file: SourceFile): TerraformPlanDocument | undefined {
    if (root.type !== 'object') return this.refuse(root, 'expected a JSON object: the output of terraform show -json PLANFILE');
    const version = property(root, 'format_version');
    if (version?.type !== 'string') return this.refuse(root, 'not a Terraform plan: there is no format_version (expected the output of terraform show -json PLANFILE)');
    if (!/^1\./.test(version.value as string)) return this.refuse(version, `plan format_version ${version.value as string} is not supported: merlint reads format 1.x`);
    const planned = property(property(root, 'planned_values'), 'root_module');
    if (!planned) {
      const state = property(root, 'values') ? 'this is the JSON of a state, not of a plan; ' : '';
      return this.refuse(root, `${state}there is no planned_values.root_module to read`);
    }
    const configuration = property(root, 'configuration');
    return {
      kind: 'tfplan',
      file,
      comments: [],
      statements: [],
      variables: byName(property(root, 'variables'), (variable) => property(variable, 'value'), (value) => this.expression(value)),
      planned: this.plannedModule(planned),
      unknowns: this.unknowns(property(root, 'resource_changes')),
      providers: entries(property(configuration, 'provider_config')).map(([key, provider]) => this.providerConfiguration(key, provider)),
      configuration: this.moduleConfiguration(property(configuration, 'root_module')),
    };
  }

  private refuse(node: JsonNode, message: string): undefined {
    this.problem(node, message);
    return undefined;
  }

  private plannedModule(node: JsonNode): PlannedModule {
    return {
      address: text(node, 'address') ?? '',
      resources: elements(property(node, 'resources')).flatMap((resource) => this.plannedResource(resource) ?? []),
      children: objects(property(node, 'child_modules')).map((child) => this.plannedModule(child)),
    };
  }

  private plannedResource(node: JsonNode): PlannedResource | undefined {
    const [address, type, name] = ['address', 'type', 'name'].map((key) => property(node, key));
    if (address?.type !== 'string' || type?.type !== 'string' || name?.type !== 'string') return this.refuse(node, 'expected a resource with an address, a type and a name');
    const mode = text(node, 'mode') === 'data' ? 'data' : 'managed';
    const index = property(node, 'index')?.value as number | string | undefined;
    const labels = [
      { value: type.value as string, range: this.range(type) },
      { value: name.value as string, range: this.range(address) },
    ];
    const block = { type: mode === 'data' ? 'data' : 'resource', typeRange: this.range(type), labels, body: this.values(node), range: this.range(node) };
    return { address: address.value as string, mode, type: type.value as string, name: name.value as string, index, providerName: text(node, 'provider_name') ?? '', block };
  }

  /** A resource's `values` as the body of its block: every attribute literally as the plan writes it. */
  private values(resource: JsonNode): Body {
    const values = property(resource, 'values');
    if (values?.type !== 'object') return { attributes: [], blocks: [], range: this.range(resource), json: true };
    return { attributes: complete(values).map((attribute) => this.attribute(attribute)), blocks: [], range: insideBraces(this.range(values)), json: true };
  }

  /** `after_unknown` of each resource change; a deposed object's change is not the instance's. */
  private unknowns(changes: JsonNode | undefined): Map<string, Expression> {
    const unknowns = new Map<string, Expression>();
    for (const change of objects(changes)) {
      const address = text(change, 'address');
      const afterUnknown = property(property(change, 'change'), 'after_unknown');
      if (address !== undefined && afterUnknown && !property(change, 'deposed')) unknowns.set(address, this.expression(afterUnknown));
    }
    return unknowns;
  }

  private providerConfiguration(key: JsonNode, node: JsonNode): ProviderConfiguration {
    const alias = text(node, 'alias');
    // The plan leaves out the expressions of a block without arguments; an alias is only ever set by a block.
    const expressions = property(node, 'expressions') || alias ? this.expressionsOf(node) : undefined;
    const name = text(node, 'name') ?? (key.value as string).replace(/^.*:/s, '').split('.')[0]!;
    return { key: key.value as string, keyRange: this.range(key), name, alias, moduleAddress: text(node, 'module_address') ?? '', expressions };
  }

  private moduleConfiguration(node: JsonNode | undefined): ModuleConfiguration {
    return {
      resources: new Map(objects(property(node, 'resources')).flatMap((resource) => this.resourceConfiguration(resource) ?? []).map((resource) => [resource.address, resource])),
      calls: byName(property(node, 'module_calls'), (call) => call, (call) => ({ expressions: this.expressionsOf(call), module: this.moduleConfiguration(property(call, 'module')) })),
      defaults: byName(property(node, 'variables'), (variable) => property(variable, 'default'), (value) => this.expression(value)),
      outputs: byName(property(node, 'outputs'), (output) => property(output, 'expression'), (expression) => this.configurationExpression(expression)),
    };
  }

  private resourceConfiguration(node: JsonNode): ResourceConfiguration | undefined {
    const address = text(node, 'address');
    return address === undefined ? undefined : { address, providerKey: text(node, 'provider_config_key'), expressions: this.expressionsOf(node) };
  }

  /** The `expressions` of a resource, module call or provider configuration; none when the plan leaves them out. */
  private expressionsOf(node: JsonNode): BlockExpressions {
    const written = property(node, 'expressions');
    return written ? this.blockExpressions(written) : { range: this.range(node), arguments: new Map(), blocks: new Map() };
  }

  /**
   * A block's expressions: an argument maps to an expression (an object of `constant_value` and
   * `references`), a nested block to an object of its own, or an array of them.
   */
  private blockExpressions(node: JsonNode): BlockExpressions {
    const expressions = { range: this.range(node), arguments: new Map<string, ConfigurationExpression>(), blocks: new Map<string, BlockExpressions[]>() };
    for (const [key, value] of entries(node)) {
      const name = key.value as string;
      if (isExpression(value)) expressions.arguments.set(name, this.configurationExpression(value));
      else if (value.type === 'object') expressions.blocks.set(name, [this.blockExpressions(value)]);
      else if (value.type === 'array') expressions.blocks.set(name, objects(value).map((block) => this.blockExpressions(block)));
    }
    return expressions;
  }

  private configurationExpression(node: JsonNode): ConfigurationExpression {
    const constant = property(node, 'constant_value');
    const references = elements(property(node, 'references')).filter((reference) => reference.type === 'string');
    return { range: this.range(node), constant: constant && this.expression(constant), references: references.map((reference) => this.reference(reference)) };
  }

  private reference(node: JsonNode): Reference {
    const { value, positions } = this.stringContent(node);
    return { text: value, traversal: readReference(value, positions) };
  }
}

function isExpression(node: JsonNode): boolean {
  return node.type === 'object' && complete(node).every((entry) => EXPRESSION_KEYS.has(entry.children![0]!.value as string));
}

function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  return complete(node).find((entry) => entry.children![0]!.value === name)?.children![1];
}

function text(node: JsonNode | undefined, name: string): string | undefined {
  const found = property(node, name);
  return found?.type === 'string' ? (found.value as string) : undefined;
}

/** What `pick` finds in each property of an object, read, by the property's name. */
function byName<T>(node: JsonNode | undefined, pick: (value: JsonNode) => JsonNode | undefined, read: (found: JsonNode) => T): Map<string, T> {
  const found = new Map<string, T>();
  for (const [key, value] of entries(node)) {
    const picked = pick(value);
    if (picked) found.set(key.value as string, read(picked));
  }
  return found;
}

/** The key and value of each property of an object. */
function entries(node: JsonNode | undefined): [JsonNode, JsonNode][] {
  return node?.type === 'object' ? complete(node).map((entry) => entry.children as [JsonNode, JsonNode]) : [];
}

function elements(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

function objects(node: JsonNode | undefined): JsonNode[] {
  return elements(node).filter((element) => element.type === 'object');
}
