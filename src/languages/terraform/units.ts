import { posix } from 'node:path';

/*
 * Which Terraform files must be checked in one run, for --shard. A directory's files go with every
 * directory its files name by a relative path, transitively: a root module with the local modules it
 * calls, a module with the roots that call it. Local module sources are always literal strings that
 * begin with ./ or ../, so collecting every such string over-approximates the calls: a `file()` path
 * may join two directories that need not be together, which costs balance, never a finding.
 * Files that declare ECR resources all go together, wherever they are: the ECR rules match lifecycle
 * policies and registry scanning to repositories by name across root modules and plans.
 */

const RELATIVE_PATH = /"(\.\.?\/[^"\\\n]*)"/g;
const ECR = 'aws_ecr_';
const VAR_FILE = /\.tfvars(\.json)?$/;

export function terraformUnits(files: readonly { path: string; kind: string }[], read: (path: string) => string): string[][] {
  // A plan is a unit of its own; configuration files group by directory.
  const nodeOf = (file: { path: string; kind: string }) => (file.kind === 'tfplan' ? file.path : posix.dirname(file.path));
  const members = new Map<string, string[]>();
  for (const file of files) members.set(nodeOf(file), [...(members.get(nodeOf(file)) ?? []), file.path]);
  const joined = new DisjointSets(members.keys());
  let ecrNode: string | undefined;
  for (const file of files.filter((candidate) => !VAR_FILE.test(candidate.path))) {
    const node = nodeOf(file);
    const text = read(file.path);
    if (file.kind !== 'tfplan') {
      for (const match of text.matchAll(RELATIVE_PATH)) joined.join(node, posix.normalize(posix.join(node, match[1]!)).replace(/\/$/, ''));
    }
    if (text.includes(ECR)) joined.join(node, (ecrNode ??= node));
  }
  const units = new Map<string, string[]>();
  for (const [node, paths] of members) units.set(joined.find(node), [...(units.get(joined.find(node)) ?? []), ...paths]);
  return [...units.values()];
}

/** Union-find over the nodes given; joining a name that is not a node does nothing. */
class DisjointSets {
  private readonly parent: Map<string, string>;

  constructor(nodes: Iterable<string>) {
    this.parent = new Map([...nodes].map((node) => [node, node]));
  }

  find(node: string): string {
    let root = node;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(node, root);
    return root;
  }

  join(a: string, b: string): void {
    if (this.parent.has(a) && this.parent.has(b)) this.parent.set(this.find(b), this.find(a));
  }
}
