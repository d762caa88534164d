/**
 * The identity graph as a plain function: records arrive in order, each with the identifier nodes it
 * carries; records that share a node join one profile (union-find), unless the merge would give the
 * profile more distinct values of a limited type than allowed — then the merge is refused and recorded,
 * as Segment Unify does. No I/O: ids in, ids out.
 */

/** One record's identifiers: node ids with their type index, highest-priority type first. */
export interface GraphRecord {
  readonly nodes: readonly number[];
  readonly types: readonly number[];
}

/** A merge or attachment the limits refused. */
export interface Conflict {
  readonly record: number;
  readonly node: number;
  readonly type: number;
  /** The profile the record joined. */
  readonly profile: number;
  /** The profile the node belongs to (or -1 when the node was new and would have been a second value). */
  readonly other: number;
}

/** The graph's state, kept between runs so that new records join existing profiles incrementally. */
export interface GraphState {
  /** Profile of each node (-1: not attached). Indexed by node id; grows as nodes are added. */
  profileOfNode: Int32Array;
  /** Union-find parent per profile id. */
  parent: Int32Array;
  /** Next unused profile id. */
  nextProfile: number;
  /** For limited types only: the nodes of each root profile, per type. */
  readonly limited: Map<number, Map<number, Set<number>>>;
}

/** Limits per type index (Infinity where none). */
export type Limits = readonly number[];

/** An empty graph able to hold `nodeCount` nodes. */
export function emptyGraph(nodeCount: number): GraphState {
  return {
    profileOfNode: new Int32Array(Math.max(nodeCount, 16)).fill(-1),
    parent: new Int32Array(1024),
    nextProfile: 0,
    limited: new Map(),
  };
}

function find(state: GraphState, p: number): number {
  let root = p;
  while (state.parent[root] !== root) root = state.parent[root]!;
  // Path compression keeps later finds short.
  while (state.parent[p] !== root) {
    const next = state.parent[p]!;
    state.parent[p] = root;
    p = next;
  }
  return root;
}

/** Opens a new profile and returns its id. */
export function newProfile(state: GraphState): number {
  const id = state.nextProfile++;
  if (id >= state.parent.length) {
    const grown = new Int32Array(state.parent.length * 2);
    grown.set(state.parent);
    state.parent = grown;
  }
  state.parent[id] = id;
  return id;
}

/** Makes room for node ids below `nodeCount`. */
export function ensureNodes(state: GraphState, nodeCount: number): void {
  if (nodeCount <= state.profileOfNode.length) return;
  const grown = new Int32Array(Math.max(nodeCount, state.profileOfNode.length * 2)).fill(-1);
  grown.set(state.profileOfNode);
  state.profileOfNode = grown;
}

/** The node sets, per limited type, of a root profile; created when missing. */
export function limitedOf(state: GraphState, root: number): Map<number, Set<number>> {
  let byType = state.limited.get(root);
  if (!byType) {
    byType = new Map();
    state.limited.set(root, byType);
  }
  return byType;
}

function limitedSet(state: GraphState, root: number, type: number): Set<number> | undefined {
  return state.limited.get(root)?.get(type);
}

function fits(state: GraphState, a: number, b: number, limits: Limits): boolean {
  for (let type = 0; type < limits.length; type++) {
    const limit = limits[type]!;
    if (limit === Number.POSITIVE_INFINITY) continue;
    const sa = limitedSet(state, a, type);
    const sb = limitedSet(state, b, type);
    if (!sa || !sb) continue;
    let union = sa.size;
    for (const n of sb) if (!sa.has(n)) union++;
    if (union > limit) return false;
  }
  return true;
}

function union(state: GraphState, a: number, b: number): number {
  // The older profile (smaller id) survives, so ids stay stable as data arrives.
  const [root, child] = a < b ? [a, b] : [b, a];
  state.parent[child] = root;
  const moved = state.limited.get(child);
  if (moved) {
    const into = limitedOf(state, root);
    for (const [type, nodes] of moved) {
      const set = into.get(type) ?? new Set<number>();
      for (const n of nodes) set.add(n);
      into.set(type, set);
    }
    state.limited.delete(child);
  }
  return root;
}

function attach(state: GraphState, node: number, type: number, root: number, limits: Limits): boolean {
  const limit = limits[type] ?? Number.POSITIVE_INFINITY;
  if (limit !== Number.POSITIVE_INFINITY) {
    const byType = limitedOf(state, root);
    const set = byType.get(type) ?? new Set<number>();
    if (!set.has(node) && set.size >= limit) return false;
    set.add(node);
    byType.set(type, set);
  }
  state.profileOfNode[node] = root;
  return true;
}

/**
 * Adds records to the graph in order and returns the profile each joined (a root at the time; call
 * `settle` for final ids). A record without any usable identifier gets a profile of its own.
 */
export function addRecords(
  state: GraphState,
  records: readonly GraphRecord[],
  limits: Limits,
  conflicts: Conflict[],
  merges?: (absorbed: number, into: number) => void,
): Int32Array {
  const profileOfRecord = new Int32Array(records.length);
  for (let r = 0; r < records.length; r++) {
    const { nodes, types } = records[r]!;
    let target = -1;
    // Nodes come highest priority first: the first decides the profile (a new one if the node is new),
    // the others merge into it, or attach to it, where the limits allow.
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const owner = state.profileOfNode[node]!;
      if (owner >= 0) {
        const root = find(state, owner);
        if (target < 0) {
          target = root;
        } else if (root !== target) {
          if (fits(state, target, root, limits)) {
            const survivor = union(state, target, root);
            merges?.(survivor === target ? root : target, survivor);
            target = survivor;
          } else {
            conflicts.push({ record: r, node, type: types[i]!, profile: target, other: root });
          }
        }
      } else {
        if (target < 0) target = newProfile(state);
        if (!attach(state, node, types[i]!, target, limits)) {
          conflicts.push({ record: r, node, type: types[i]!, profile: target, other: -1 });
        }
      }
    }
    if (target < 0) target = newProfile(state);
    profileOfRecord[r] = target;
  }
  return profileOfRecord;
}

/** Replaces every profile id in `ids` by its final root. */
export function settle(state: GraphState, ids: Int32Array): Int32Array {
  for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) ids[i] = find(state, ids[i]!);
  return ids;
}

/**
 * Joins the profiles of two nodes whatever the limits: a person said they are one (a manual link, such as an
 * accepted probable duplicate). Returns the surviving profile, or -1 when a node has no profile.
 */
export function joinProfiles(state: GraphState, a: number, b: number): number {
  const pa = state.profileOfNode[a] ?? -1;
  const pb = state.profileOfNode[b] ?? -1;
  if (pa < 0 || pb < 0) return -1;
  const ra = find(state, pa);
  const rb = find(state, pb);
  return ra === rb ? ra : union(state, ra, rb);
}
