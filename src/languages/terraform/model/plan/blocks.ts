import type { Location, Range } from '../../../../types.js';
import { attribute, blocks, type Attribute, type Block, type Expression } from '../../hcl/syntax.js';
import type { BlockExpressions, ConfigurationExpression, PlannedResource, ResourceConfiguration, TerraformPlanDocument } from '../../plan-document.js';
import { nameLocation } from '../types.js';
import { evaluate } from '../evaluate.js';
import type { EvaluatedBlock, ResourceInstance } from '../types.js';
import { knownList, knownObject, unknown, type Value } from '../value.js';
import { chainOf, syntaxOf } from './expressions.js';
import type { PlanModule } from './modules.js';
import type { PlanProvider } from './providers.js';

/*
 * Blocks of a plan as the rules read blocks of the configuration. A resource instance's values are
 * its attributes, each at its place in planned_values; where `after_unknown` marks a value as known
 * only after apply, the attribute is unknown if the configuration writes it (at the configuration's
 * expression) and absent if the provider computes it, as an attribute the configuration does not
 * write is absent from its block. A value whose expression refers to one resource carries it, as a
 * reference does in the configuration, so rules can follow a subnet to its VPC or a policy to its
 * repository.
 */

/** What the plan says of one block of a resource instance. */
interface PlannedContent {
  /** The block, its body the values planned_values gives. */
  written: Block;
  /** Its `after_unknown`: `true` for a value known only after apply, an object or array of such marks for a partly known one. */
  unknowns: Expression | undefined;
  configuration: BlockExpressions | undefined;
  /** `aws_lb.api`, `aws_lb.api.subnet_mapping[0]`, for messages and the memo of values. */
  label: string;
}

class PlannedBlock implements EvaluatedBlock {
  readonly block: Block;

  constructor(
    protected readonly module: PlanModule,
    private readonly content: PlannedContent,
  ) {
    const { written } = content;
    this.block = { ...written, body: { ...written.body, attributes: [...written.body.attributes, ...this.unknownArguments()] } };
  }

  get path(): string {
    return this.module.plan.path;
  }

  attribute(name: string): Value | undefined {
    const written = attribute(this.block.body, name);
    if (!written) return undefined;
    const label = `${this.content.label}.${name}`;
    return this.module.plan.environment.once(`${this.path}|${label}`, label, () => this.valueOf(written, label));
  }

  blocks(type: string): PlannedBlock[] {
    const marks = entry(this.content.unknowns, type);
    const configured = this.content.configuration?.blocks.get(type) ?? [];
    // Nested blocks are matched with their configuration by position, which is the order of a list and, for a set, the order the plan sorts it in.
    return blocks(this.block.body, type).map(
      (written, index) =>
        new PlannedBlock(this.module, { written, unknowns: marks?.type === 'tuple' ? marks.items[index] : marks, configuration: configured[index], label: `${this.content.label}.${type}[${index}]` }),
    );
  }

  evaluate(expression: Expression): Value {
    return evaluate(expression, this.module.scope);
  }

  private valueOf(written: Attribute, label: string): Value {
    const configured = this.content.configuration?.arguments.get(written.name);
    const marks = entry(this.content.unknowns, written.name);
    const value = isUnknown(marks) ? afterApply(label, this.locate(configured?.range ?? marks!.range)) : this.known(written.value, marks, label);
    const resource = configured && this.referencedResource(configured);
    return resource ? { ...value, resource } : value;
  }

  /** A value planned_values gives, with the parts `after_unknown` marks as unknown. */
  private known(expression: Expression, marks: Expression | undefined, label: string): Value {
    if (isUnknown(marks)) return afterApply(label, this.locate(marks!.range));
    const at = this.locate(expression.range);
    if (expression.type === 'tuple' && marks?.type === 'tuple') {
      return knownList(expression.items.map((item, index) => this.known(item, marks.items[index], `${label}[${index}]`)), at);
    }
    if (expression.type === 'object' && marks?.type === 'object') {
      const names = new Set([...expression.items, ...marks.items].map((item) => keyOf(item.key)));
      return knownObject(
        [...names].flatMap((name) => {
          const [value, mark] = [entry(expression, name), entry(marks, name)];
          if (isUnknown(mark)) return [[name, afterApply(`${label}.${name}`, this.locate(mark!.range))] as const];
          return value ? [[name, this.known(value, mark, `${label}.${name}`)] as const] : [];
        }),
        at,
      );
    }
    return evaluate(expression, this.module.scope);
  }

  /** The resource instance an expression of the configuration refers to, when it refers to one. */
  private referencedResource(configured: ConfigurationExpression): ResourceInstance | undefined {
    const chain = chainOf(configured.references);
    return chain && this.evaluate(chain).resource;
  }

  /** Values known only after apply that the configuration writes: they are absent from planned_values. */
  private unknownArguments(): Attribute[] {
    const { written, unknowns, configuration } = this.content;
    return [...(configuration?.arguments ?? [])].flatMap(([name, expression]) => {
      if (!isUnknown(entry(unknowns, name)) || attribute(written.body, name)) return [];
      return [{ name, nameRange: expression.range, value: syntaxOf(expression), range: expression.range }];
    });
  }

  private locate(range: Range): Location {
    return this.module.scope.locate(range);
  }
}

export class PlanResource extends PlannedBlock implements ResourceInstance {
  readonly expansion = undefined;
  private providerInstance: PlanProvider | undefined;

  constructor(
    override readonly module: PlanModule,
    private readonly planned: PlannedResource,
    private readonly configuration: ResourceConfiguration | undefined,
  ) {
    super(module, { written: planned.block, unknowns: module.plan.document.unknowns.get(planned.address), configuration: configuration?.expressions, label: planned.address });
  }

  get mode(): 'managed' | 'data' {
    return this.planned.mode;
  }

  get type(): string {
    return this.planned.type;
  }

  get name(): string {
    return this.planned.name;
  }

  get address(): string {
    return this.planned.address;
  }

  get key(): number | string | undefined {
    return this.planned.index;
  }

  get document(): TerraformPlanDocument {
    return this.module.plan.document;
  }

  get provider(): PlanProvider {
    // Without its configuration, a resource uses the default configuration of its provider: `registry.terraform.io/hashicorp/aws` is `aws`.
    this.providerInstance ??= this.module.plan.provider(this.configuration?.providerKey ?? this.planned.providerName.replace(/^.*\//s, ''));
    return this.providerInstance;
  }

  /** `aws_s3_bucket.logs.<name>` seen from a reference. */
  referenced(name: string): Value {
    return { ...(this.attribute(name) ?? afterApply(`${this.address}.${name}`, nameLocation(this))), resource: this };
  }

  whole(): Value {
    const entries = this.block.body.attributes.map((written) => [written.name, this.attribute(written.name)!] as const);
    return { ...knownObject(entries, nameLocation(this)), afterApply: this.address, resource: this };
  }
}

/** A block of the configuration the plan records, such as a `provider` block: its values are what its expressions give. */
export class ConfiguredBlock implements EvaluatedBlock {
  readonly block: Block;

  constructor(
    private readonly module: PlanModule,
    header: Omit<Block, 'body'>,
    private readonly expressions: BlockExpressions,
  ) {
    const attributes = [...expressions.arguments].map(([name, expression]): Attribute => ({ name, nameRange: expression.range, value: syntaxOf(expression), range: expression.range }));
    this.block = { ...header, body: { attributes, blocks: [], range: expressions.range } };
  }

  get path(): string {
    return this.module.plan.path;
  }

  attribute(name: string): Value | undefined {
    const expression = this.expressions.arguments.get(name);
    return expression && this.module.valueOf(expression);
  }

  blocks(type: string): ConfiguredBlock[] {
    return (this.expressions.blocks.get(type) ?? []).map((nested) => new ConfiguredBlock(this.module, { type, typeRange: nested.range, labels: [], range: nested.range }, nested));
  }

  evaluate(expression: Expression): Value {
    return evaluate(expression, this.module.scope);
  }
}

function afterApply(label: string, at: Location): Value {
  return unknown(`${label} is known only after apply`, at);
}

function isUnknown(marks: Expression | undefined): boolean {
  return marks?.type === 'literal' && marks.value === true;
}

/** The value of a property of an object written in the plan. */
function entry(object: Expression | undefined, name: string): Expression | undefined {
  return object?.type === 'object' ? object.items.find((item) => keyOf(item.key) === name)?.value : undefined;
}

function keyOf(key: Expression): string {
  return key.type === 'template' ? key.parts.map((part) => (part.type === 'text' ? part.value : '')).join('') : '';
}
