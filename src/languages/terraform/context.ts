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
 * Resource types the model matches across modules by name or by an id it cannot resolve (an ECR
 * lifecycle policy naming its repository, an IPv6 CIDR association of an unresolved VPC, an S3
 * bucket a replication rule names by ARN). A module declaring one may change findings anywhere, so
 * it is read with its callers and callees. Keep in step with model/ecr, model/network and model/transfers.
 */
const MATCHED_ACROSS_MODULES = /["\s](?:aws_ecr_lifecycle_policy|aws_vpc_ipv6_cidr_block_association|aws_s3_bucket)["\s]/;

const LOCAL_SOURCE = /\bsource"?\s*[=:]\s*"(\.\.?(?:\/[^"]*)?)"/g;

export function relevantContext(targets: readonly string[], candidates: readonly string[], read: (path: string) => string): readonly string[] {
  // A plan is checked against the configuration it was made from, wherever it lies; and a file of
  // another language that asks for Terraform as context has no module to start from: read all.
  if (targets.length === 0 || targets.some((path) => /tfplan\.json$/.test(path))) return candidates;
  const graph = new ModuleGraph();
  const crossModule = new Set<string>();
  for (const path of [...targets, ...candidates]) {
    if (!isConfiguration(path)) continue;
    const text = read(path);
    graph.addCalls(directoryOf(path), text);
    if (MATCHED_ACROSS_MODULES.test(text)) crossModule.add(directoryOf(path));
  }
  const needed = graph.related(new Set([...targets.map(directoryOf), ...crossModule]));
  return candidates.filter((path) => needed.has(directoryOf(path)));
}

class ModuleGraph {
  private readonly calls = new Map<string, Set<string>>();
  private readonly callers = new Map<string, Set<string>>();

  addCalls(directory: string, text: string): void {
    for (const [, source] of text.matchAll(LOCAL_SOURCE)) {
      const called = posix.normalize(posix.join(directory || '.', source!));
      if (called.startsWith('..')) continue; // outside the scan root: merlint reads nothing there
      link(this.calls, directory, called === '.' ? '' : called.replace(/\/$/, ''));
      link(this.callers, called === '.' ? '' : called.replace(/\/$/, ''), directory);
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

function isConfiguration(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
