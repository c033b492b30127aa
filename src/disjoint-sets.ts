/** Union-find over the nodes given; joining a name that is not a node does nothing. */
export class DisjointSets {
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
