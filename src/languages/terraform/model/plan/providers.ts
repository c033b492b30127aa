import type { ProviderConfiguration, TerraformPlanDocument } from '../../plan-document.js';
import { providerRegion } from '../providers.js';
import type { ProviderInstance } from '../types.js';
import type { Value } from '../value.js';
import { ConfiguredBlock } from './blocks.js';
import type { PlanModule } from './modules.js';

/** A provider configuration of a plan: a `provider` block, or Terraform's empty configuration when none configures it. */
export class PlanProvider implements ProviderInstance {
  readonly key: string;
  readonly address: string;
  readonly config: ConfiguredBlock | undefined;
  private regionValue: Value | undefined | null = null;

  constructor(
    readonly module: PlanModule,
    readonly name: string,
    readonly alias: string | undefined,
    configuration: ProviderConfiguration | undefined,
  ) {
    this.key = alias ? `${name}.${alias}` : name;
    this.address = `${module.address ? `${module.address}.` : ''}provider.${this.key}`;
    const expressions = configuration?.expressions;
    const header = configuration && { type: 'provider', typeRange: configuration.keyRange, labels: [{ value: name, range: configuration.keyRange }], range: configuration.keyRange };
    this.config = header && expressions && new ConfiguredBlock(module, header, expressions);
  }

  get document(): TerraformPlanDocument | undefined {
    return this.config && this.module.plan.document;
  }

  get region(): Value | undefined {
    if (this.regionValue === null) this.regionValue = providerRegion(this);
    return this.regionValue;
  }
}
