/**
 * An FP-tree (Han, Pei & Yin 2000, §2) over item ranks `0 … width - 1`, stored as parallel
 * typed arrays; node 0 is the root. Paths are inserted in ascending rank, so the most
 * frequent items sit near the root and share prefixes.
 */
export class FpTree {
  /** Number of nodes, the root included. */
  size = 1;
  /** Set once some node has two children; a single-path tree is mined without recursion. */
  branched = false;
  item: Int32Array;
  count: Float64Array;
  parent: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** Next node with the same item (the header table's node-link, §2). */
  link: Int32Array;
  /** First node of each item rank, -1 when none. */
  readonly head: Int32Array;
  /** Total count of each item rank in the tree. */
  readonly itemCount: Float64Array;

  constructor(width: number, capacity: number) {
    const cap = Math.max(2, capacity);
    this.item = new Int32Array(cap);
    this.count = new Float64Array(cap);
    this.parent = new Int32Array(cap);
    this.firstChild = new Int32Array(cap).fill(-1);
    this.nextSibling = new Int32Array(cap);
    this.link = new Int32Array(cap);
    this.head = new Int32Array(width).fill(-1);
    this.itemCount = new Float64Array(width);
    this.item[0] = -1;
    this.parent[0] = -1;
  }

  /** Adds `path[from … to - 1]` (ascending ranks) with weight `weight`. */
  insert(path: Int32Array, from: number, to: number, weight: number): void {
    let node = 0;
    for (let i = from; i < to; i++) {
      const rank = path[i]!;
      let child = this.firstChild[node]!;
      while (child !== -1 && this.item[child] !== rank) child = this.nextSibling[child]!;
      if (child === -1) child = this.addChild(node, rank);
      this.count[child]! += weight;
      this.itemCount[rank]! += weight;
      node = child;
    }
  }

  private addChild(node: number, rank: number): number {
    if (this.size === this.item.length) this.grow();
    const child = this.size++;
    const sibling = this.firstChild[node]!;
    if (sibling !== -1) this.branched = true;
    this.item[child] = rank;
    this.count[child] = 0;
    this.parent[child] = node;
    this.firstChild[child] = -1;
    this.nextSibling[child] = sibling;
    this.firstChild[node] = child;
    this.link[child] = this.head[rank]!;
    this.head[rank] = child;
    return child;
  }

  private grow(): void {
    const cap = this.item.length * 2;
    this.item = resize(this.item, cap);
    this.count = resize(this.count, cap);
    this.parent = resize(this.parent, cap);
    this.firstChild = resize(this.firstChild, cap);
    this.nextSibling = resize(this.nextSibling, cap);
    this.link = resize(this.link, cap);
  }
}

function resize<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}
