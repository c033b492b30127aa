/** Union-find over the nodes given; joining a name that is not a node does nothing. */
export class DisjointSets {
  private readonly parent: Map<string, string>;

  constructor(nodes: Iterable<string>) {
    this.parent = new Map([...nodes].map((node) => [node, node]));
  }

  find(node: string): string {
    let root = node;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Every node on the way is pointed at the root, or a chain joined the wrong way round is walked once per node.
    for (let next = node; next !== root; ) {
      const parent = this.parent.get(next)!;
      this.parent.set(next, root);
      next = parent;
    }
    return root;
  }

  join(a: string, b: string): void {
    if (this.parent.has(a) && this.parent.has(b)) this.parent.set(this.find(b), this.find(a));
  }
}
