import type { ConfigurationExpression, ModuleConfiguration, PlannedModule } from '../../plan-document.js';
import { evaluate } from '../evaluate.js';
import { describeModule } from '../references.js';
import { Scope, type Instances, type Member, type ModuleContext } from '../scope.js';
import type { ModuleInstance } from '../types.js';
import { failure, knownObject, unknown, type Value } from '../value.js';
import { moduleSteps } from './addresses.js';
import { PlanResource } from './blocks.js';
import { chainOf, outermost } from './expressions.js';
import type { Plan } from './plan.js';
import type { PlanProvider } from './providers.js';

/** A module instance of a plan, and what references in its configuration resolve against. */
export class PlanModule implements ModuleInstance, ModuleContext {
  readonly root: PlanModule;
  readonly key: number | string | undefined;
  readonly expansion = undefined;
  /** The plan has no `module` block to point at; `configuration` holds what it records of the call. */
  readonly call = undefined;
  readonly children: PlanModule[] = [];
  readonly resources: PlanResource[];
  readonly scope: Scope;
  readonly configuration: ModuleConfiguration | undefined;
  private instances: Map<string, PlanResource[]> | undefined;

  constructor(
    readonly plan: Plan,
    readonly address: string,
    readonly parent: PlanModule | undefined,
    planned: PlannedModule | undefined,
  ) {
    this.root = parent?.root ?? this;
    this.key = moduleSteps(address).pop()?.key;
    this.scope = new Scope(plan.environment, plan.path, this, plan.directory);
    this.configuration = plan.configuration(address);
    this.resources = (planned?.resources ?? []).map((resource) => new PlanResource(this, resource, this.configuration?.resources.get(resourceAddress(resource.mode, resource.type, resource.name))));
  }

  get directory(): string {
    return this.plan.directory;
  }

  get rootDirectory(): string {
    return this.plan.directory;
  }

  get providers(): PlanProvider[] {
    return this.plan.declaredProviders(this);
  }

  variable(name: string): Value {
    return this.once(`var.${name}`, () => {
      const argument = this.plan.call(this.address)?.expressions.arguments.get(name);
      if (argument) return this.parent!.valueOf(argument);
      const given = (this.parent ? undefined : this.plan.document.variables.get(name)) ?? this.configuration?.defaults.get(name);
      return given ? evaluate(given, this.scope) : unknown(`the plan has no value for var.${name} of ${describeModule(this.address)}`);
    });
  }

  local(name: string): Value {
    return unknown(`the plan does not record local values, so local.${name} of ${describeModule(this.address)} is not known`);
  }

  output(name: string): Value {
    return this.once(`output.${name}`, () => {
      const expression = this.configuration?.outputs.get(name);
      return expression ? this.valueOf(expression) : failure(`${describeModule(this.address)} has no output "${name}"`);
    });
  }

  moduleCall(name: string): Instances | undefined {
    const instances = this.children.filter((child) => moduleSteps(child.address).pop()?.name === name);
    const call = this.configuration?.calls.get(name);
    if (instances.length === 0) return call && nothingPlanned(`module.${name} of ${describeModule(this.address)} has no resources in the plan`);
    const members = instances.map((child): Member => ({ key: child.key, expansion: undefined, attribute: (output) => child.output(output), whole: () => child.outputs() }));
    return { by: repetition(instances[0]!.key), members, unresolved: undefined };
  }

  resource(mode: 'managed' | 'data', type: string, name: string): Instances | undefined {
    const address = resourceAddress(mode, type, name);
    const instances = this.instancesOf(address);
    if (instances.length === 0) {
      return this.configuration?.resources.has(address) ? nothingPlanned(`${address} of ${describeModule(this.address)} has no instance in the plan's planned_values`) : undefined;
    }
    const members = instances.map((resource): Member => ({ key: resource.key, expansion: undefined, resource, attribute: (attribute) => resource.referenced(attribute), whole: () => resource.whole() }));
    return { by: repetition(instances[0]!.key), members, unresolved: undefined };
  }

  /** What the plan tells of the value of an expression of this module's configuration (see expressions.ts). */
  valueOf(expression: ConfigurationExpression): Value {
    if (expression.constant) return evaluate(expression.constant, this.scope);
    const chain = chainOf(expression.references);
    if (chain) return evaluate(chain, this.scope);
    const at = this.scope.locate(expression.range);
    const references = outermost(expression.references).map((reference) => reference.text);
    if (references.length === 0) return unknown('the plan records neither the value of this expression nor anything it refers to', at);
    return unknown(`the plan records only that this expression refers to ${references.join(', ')}, not how it combines them`, at);
  }

  /** The planned instances of a resource of this module, by its address in the configuration. */
  private instancesOf(address: string): PlanResource[] {
    if (!this.instances) {
      this.instances = new Map();
      for (const resource of this.resources) {
        const key = resourceAddress(resource.mode, resource.type, resource.name);
        const group = this.instances.get(key) ?? [];
        group.push(resource);
        this.instances.set(key, group);
      }
    }
    return this.instances.get(address) ?? [];
  }

  /** All outputs as one object, as `module.<name>` gives them. */
  private outputs(): Value {
    const at = this.scope.locate(this.plan.call(this.address)!.expressions.range);
    return knownObject([...(this.configuration?.outputs.keys() ?? [])].map((name) => [name, this.output(name)] as const), at);
  }

  private once(what: string, compute: () => Value): Value {
    const label = this.address ? `${this.address}.${what}` : what;
    return this.plan.environment.once(`${this.plan.path}|${label}`, label, compute);
  }
}

function nothingPlanned(reason: string): Instances {
  return { by: 'single', members: [], unresolved: unknown(reason) };
}

/** `aws_s3_bucket.logs`, `data.aws_vpc.main`: how the configuration names a resource of the module. */
function resourceAddress(mode: 'managed' | 'data', type: string, name: string): string {
  return `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}

function repetition(key: number | string | undefined): Instances['by'] {
  return key === undefined ? 'single' : typeof key === 'number' ? 'count' : 'for_each';
}
