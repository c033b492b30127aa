import type { Document } from '../languages/index.js';
import { checkPerOrigin, type Occurrence } from '../per-origin.js';
import type { Rule, RuleContext, RuleMeta } from '../rule.js';
import type { Workspace } from '../workspace.js';
import type { Condition, Evaluation, Outcome } from './conditions.js';
import { matcher } from './glob-list.js';
import type { PolicyObject, TargetSpec } from './target.js';
import { targetSpec } from './targets/index.js';

/*
 * A team policy as a rule of the engine: the engine runs its `check` on each document of its
 * kinds like a built-in rule's, so suppressions, baselines, levels and every output format apply
 * unchanged. The check selects the target's objects in the workspace, evaluates the assertion and
 * reports a failing or unverifiable object once per place and problem, as every rule does
 * (src/per-origin.ts): a Terraform block in a module called twice is one finding naming both.
 */

export interface PolicySelector {
  type?: string | string[];
  name?: string | string[];
  namespace?: string | string[];
  labels?: Record<string, string>;
  where?: Condition;
}

export interface PolicyDefinition {
  meta: Omit<RuleMeta, 'kinds'>;
  /** The policy file as the user named it (relative to the working directory). */
  file: string;
  /** The absolute directory of the policy file, which holds its fixtures (`fixtures/<ID>/`). */
  directory: string;
  target: string;
  select: PolicySelector;
  assert: Condition;
  /** The team's own explanation, replacing the title and remediation in messages. */
  message: string | undefined;
  /** The kinds whose objects its `referencedBy` searches, anywhere in the workspace. */
  searched: readonly string[];
}

export interface PolicyRule extends Rule {
  readonly policy: { file: string; directory: string; target: string; description: string; searched: readonly string[] };
}

export function policyRule(definition: PolicyDefinition): PolicyRule {
  const spec = targetSpec(definition.target)!;
  const selected = selector(definition.select);
  const { title, remediation } = definition.meta;
  const explanation = definition.message ?? `against the team policy "${title}"; ${firstSentence(remediation)}`;
  const problem = (outcome: Outcome) =>
    outcome.result === 'fail'
      ? `for {subjects}, ${outcome.what}, ${explanation}`
      : `for {subjects}, ${outcome.what}, so the team policy "${title}" cannot be checked; give it a value merlint can read, or suppress the finding with the reason it holds`;
  const collect = ({ workspace }: RuleContext): Occurrence[] => {
    const evaluation = evaluationOf(workspace);
    return workspace.documents
      .filter((document) => spec.kinds.includes(document.kind))
      .flatMap((document) =>
        evaluation.objectsIn(definition.target, spec, document).flatMap((object): Occurrence[] => {
          if (!selected(object)) return [];
          const applies = definition.select.where?.(object, evaluation);
          if (applies?.result === 'fail') return [];
          const outcome = applies?.result === 'unknown' ? applies : definition.assert(object, evaluation);
          if (outcome.result === 'pass') return [];
          const related = [...(outcome.related ?? []), ...(object.context ?? [])];
          return [{ at: outcome.at, subject: object.label, reportedFrom: document.file.path, related, problem: problem(outcome), ...(object.rootModule !== undefined ? { root: object.rootModule } : {}) }];
        }),
      );
  };
  return {
    ...definition.meta,
    kinds: [...spec.kinds],
    policy: { file: definition.file, directory: definition.directory, target: definition.target, description: spec.description, searched: definition.searched },
    // One finding per place and problem, naming every instance it is about (src/per-origin.ts); a
    // replacer function, so that `$&` in a subject (a stage name) is not read as a replacement pattern.
    check: checkPerOrigin(collect, ({ items, subjects }) => items[0]!.problem!.replace('{subjects}', () => subjects)),
  };
}

function selector(select: PolicySelector): (object: PolicyObject) => boolean {
  const type = matcher(select.type);
  const name = matcher(select.name);
  const namespace = matcher(select.namespace);
  const labels = Object.entries(select.labels ?? {}).map(([key, value]) => [key, matcher(value)] as const);
  return (object) => type(object.type) && name(object.name) && namespace(object.namespace) && labels.every(([key, matches]) => matches(object.labels.get(key)));
}

/** The first sentence, to follow a semicolon in a message: `Add tags …` becomes `add tags …`. */
function firstSentence(text: string): string {
  const end = /[.!?](?:\s|$)/.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  return /^[A-Z][a-z]/.test(sentence) ? sentence[0]!.toLowerCase() + sentence.slice(1) : sentence;
}

/** The objects of each target, computed once per workspace and document for every policy of the run. */
interface WorkspaceEvaluation extends Evaluation {
  objectsIn(target: string, spec: TargetSpec, document: Document): readonly PolicyObject[];
}

const evaluations = new WeakMap<Workspace, WorkspaceEvaluation>();

function evaluationOf(workspace: Workspace): WorkspaceEvaluation {
  const known = evaluations.get(workspace);
  if (known) return known;
  const perDocument = new Map<string, readonly PolicyObject[]>();
  const objectsIn = (target: string, spec: TargetSpec, document: Document) => {
    const key = `${target}\0${document.file.path}`;
    let objects = perDocument.get(key);
    if (!objects) perDocument.set(key, (objects = spec.objects(document, workspace)));
    return objects;
  };
  const evaluation: WorkspaceEvaluation = {
    objectsIn,
    objectsOf(target) {
      const spec = targetSpec(target)!;
      return workspace.documents.filter((document) => spec.kinds.includes(document.kind)).flatMap((document) => objectsIn(target, spec, document));
    },
  };
  evaluations.set(workspace, evaluation);
  return evaluation;
}
