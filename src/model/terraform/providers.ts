import type { Location } from '../../types.js';
import { attribute } from '../hcl.js';
import type { TerraformDocument } from '../terraform.js';
import { BlockView } from './body.js';
import type { ModuleNode } from './instances.js';
import { literalText, type Declared } from './module.js';
import { describeModule } from './references.js';
import type { ProviderInstance } from './types.js';
import { failure, knownString, unknown, type Value } from './value.js';

/** Where each regional provider takes its region from when the configuration does not set one. */
const REGION_AT_RUN_TIME: Record<string, string> = {
  aws: 'AWS_REGION (or the AWS profile)',
  google: 'GOOGLE_REGION',
  'google-beta': 'GOOGLE_REGION',
  alicloud: 'ALICLOUD_REGION',
  oci: 'the OCI config file',
};

export class ProviderNode implements ProviderInstance {
  readonly key: string;
  readonly address: string;
  readonly config: BlockView | undefined;
  private regionValue: Value | undefined | null = null;

  constructor(
    readonly module: ModuleNode,
    readonly name: string,
    readonly alias: string | undefined,
    private readonly declared: Declared | undefined,
  ) {
    this.key = alias ? `${name}.${alias}` : name;
    this.address = `${module.address ? `${module.address}.` : ''}provider.${this.key}`;
    this.config = declared && new BlockView(declared.block, module.scopeAt(declared.document.file.path), { key: `${module.root.directory}|${this.address}`, label: this.address });
  }

  /** A `provider` block of `module`. */
  static declaredIn(module: ModuleNode, declared: Declared): ProviderNode {
    const name = declared.block.labels[0]?.value ?? '';
    return new ProviderNode(module, name, literalText(attribute(declared.block.body, 'alias')?.value), declared);
  }

  get document(): TerraformDocument | undefined {
    return this.declared?.document;
  }

  get region(): Value | undefined {
    if (this.regionValue === null) this.regionValue = this.effectiveRegion();
    return this.regionValue;
  }

  private effectiveRegion(): Value | undefined {
    const written = this.config?.attribute('region');
    if (written && written.kind !== 'null') return written;
    if (this.name.startsWith('google')) {
      const zone = this.config?.attribute('zone');
      // A GCP zone names its region: asia-southeast1-b is in asia-southeast1.
      if (zone?.kind === 'string') return { ...knownString(zone.value.replace(/-[a-z]$/, ''), zone.origin), via: zone.via };
    }
    const fallback = REGION_AT_RUN_TIME[this.name];
    if (!fallback) return undefined;
    if (!this.declared && this.alias) return failure(`there is no provider "${this.name}" configuration with alias "${this.alias}" for ${describeModule(this.module.address)}`);
    if (!this.declared) return unknown(`no provider "${this.name}" block configures ${describeModule(this.module.address)}, so the region comes from ${fallback} at run time`);
    if (written) return { ...unknown(`the region of provider "${this.key}" is null, so it comes from ${fallback} at run time`, written.origin), via: written.via };
    return unknown(`provider "${this.key}" sets no region, so it comes from ${fallback} at run time`, this.blockStart());
  }

  private blockStart(): Location {
    const block = this.declared!.block;
    return { path: this.declared!.document.file.path, range: { start: block.typeRange.start, end: (block.labels[0] ?? block).range.end } };
  }
}
