import { posix } from 'node:path';
import type { ModuleCallConfiguration, ModuleConfiguration, PlannedModule, ProviderConfiguration, TerraformPlanDocument } from '../../plan-document.js';
import type { Environment } from '../scope.js';
import { configurationAddress, moduleSteps, parentAddress } from './addresses.js';
import { PlanModule } from './modules.js';
import { PlanProvider } from './providers.js';

/**
 * One plan read as a root module instance, so the facts and rules built on the configuration's
 * model work on it unchanged: its module instances are those planned_values lists (and those whose
 * `provider` blocks the configuration shows), each provider configuration a provider instance.
 */
export class Plan {
  readonly root: PlanModule;
  readonly directory: string;
  private readonly modules = new Map<string, PlanModule>();
  private readonly providers = new Map<string, PlanProvider>();

  constructor(
    readonly document: TerraformPlanDocument,
    readonly environment: Environment,
  ) {
    this.directory = posix.dirname(document.file.path);
    this.root = this.plannedModule(document.planned, undefined);
    for (const configuration of document.providers) {
      this.providers.set(configuration.key, this.declaredProvider(configuration));
    }
  }

  get path(): string {
    return this.document.file.path;
  }

  /** The provider configurations whose `provider` blocks are in `module`. */
  declaredProviders(module: PlanModule): PlanProvider[] {
    return [...this.providers.values()].filter((provider) => provider.module === module && provider.config);
  }

  /**
   * The provider configuration a resource's `provider_config_key` names. Plans of older Terraform
   * versions name an inherited configuration by the child module's key (`module.dr:aws`), which
   * only the calling module's entry has.
   */
  provider(key: string): PlanProvider {
    const [, modulePath = '', local = key] = /^(?:(.*):)?(.*)$/s.exec(key)!;
    const steps = moduleSteps(modulePath).map((step) => step.text);
    for (let depth = steps.length; depth >= 0; depth--) {
      const found = this.providers.get(depth > 0 ? `${steps.slice(0, depth).join('.')}:${local}` : local);
      if (found) return found;
    }
    return this.implicitProvider(local);
  }

  /** The configuration of the module instance at `address`. */
  configuration(address: string): ModuleConfiguration | undefined {
    let configuration: ModuleConfiguration | undefined = this.document.configuration;
    for (const step of moduleSteps(address)) configuration = configuration?.calls.get(step.name)?.module;
    return configuration;
  }

  /** The `module` block that calls the module instance at `address`. */
  call(address: string): ModuleCallConfiguration | undefined {
    const steps = moduleSteps(address);
    const last = steps[steps.length - 1];
    return last && this.configuration(parentAddress(address))?.calls.get(last.name);
  }

  private plannedModule(planned: PlannedModule, parent: PlanModule | undefined): PlanModule {
    const module = this.newModule(planned.address, parent, planned);
    for (const child of planned.children) this.plannedModule(child, module);
    return module;
  }

  private newModule(address: string, parent: PlanModule | undefined, planned: PlannedModule | undefined): PlanModule {
    const module = new PlanModule(this, address, parent, planned);
    parent?.children.push(module);
    this.modules.set(address, module);
    return module;
  }

  /**
   * A module instance with no resources in the plan, made for the provider configuration declared in it. An address
   * of no module steps is the root's, whatever address the plan's root_module gives itself (Terraform writes none).
   */
  private moduleAt(address: string): PlanModule {
    const module = this.modules.get(address);
    if (module) return module;
    return moduleSteps(address).length === 0 ? this.root : this.newModule(address, this.moduleAt(parentAddress(address)), undefined);
  }

  private declaredProvider(configuration: ProviderConfiguration): PlanProvider {
    const module = this.moduleAt(configurationAddress(configuration.moduleAddress));
    return new PlanProvider(module, configuration.name, configuration.alias, configuration);
  }

  /** Terraform's empty configuration of a provider no entry of the plan configures. */
  private implicitProvider(key: string): PlanProvider {
    let provider = this.providers.get(key);
    if (!provider) {
      const [name, alias] = key.split('.');
      provider = new PlanProvider(this.root, name!, alias, undefined);
      this.providers.set(key, provider);
    }
    return provider;
  }
}
