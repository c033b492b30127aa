import { posix } from 'node:path';

/*
 * Which Terraform files can change the findings of a few named ones (a pre-commit run, --changed):
 * the modules the targets sit in, the root modules that call them (directly or through other
 * modules), and every local module those call, with their var files. Sibling stacks and examples
 * that neither call nor are called are left unread: a one-file run in a module repository no
 * longer parses all of it.
 *
 * The module graph is read from the text, not parsed: every `source = "./…"` or `"../…"` (or
 * `"source": "../…"` in JSON) is taken as a call. Over-reading is harmless (an extra file is read),
 * and Terraform requires module sources to be literal strings, so no call is missed.
 */

/**
 * What the model matches across modules by name or by an id it cannot resolve: an ECR lifecycle
 * policy names its repository (and registry scanning covers repositories by filter), an IPv6 CIDR association may belong to any VPC whose id it cannot
 * resolve, a replication rule names its destination bucket by ARN. When the modules read so far
 * hold the first kind of resource, every module holding the second is read too, with its callers and
 * callees. Keep in step with model/ecr/matching.ts, model/network.ts and model/transfers.ts.
 */
export const MATCHED_ACROSS_MODULES: readonly { when: RegExp; read: RegExp }[] = [
  { when: /["\s]aws_ecr_repository["\s]/, read: /["\s]aws_ecr_lifecycle_policy["\s]/ },
  { when: /["\s]aws_ecr_repository["\s]/, read: /["\s]aws_ecr_registry_scanning_configuration["\s]/ },
  { when: /["\s]aws_vpc["\s]/, read: /["\s]aws_vpc_ipv6_cidr_block_association["\s]/ },
  { when: /["\s]aws_s3_bucket_replication_configuration["\s]|\breplication_configuration\b/, read: /["\s]aws_s3_bucket["\s]/ },
];

const LOCAL_SOURCE = /\bsource"?\s*[=:]\s*"(\.\.?(?:\/[^"]*)?)"/g;

export function relevantContext(targets: readonly string[], candidates: readonly string[], read: (path: string) => string): readonly string[] {
  // A plan is checked against the configuration it was made from, wherever it lies; and a file of
  // another language that asks for Terraform as context has no module to start from: read all.
  if (targets.length === 0 || targets.some((path) => /tfplan\.json$/.test(path))) return candidates;
  const graph = new ModuleGraph();
  const texts = new Map<string, string[]>();
  for (const path of [...targets, ...candidates]) {
    if (!isConfiguration(path)) continue;
    const text = read(path);
    graph.addCalls(directoryOf(path), text);
    texts.set(directoryOf(path), [...(texts.get(directoryOf(path)) ?? []), text]);
  }
  const holding = (pattern: RegExp, directories: Iterable<string>) => [...directories].filter((directory) => texts.get(directory)?.some((text) => pattern.test(text)));
  const needed = graph.related(new Set(targets.map(directoryOf)));
  for (let grew = true; grew; ) {
    const more = MATCHED_ACROSS_MODULES.filter(({ when }) => holding(when, needed).length > 0).flatMap(({ read: wanted }) => holding(wanted, texts.keys()));
    const added = [...graph.related(new Set(more.filter((directory) => !needed.has(directory))))].filter((directory) => !needed.has(directory));
    for (const directory of added) needed.add(directory);
    grew = added.length > 0;
  }
  return candidates.filter((path) => needed.has(directoryOf(path)));
}

export class ModuleGraph {
  readonly calls = new Map<string, Set<string>>();
  private readonly callers = new Map<string, Set<string>>();

  addCalls(directory: string, text: string): void {
    for (const [, source] of text.matchAll(LOCAL_SOURCE)) {
      const normal = posix.normalize(posix.join(directory || '.', source!)).replace(/\/$/, '');
      if (normal.startsWith('..')) continue; // outside the scan root: merlint reads nothing there
      const called = normal === '.' ? '' : normal;
      link(this.calls, directory, called);
      link(this.callers, called, directory);
    }
  }

  /** The modules of `start`, every module that calls one of them, and every module any of those calls. */
  related(start: ReadonlySet<string>): Set<string> {
    return reachable(reachable(start, this.callers), this.calls);
  }
}

function link(edges: Map<string, Set<string>>, from: string, to: string): void {
  let targets = edges.get(from);
  if (!targets) edges.set(from, (targets = new Set()));
  targets.add(to);
}

function reachable(start: ReadonlySet<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const seen = new Set(start);
  const pending = [...start];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const neighbour of edges.get(next) ?? []) {
      if (!seen.has(neighbour)) {
        seen.add(neighbour);
        pending.push(neighbour);
      }
    }
  }
  return seen;
}

export function isConfiguration(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
