import type { Document, Kind } from '../languages/index.js';
import type { Location, RelatedLocation } from '../types.js';
import type { Workspace } from '../workspace.js';

/*
 * What team policies see of a document: selectable objects (a Terraform resource, a Dockerfile
 * stage …), each with a type, a name, labels and a tree of values in which every value keeps the
 * place it is written. A policy never sees a parser or a model; a target adapter maps one onto
 * these shapes, so the policy engine (conditions, paths, references, findings) is the same for
 * every language.
 *
 * Adding a target (targets/kubernetes.ts and targets/go.ts are short examples; a settings file or a
 * Go source file would be next):
 *   1. Write `src/policies/targets/<language>.ts` exporting a `TargetAdapter`: for each target name
 *      (`kubernetes.object`, `kubernetes.container`) the document kinds it reads, the shape of its
 *      value tree (so paths are checked when a policy loads: an unknown path is a configuration
 *      error, not a silent pass), and `objects(document, workspace)`, which maps the document (or
 *      the workspace's model of it) to `PolicyObject`s. Values the language cannot know statically
 *      are `unknown` nodes with the reason, never left out: a policy reports them as unverifiable.
 *      Give `refersTo` if values of the language can name other objects (a Service's selector, an
 *      image's stage), so `referencedBy` works between documents of the workspace, and
 *      `referenceVerb` if "refers to" is not how its users say it ("selects").
 *   2. List the adapter in `TARGET_ADAPTERS` in `src/policies/targets/index.ts`.
 *   3. Add a policy and fixtures for each new target to `examples/policies/` (`merlint test` proves them).
 * Nothing else changes: the schema takes any `language.target` name and the loader checks it
 * against the registry; the adapter imports only the language's document and model types.
 */

/** A value of an object, with where it is written. */
export type PolicyValue = ScalarNode | ListNode | MapNode | UnknownNode;

interface Placed {
  /** The token a developer changes: where the value is written (for Terraform: its origin, such as a tfvars line). */
  readonly at: Location;
  /** Places the value passed through on the way (a local, a module argument), shown as related locations. */
  readonly related?: readonly RelatedLocation[];
  /** The identity of the object this value was taken from by reference (Terraform: `aws_ecr_repository.api.name`). */
  readonly refers?: unknown;
}

export interface ScalarNode extends Placed {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
}

export interface ListNode extends Placed {
  readonly kind: 'list';
  readonly items: readonly PolicyValue[];
}

/** A map or object; entries are computed on demand, as evaluating every attribute of every object would be wasted work. */
export interface MapNode extends Placed {
  readonly kind: 'map';
  get(key: string): PolicyValue | undefined;
  keys(): readonly string[];
}

/** A value that cannot be known statically, and why in words a user can act on. */
export interface UnknownNode {
  readonly kind: 'unknown';
  readonly reason: string;
  readonly at: Location | undefined;
  readonly related?: readonly RelatedLocation[];
  /** The object the value was taken from by reference, when the reference is known but the value is not. */
  readonly refers?: unknown;
}

/** One thing a policy can select and check. */
export interface PolicyObject {
  readonly type: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: ReadonlyMap<string, string>;
  /** Where a finding about a value the object lacks points: the resource's name label, the stage's FROM. */
  readonly header: Location;
  /** How a message names the object: `module.dr.aws_s3_bucket.logs[0]`, `stage build`, `RUN`. */
  readonly label: string;
  readonly root: MapNode;
  /** What `refers` of a value that names this object holds; the object itself when values cannot refer to it. */
  readonly identity: unknown;
  /** Places that explain where the object comes from (the module calls that create a Terraform resource). */
  readonly context?: readonly RelatedLocation[];
  /** The directory of the Terraform root module the label is relative to, so one place reached from several roots names each. */
  readonly rootModule?: string;
}

/**
 * The shape of a target's value tree, for checking paths when a policy loads: `scalar` has nothing
 * inside; `any` is open (Terraform attributes, which no provider schema here lists); `map` has any
 * keys whose values have one shape; `fields` has exactly these keys; `list` holds elements of one shape.
 */
export type Shape = 'scalar' | 'any' | { map: Shape } | { fields: Readonly<Record<string, Shape>> } | { list: Shape };

/** Whether a value refers to an object: `unknown` when the value cannot be known. */
export type Verdict = 'yes' | 'no' | 'unknown';

export interface TargetSpec {
  /** Document kinds whose objects this target reads: the policy runs on documents of these kinds only. */
  readonly kinds: readonly Kind[];
  /** One line for `merlint explain`: what an object is, what `type` and `name` are. */
  readonly description: string;
  readonly shape: Shape;
  /** The objects of the target in one document. */
  objects(document: Document, workspace: Workspace): readonly PolicyObject[];
  /** How messages say that one object refers to another: `refers to` unless given (`selects` for Kubernetes label selectors). */
  readonly referenceVerb?: string;
  /** Whether `value`, written in the object `from`, names `object`; by default a value refers to the object it was taken from by reference. */
  refersTo?(value: PolicyValue, object: PolicyObject, from: PolicyObject): Verdict;
}

export interface TargetAdapter {
  /** `terraform.resource` → its spec. */
  readonly targets: Readonly<Record<string, TargetSpec>>;
}

export function scalar(value: ScalarNode['value'], at: Location, extra: Partial<Pick<ScalarNode, 'related' | 'refers'>> = {}): ScalarNode {
  return { kind: 'scalar', value, at, ...extra };
}

export function list(items: readonly PolicyValue[], at: Location): ListNode {
  return { kind: 'list', items, at };
}

export function unknownValue(reason: string, at: Location | undefined): UnknownNode {
  return { kind: 'unknown', reason, at };
}

/** A map whose entries are computed once each, on first use. */
export function lazyMap(at: Location, keys: () => readonly string[], compute: (key: string) => PolicyValue | undefined, extra: Partial<Pick<MapNode, 'related' | 'refers'>> = {}): MapNode {
  const cache = new Map<string, PolicyValue | undefined>();
  return {
    kind: 'map',
    at,
    ...extra,
    keys,
    get(key) {
      if (!cache.has(key)) cache.set(key, compute(key));
      return cache.get(key);
    },
  };
}

/** A map of values already at hand; undefined entries are left out. */
export function fixedMap(at: Location, entries: Readonly<Record<string, PolicyValue | undefined>>): MapNode {
  const present = Object.entries(entries).filter((entry): entry is [string, PolicyValue] => entry[1] !== undefined);
  const byKey = new Map(present);
  return { kind: 'map', at, keys: () => [...byKey.keys()], get: (key) => byKey.get(key) };
}
