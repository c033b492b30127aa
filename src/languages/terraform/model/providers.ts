import type { Location } from '../../../types.js';
import { attribute } from '../hcl/syntax.js';
import type { TerraformDocument } from '../document.js';
import { BlockView } from './body.js';
import type { ModuleNode } from './instances.js';
import { literalText, type Declared } from './module.js';
import { describeModule } from './references.js';
import type { EvaluatedBlock, ProviderInstance } from './types.js';
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
    if (this.regionValue === null) this.regionValue = providerRegion(this);
    return this.regionValue;
  }
}

/** The region a provider configuration works in, or why it cannot be known (see ProviderInstance.region). */
export function providerRegion({ name, alias, key, module, config }: ProviderInstance): Value | undefined {
  const written = config?.attribute('region');
  if (written && written.kind !== 'null' && !isEmptyString(written)) return written;
  if (name.startsWith('google')) {
    const zone = config?.attribute('zone');
    // A GCP zone names its region: asia-southeast1-b is in asia-southeast1.
    if (zone?.kind === 'string') return { ...knownString(zone.value.replace(/-[a-z]$/, ''), zone.origin), via: zone.via };
  }
  const fallback = REGION_AT_RUN_TIME[name];
  if (!fallback) return undefined;
  if (!config && alias) return failure(`there is no provider "${name}" configuration with alias "${alias}" for ${describeModule(module.address)}`);
  if (!config) return unknown(`no provider "${name}" block configures ${describeModule(module.address)}, so the region comes from ${fallback} at run time`);
  // The providers read an empty region as none set, as they read null.
  if (written) return { ...unknown(`the region of provider "${key}" is ${written.kind === 'null' ? 'null' : 'empty'}, so it comes from ${fallback} at run time`, written.origin), via: written.via };
  return unknown(`provider "${key}" sets no region, so it comes from ${fallback} at run time`, blockStart(config));
}

function isEmptyString(value: Value): boolean {
  return value.kind === 'string' && value.value === '';
}

function blockStart(config: EvaluatedBlock): Location {
  const block = config.block;
  return { path: config.path, range: { start: block.typeRange.start, end: (block.labels[0] ?? block).range.end } };
}
