import { posix } from 'node:path';
import { appendTo } from '../../append.js';
import { parentOf } from '../../paths.js';
import { NETWORK_TYPES } from './model/network-types.js';
import { isConfiguration, localSources } from './sources.js';

/*
 * Which Terraform files can change the findings of a few named ones (a pre-commit run, --changed):
 * the modules the targets sit in, the root modules that call them (directly or through other
 * modules), and every local module those call, with their var files. Sibling stacks and examples
 * that neither call nor are called are left unread: a one-file run in a module repository no
 * longer parses all of it. A named file of another language that reads the Terraform for its facts
 * (a manifest, for the network) starts the same way from every module that writes a resource the
 * facts are made of: a one-manifest run in a platform monorepo parses those, not all of it.
 * The module graph is read from the text, not parsed (see sources.ts).
 */

/**
 * What the model matches across modules by name or by an id it cannot resolve: an ECR lifecycle
 * policy names its repository (and registry scanning covers repositories by filter), an IPv6 CIDR
 * association may belong to any VPC whose id it cannot resolve, a replication rule names its
 * destination bucket by ARN. When the modules read so far hold the first kind (`when`), every module
 * holding the second (`read`) is read too, with its callers and callees. A lifecycle policy or a
 * replication rule that takes its repository or bucket by reference to a resource of its own module
 * (`aws_ecr_repository.this.name`) matches nothing elsewhere, and is left out. Keep in step with
 * model/ecr/matching.ts, model/network.ts and model/transfers.ts.
 */
export const MATCHED_ACROSS_MODULES: readonly { when: (text: string) => boolean; read: (text: string) => boolean }[] = [
  { when: holds(/["\s]aws_ecr_repository["\s]/), read: namesAcrossModules(/["\s]aws_ecr_lifecycle_policy["\s]/, /^[ \t]*repository[ \t]*=[ \t]*(.*?)[ \t]*$/gm, 'aws_ecr_repository') },
  { when: holds(/["\s]aws_ecr_repository["\s]/), read: holds(/["\s]aws_ecr_registry_scanning_configuration["\s]/) },
  { when: holds(/["\s]aws_vpc["\s]/), read: holds(/["\s]aws_vpc_ipv6_cidr_block_association["\s]/) },
  { when: namesAcrossModules(/["\s]aws_s3_bucket_replication_configuration["\s]|\breplication_configuration\b/, /^[ \t]*bucket[ \t]*=[ \t]*(.*?)[ \t]*$/gm, 'aws_s3_bucket'), read: holds(/["\s]aws_s3_bucket["\s]/) },
];

function holds(pattern: RegExp): (text: string) => boolean {
  return (text) => pattern.test(text);
}

/** Before a top-level block's first line, `resource "aws_s3_bucket" "logs" {`: where the text is cut into blocks. */
const BLOCK_START = /(?=^[ \t]*(?:resource|data|module|locals|variable|output|provider|terraform|moved|import|check|removed)\b[^=\n]*\{[ \t]*$)/m;

/**
 * Whether a block of the text that `block` finds may name what it points at across modules: unless
 * (in HCL, block by block) every `argument` line of it is a reference to a resource of `type`, and
 * there is one such line at least and no `dynamic` block. JSON is never read so closely.
 */
function namesAcrossModules(block: RegExp, argument: RegExp, type: string): (text: string) => boolean {
  const byReference = new RegExp(`^${type}\\.[\\w-]+(?:\\[[^\\]]*\\])?\\.[\\w]+$`);
  return (text) => {
    if (!block.test(text)) return false;
    if (/^\s*\{/.test(text)) return true;
    return text.split(BLOCK_START).some((part) => {
      if (!block.test(part)) return false;
      const values = [...part.matchAll(argument)].map((match) => match[1]!);
      return values.length === 0 || /\bdynamic\b/.test(part) || values.some((value) => !byReference.test(value));
    });
  };
}

/**
 * A resource or data source type of the network facts, as a block's label (quoted or not, in HCL
 * or JSON) or in a reference; or an escape, with which a quoted label may spell any name.
 */
const WRITES_NETWORK = new RegExp(`\\b(?:${NETWORK_TYPES.join('|')})\\b|\\\\[uU]`);

export function relevantContext(targets: readonly string[], candidates: readonly string[], read: (path: string) => string, forFacts: boolean): readonly string[] {
  // A plan is checked against the configuration it was made from, wherever it lies.
  if (targets.some((path) => /tfplan\.json$/.test(path))) return candidates;
  const graph = new ModuleGraph();
  const texts = new Map<string, string[]>();
  const textOf = new Map<string, string>();
  for (const path of [...targets, ...candidates]) {
    if (!isConfiguration(path)) continue;
    const text = read(path);
    graph.addCalls(parentOf(path), text);
    appendTo(texts, parentOf(path), text);
    textOf.set(path, text);
  }
  const holding = (test: (text: string) => boolean, directories: Iterable<string>) => [...directories].filter((directory) => texts.get(directory)?.some(test));
  const start = new Set(targets.map(parentOf));
  if (forFacts) for (const directory of holding(holds(WRITES_NETWORK), texts.keys())) start.add(directory);
  const needed = graph.related(start);
  for (let grew = true; grew; ) {
    const more = MATCHED_ACROSS_MODULES.filter(({ when }) => holding(when, needed).length > 0).flatMap(({ read: wanted }) => holding(wanted, texts.keys()));
    const added = [...graph.related(new Set(more.filter((directory) => !needed.has(directory))))].filter((directory) => !needed.has(directory));
    for (const directory of added) needed.add(directory);
    grew = added.length > 0;
  }
  const onlyUncalledOutputs = (path: string) => path.endsWith('.tf') && !graph.isCalled(parentOf(path)) && holdsOnlyOutputs(textOf.get(path)!);
  return candidates.filter((path) => needed.has(parentOf(path)) && !onlyUncalledOutputs(path));
}

/** A block type other than `output` at the start of a line: any such line, even in a heredoc, keeps a file. */
const OTHER_BLOCK = /^\s*(?:resource|data|module|locals|variable|provider|terraform|moved|import|check|removed)\b/m;

/**
 * Whether the text of an HCL file declares nothing but outputs. An output is read only through a call
 * of its module (`module.vpc.vpc_id`), so the outputs of a module no module calls (an example beside
 * the module it shows) can change no finding, and a file of nothing else is not read: in
 * terraform-aws-vpc such files are half the text a one-file run would parse. Judged from the text,
 * leaning to read: a block comment, which could hide where a block starts, or any line starting with
 * another block type keeps the file.
 */
function holdsOnlyOutputs(text: string): boolean {
  return /^\s*output\b/m.test(text) && !text.includes('/*') && !OTHER_BLOCK.test(text);
}

export class ModuleGraph {
  readonly calls = new Map<string, Set<string>>();
  private readonly callers = new Map<string, Set<string>>();

  addCalls(directory: string, text: string): void {
    for (const source of localSources(text)) {
      const normal = posix.normalize(posix.join(directory || '.', source)).replace(/\/$/, '');
      if (normal.startsWith('..')) continue; // outside the scan root: merlint reads nothing there
      const called = normal === '.' ? '' : normal;
      link(this.calls, directory, called);
      link(this.callers, called, directory);
    }
  }

  /** Whether a module of the scan calls the module in `directory`. */
  isCalled(directory: string): boolean {
    return this.callers.has(directory);
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
