import { comparePositions } from '../../../positions.js';
import { attribute, blocks, type Block, type Expression } from '../hcl/syntax.js';
import { evaluate, iterate } from './evaluate.js';
import { literalText } from './module.js';
import type { Scope } from './scope.js';
import type { EvaluatedBlock } from './types.js';
import { failure, knownList, knownObject, type ObjectValue, type Value } from './value.js';

/** A block evaluated in its scope; the base of resources and provider configurations. */
export class BlockView implements EvaluatedBlock {
  constructor(
    readonly block: Block,
    protected readonly scope: Scope,
    /** For a resource or provider: its attributes are evaluated once, and a reference cycle through them is caught. */
    private readonly memo?: { key: string; label: string },
  ) {}

  get path(): string {
    return this.scope.path;
  }

  attribute(name: string): Value | undefined {
    const written = attribute(this.block.body, name);
    if (!written) return undefined;
    if (!this.memo) return this.evaluate(written.value);
    return this.scope.environment.once(`${this.memo.key}.${name}`, `${this.memo.label}.${name}`, () => this.evaluate(written.value));
  }

  blocks(type: string): BlockView[] {
    const body = this.block.body;
    const found = [
      ...blocks(body, type).map((block) => ({ block, views: [new BlockView(block, this.scope)] })),
      ...blocks(body, 'dynamic')
        .filter((block) => block.labels[0]?.value === type)
        .map((block) => ({ block, views: this.dynamic(block) })),
    ];
    return found.sort((a, b) => comparePositions(a.block.range.start, b.block.range.start)).flatMap((entry) => entry.views);
  }

  evaluate(expression: Expression): Value {
    return evaluate(expression, this.scope);
  }

  /** The block as one object value, for a reference to the whole resource or block; unwritten attributes are known after apply. */
  toValue(address: string): ObjectValue {
    const body = this.block.body;
    const entries: [string, Value][] = body.attributes.filter((written) => !this.isMeta(written.name)).map((written) => [written.name, this.attribute(written.name)!]);
    const types = new Set(body.blocks.map((block) => (block.type === 'dynamic' ? block.labels[0]?.value : block.type)));
    for (const type of types) {
      if (type === undefined || this.isMeta(type)) continue;
      entries.push([type, knownList(this.blocks(type).map((view, index) => view.toValue(`${address}.${type}[${index}]`)), this.scope.locate(this.block.range))]);
    }
    return { ...knownObject(entries, this.scope.locate(this.block.range)), afterApply: address };
  }

  /** Arguments that configure Terraform rather than the object (count, provider, lifecycle …). */
  protected isMeta(_name: string): boolean {
    return false;
  }

  /** The blocks a `dynamic` block makes: one `content` per element of its for_each, with the iterator bound. */
  private dynamic(block: Block): BlockView[] {
    const content = blocks(block.body, 'content')[0];
    if (!content) return [];
    const iterator = literalText(attribute(block.body, 'iterator')?.value) ?? block.labels[0]!.value;
    const forEach = attribute(block.body, 'for_each');
    const at = this.scope.locate(forEach?.value.range ?? block.range);
    const collection = forEach ? this.evaluate(forEach.value) : failure('a dynamic block needs for_each', at);
    const elements = iterate(collection, at);
    const pairs: [Value, Value][] = Array.isArray(elements) ? elements : [[elements, elements]];
    return pairs.map(([key, value]) => new BlockView(content, this.scope.bind([[iterator, knownObject([['key', key], ['value', value]], at)]])));
  }
}
