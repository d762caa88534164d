/**
 * An FP-tree (Han, Pei & Yin 2000, §2) over item ranks `0 … width - 1`, stored as typed arrays;
 * node 0 is the root. Paths are inserted in ascending rank, so the most frequent items sit near
 * the root and share prefixes.
 */
export class FpTree {
  /** Number of nodes, the root included. */
  size = 1;
  /** Set once some node has two children; a single-path tree is mined without recursion. */
  branched = false;
  /**
   * Parent and item rank of node n at `up[2n]` and `up[2n + 1]`: side by side because walking a
   * prefix path to the root reads both, one cache line a node.
   */
  up: Int32Array;
  count: Float64Array;
  /** A child of each node, -1 for a leaf; the only one until `branched`. */
  firstChild: Int32Array;
  /** Next node with the same item (the header table's node-link, §2). */
  link: Int32Array;
  /** First node of each item rank, -1 when none. */
  readonly head: Int32Array;
  /** Total count of each item rank in the tree. */
  readonly itemCount: Float64Array;
  /**
   * Open-addressing hash from (parent, rank) to child node, -1 when empty: a sibling list costs
   * a scan over up to `width` children a step (46 on average on 1M generated baskets).
   */
  private slots: Int32Array;
  private mask: number;

  constructor(width: number, capacity: number) {
    const cap = Math.max(2, capacity);
    this.up = new Int32Array(cap * 2);
    this.count = new Float64Array(cap);
    this.firstChild = new Int32Array(cap).fill(-1);
    this.link = new Int32Array(cap);
    this.head = new Int32Array(width).fill(-1);
    this.itemCount = new Float64Array(width);
    this.up[0] = -1;
    this.up[1] = -1;
    this.slots = new Int32Array(tableSize(cap)).fill(-1);
    this.mask = this.slots.length - 1;
  }

  /** Adds `path[from … to - 1]` (ascending ranks) with weight `weight`. */
  insert(path: Int32Array, from: number, to: number, weight: number): void {
    let node = 0;
    for (let i = from; i < to; i++) {
      const rank = path[i]!;
      let slot = hash(node, rank) & this.mask;
      let child = this.slots[slot]!;
      while (child !== -1 && (this.up[2 * child] !== node || this.up[2 * child + 1] !== rank)) {
        slot = (slot + 1) & this.mask;
        child = this.slots[slot]!;
      }
      if (child === -1) {
        child = this.addChild(node, rank);
        if (this.slots.length < tableSize(this.count.length)) this.rehash();
        else this.slots[slot] = child;
      }
      this.count[child]! += weight;
      this.itemCount[rank]! += weight;
      node = child;
    }
  }

  private addChild(node: number, rank: number): number {
    if (this.size === this.count.length) this.grow();
    const child = this.size++;
    if (this.firstChild[node] !== -1) this.branched = true;
    else this.firstChild[node] = child;
    this.up[2 * child] = node;
    this.up[2 * child + 1] = rank;
    this.count[child] = 0;
    this.firstChild[child] = -1;
    this.link[child] = this.head[rank]!;
    this.head[rank] = child;
    return child;
  }

  private grow(): void {
    const cap = this.count.length * 2;
    this.up = resize(this.up, cap * 2);
    this.count = resize(this.count, cap);
    this.firstChild = resize(this.firstChild, cap);
    this.link = resize(this.link, cap);
  }

  private rehash(): void {
    this.slots = new Int32Array(tableSize(this.count.length)).fill(-1);
    this.mask = this.slots.length - 1;
    for (let node = 1; node < this.size; node++) {
      let slot = hash(this.up[2 * node]!, this.up[2 * node + 1]!) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = node;
    }
  }
}

// A power of two at least twice the capacity keeps the load under one half.
function tableSize(capacity: number): number {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return size;
}

function hash(node: number, rank: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(rank + 1, 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}

function resize<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}
