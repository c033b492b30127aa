import { LineIndexes, type LineIndex } from '../../../positions.js';
import type { Location, Range } from '../../../types.js';
import type { Expression } from '../hcl/syntax.js';
import type { FileReader } from '../../../workspace.js';
import type { ResourceInstance } from './types.js';
import { failure, unknown, type UnknownValue, type Value } from './value.js';

/** Something that has instances (a resource, a module call) and attributes per instance (arguments, outputs). */
export interface Instances {
  /** `single` without count or for_each. */
  readonly by: 'single' | 'count' | 'for_each';
  readonly members: readonly Member[];
  /** Why nothing about it can be known (a remote module, a module cycle). */
  readonly unresolved: UnknownValue | undefined;
}

export interface Member {
  readonly key: number | string | undefined;
  readonly expansion: UnknownValue | undefined;
  /** The resource instance, for a member of a resource (not of a module call). */
  readonly resource?: ResourceInstance;
  attribute(name: string): Value;
  /** The whole instance as one object value. */
  whole(): Value;
}

/** What references in a module resolve against: implemented by each module instance. */
export interface ModuleContext {
  readonly address: string;
  /** The module's directory and its root module's directory, relative to the scan root. */
  readonly directory: string;
  readonly rootDirectory: string;
  variable(name: string): Value;
  local(name: string): Value;
  /** A `module` block of this module, or undefined when there is none of that name. */
  moduleCall(name: string): Instances | undefined;
  resource(mode: 'managed' | 'data', type: string, name: string): Instances | undefined;
}

/** Parses the text of a `templatefile` template written in `path`. */
export type TemplateParser = (text: string, path: string) => Expression;

/** Writes a plain value as YAML, as `yamlencode` does. */
export type YamlEncoder = (value: unknown) => string;

/** Each reference followed inside another (a local that needs a local that needs …) is a level of recursion. */
const LONGEST_REFERENCE_CHAIN = 250;

/** What all evaluations of one scan share: file access, the sources for positions, and the memo that breaks cycles. */
export class Environment {
  private readonly values = new Map<string, Value>();
  private readonly inProgress: { key: string; label: string }[] = [];
  private readonly lineIndexes = new LineIndexes((path) => this.texts.get(path));

  constructor(
    readonly reader: FileReader,
    readonly parseTemplate: TemplateParser,
    readonly encodeYaml: YamlEncoder,
    private readonly texts: Map<string, string>,
  ) {}

  /**
   * The value under `key`, computed once. A computation that needs itself (`local.a` needs
   * `local.b` needs `local.a`) gets an unknown that names the cycle instead of looping.
   */
  once(key: string, label: string, compute: () => Value): Value {
    const done = this.values.get(key);
    if (done) return done;
    const start = this.inProgress.findIndex((entry) => entry.key === key);
    if (start !== -1) {
      const cycle = [...this.inProgress.slice(start).map((entry) => entry.label), label].join(' → ');
      return failure(`${label} depends on itself: ${cycle}`);
    }
    if (this.inProgress.length === LONGEST_REFERENCE_CHAIN) return unknown(`${label} is reached through a chain of more than ${LONGEST_REFERENCE_CHAIN} references, longer than merlint follows`);
    this.inProgress.push({ key, label });
    try {
      const value = compute();
      this.values.set(key, value);
      return value;
    } finally {
      this.inProgress.pop();
    }
  }

  /** The text of a file seen in this scan: a parsed document or a file read by `file()`. */
  lines(path: string): LineIndex | undefined {
    return this.lineIndexes.of(path);
  }

  remember(path: string, text: string): void {
    this.texts.set(path, text);
  }
}

/** Where an expression is evaluated: its file, the module it is in, the names bound around it. */
export class Scope {
  constructor(
    readonly environment: Environment,
    readonly path: string,
    /** Undefined in tfvars files and templates, which cannot refer to a module's things. */
    readonly module: ModuleContext | undefined,
    /** Directory relative paths in `file()` resolve from: the root module's, as Terraform runs there. */
    readonly workingDirectory: string,
    readonly bindings: ReadonlyMap<string, Value> = new Map(),
  ) {}

  locate(range: Range): Location {
    return { path: this.path, range };
  }

  bind(entries: Iterable<readonly [string, Value]>): Scope {
    return new Scope(this.environment, this.path, this.module, this.workingDirectory, new Map([...this.bindings, ...entries]));
  }

  /** The same scope for expressions written in another file of the module. */
  in(path: string): Scope {
    return path === this.path ? this : new Scope(this.environment, path, this.module, this.workingDirectory, this.bindings);
  }
}
