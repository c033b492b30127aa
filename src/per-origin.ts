import { appendTo } from './append.js';
import { namedList } from './named-list.js';
import type { Settings } from './config/config.js';
import { locationKey } from './positions.js';
import type { RuleContext } from './rule.js';
import type { Location, RelatedLocation } from './types.js';
import type { Workspace } from './workspace.js';

/*
 * One finding per origin. A place can be the cause of a finding many times over: a resource in a
 * module called twice or with count / for_each, a variable default of a shared module, a tfvars
 * line read by several modules, a policy file read by `file()` in several resources. Rules collect
 * one occurrence per instance and report through `checkPerOrigin`, which merges the occurrences
 * at one place (and of one problem) into one finding. The wording, decided once for every rule:
 *
 * - the message names the instances as one list, `a`, `a and b`, `a, b and c`, and beyond three
 *   `a, b, c and 2 more` (`namedList`), by full address from the root module
 *   (`module.dr.aws_s3_bucket.logs`, `aws_ecr_repository.service["ledger"]`), each followed by
 *   its root module (`… in dev`) when the place is reached from several; the list stands after
 *   a preposition or a verb ("of", "to", "cannot determine") and never as the subject of the
 *   sentence, so the sentence reads the same for one instance or ten (a list of whole clauses,
 *   each with its own subject, as RES002 words copies, reads the same way too);
 * - a finding inside a file that other files pull in (a policy read by `file()`, a shared
 *   module's variable default) names what it affects (the repositories, the instances), not the
 *   file;
 * - the related locations are each occurrence's own (the trail its value took, the `file()` call
 *   that read a policy, each `module` call that creates its instance), in order, without
 *   duplicates and without the finding's own location.
 */

/** One finding about one instance, before merging. */
export interface Occurrence {
  /** Where the finding points: where the offending value is written. */
  readonly at: Location;
  /** What the finding is about, as its message names it: `module.dr.aws_s3_bucket.logs`, `provider "aws" of module.dr`. */
  readonly subject: string;
  /**
   * The file whose rule run reports the merged finding, when it is the first occurrence of its
   * group: a file of the rule's kinds that declares what the finding is about. Rules collect the
   * occurrences of the whole workspace, so one origin reached from several files is one finding.
   */
  readonly reportedFrom: string;
  /** Places that explain this occurrence: the trail of its value, the module calls that create its instance. */
  readonly related?: readonly RelatedLocation[];
  /** Tells apart different problems found at one place: occurrences merge when place and problem agree. */
  readonly problem?: string;
  /**
   * The directory of the root module the subject's address is relative to: when one place is
   * reached from several root modules (a shared module called from `dev/` and `prod/`), each
   * subject is named with it, `module.ecr.aws_ecr_repository.this in dev`.
   */
  readonly root?: string;
}

/** The occurrences merged into one finding. */
export interface Merged<T extends Occurrence> {
  readonly at: Location;
  /** In the order they were collected; the first decides what the group shares (the value, the problem). */
  readonly items: readonly T[];
  /** The subjects as the message names them: `a, b and c`. */
  readonly subjects: string;
}

/**
 * A rule's check that reports one finding per place and problem: `collect` gathers the occurrences
 * of the whole workspace, once per scan (a check runs once per document, and the groups are kept
 * for the workspace); each document reports the groups whose first occurrence it owns, with the
 * message `message` words for the group. Made once, as the rule's `check`.
 */
export function checkPerOrigin<T extends Occurrence>(collect: (context: RuleContext) => Iterable<T>, message: (merged: Merged<T>, context: RuleContext) => string): (context: RuleContext) => void {
  const scans = new WeakMap<Workspace, { settings: Settings; byReporter: Map<string, T[][]> }>();
  const groupsOf = (context: RuleContext): T[][] => {
    let scan = scans.get(context.workspace);
    if (scan?.settings !== context.settings) {
      scan = { settings: context.settings, byReporter: byReporter(groups(collect(context))) };
      scans.set(context.workspace, scan);
    }
    return scan.byReporter.get(context.document.file.path) ?? [];
  };
  return (context) => {
    for (const items of groupsOf(context)) {
      const at = items[0]!.at;
      const related = relatedOf(at, items);
      context.report(at, message({ at, items, subjects: namedList(subjectsOf(items)) }, context), related.length > 0 ? { related } : {});
    }
  };
}

/** The subjects of a group, each with its root module when the group spans several. */
function subjectsOf(items: readonly Occurrence[]): string[] {
  if (new Set(items.map((item) => item.root)).size <= 1) return items.map((item) => item.subject);
  return items.map((item) => (item.root === undefined ? item.subject : `${item.subject} in ${item.root === '.' ? 'the root module' : item.root}`));
}

function byReporter<T extends Occurrence>(groups: readonly T[][]): Map<string, T[][]> {
  const reporters = new Map<string, T[][]>();
  for (const group of groups) appendTo(reporters, group[0]!.reportedFrom, group);
  return reporters;
}

function groups<T extends Occurrence>(occurrences: Iterable<T>): T[][] {
  const byPlace = new Map<string, T[]>();
  for (const occurrence of occurrences) {
    const key = `${locationKey(occurrence.at)}\0${occurrence.problem ?? ''}`;
    appendTo(byPlace, key, occurrence);
  }
  return [...byPlace.values()];
}

function relatedOf(at: Location, items: readonly Occurrence[]): RelatedLocation[] {
  const seen = new Set([locationKey(at)]);
  return items.flatMap((item) => item.related ?? []).filter((entry) => !seen.has(locationKey(entry)) && seen.add(locationKey(entry)));
}
