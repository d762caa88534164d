/**
 * Refreshing saved rule segments: on demand (all or some), and after new data, scoped to the profiles
 * the data touched. A rule that counts back from now ("in last 30 days") changes for everyone as time
 * passes, so it is always refreshed whole.
 */
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { signal, type Warehouse } from '../store/index.js';
import { materialize } from './materialize.js';
import type { SegmentNode } from './nodes.js';
import { compileExpression } from './store.js';

/** What refreshing one segment did. */
export interface SegmentRefreshed {
  readonly name: string;
  readonly count: number;
  readonly entered: number;
  readonly exited: number;
  /** `incremental` when only the changed profiles were looked at. */
  readonly mode: 'full' | 'incremental';
  /** Why the rule no longer compiles (a trait gone from the data); the membership is left as it was. */
  readonly error?: string;
}

/** Which segments, and whether only some profiles changed. */
export interface RefreshOptions {
  /** Only these segments (default: every rule segment). */
  readonly names?: readonly string[];
  /** Only these profiles changed since the last refresh (the ids identity resolution touched). */
  readonly changed?: readonly number[];
  /** Only segments whose rule names one of these fields (the scores a model run just wrote). */
  readonly fields?: readonly string[];
  /** Only segments whose membership moves with the clock alone (`in last D days`). */
  readonly clockOnly?: boolean;
}

const refreshed = signal();

/**
 * Calls `listener` after every refresh of `db`'s segments that moved anyone in or out (the server's upkeep,
 * `POST /v1/segments/refresh`, a model run's scores, a resolution), outside the refresh's query scope; returns
 * the function that stops it. The server re-warms caches keyed on segments with it (src/server/rewarm.ts).
 */
export function onSegmentsRefreshed(db: Warehouse, listener: () => void): () => void {
  return refreshed.on(db, listener);
}

/** Refreshes saved rule segments; list segments (clusters) keep their members until re-made. */
export async function refreshSegments(
  db: Warehouse,
  options: RefreshOptions = {},
): Promise<SegmentRefreshed[]> {
  const saved = await db.all<{ name: string; expression: string; tree: string }>(
    "SELECT name, expression, CAST(tree AS VARCHAR) AS tree FROM segments WHERE kind = 'rule' ORDER BY name",
  );
  if (options.names) {
    const known = new Set(saved.map((s) => s.name));
    const missing = options.names.find((n) => !known.has(n));
    if (missing !== undefined)
      throw new ClienteleError(
        'CLT_ERR_SEGMENT_NOT_FOUND',
        `no rule segment named '${missing}'`,
        { name: missing },
        phrase('error.noSegment', { name: missing }),
      );
  }
  if (options.changed?.length === 0) return [];
  const trees = new Map(saved.map((s) => [s.name, JSON.parse(s.tree) as SegmentNode]));
  const fields = options.fields === undefined ? undefined : new Set(options.fields);
  const wanted = saved.filter(
    (s) =>
      (options.names === undefined || options.names.includes(s.name)) &&
      (!options.clockOnly || timeRelative(trees.get(s.name) ?? { kind: 'and', children: [] }, trees)) &&
      (fields === undefined || names(trees.get(s.name), trees, (f) => fields.has(f))),
  );
  const out: SegmentRefreshed[] = [];
  for (const segment of wanted) {
    let compiled: Awaited<ReturnType<typeof compileExpression>>;
    try {
      compiled = await compileExpression(db, segment.expression, segment.name);
    } catch (e) {
      out.push({
        name: segment.name,
        count: 0,
        entered: 0,
        exited: 0,
        mode: 'full',
        error: (e as Error).message,
      });
      continue;
    }
    const scoped = options.changed !== undefined && !timeRelative(compiled.tree, trees);
    const moved = await db.transaction(async (tx) => {
      if (scoped) {
        await tx.run('DROP TABLE IF EXISTS segment_scope');
        await tx.run('CREATE TEMP TABLE segment_scope (profile_id BIGINT)');
        await tx.append('segment_scope', [{ kind: 'int', values: [...new Set(options.changed)] }]);
      }
      const result = await materialize(tx, segment.name, compiled.sql, compiled.params as never[], scoped);
      if (scoped) await tx.run('DROP TABLE segment_scope');
      return result;
    });
    out.push({ name: segment.name, ...moved, mode: scoped ? 'incremental' : 'full' });
  }
  if (out.some((r) => r.entered > 0 || r.exited > 0)) refreshed.emit(db);
  return out;
}

// Whether a rule (or a rule it references) names a field that passes `test`.
function names(
  node: SegmentNode | undefined,
  trees: ReadonlyMap<string, SegmentNode>,
  test: (field: string) => boolean,
  seen = new Set<string>(),
): boolean {
  if (node === undefined) return false;
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.some((c) => names(c, trees, test, seen));
    case 'not':
      return names(node.child, trees, test, seen);
    case 'compare':
      return test(node.field);
    case 'in_segment':
      if (seen.has(node.segment)) return false;
      seen.add(node.segment);
      return names(trees.get(node.segment), trees, test, seen);
    default:
      return false;
  }
}

// Whether membership can change with the clock alone: an event window, here or in a referenced rule.
function timeRelative(
  node: SegmentNode,
  trees: ReadonlyMap<string, SegmentNode>,
  seen = new Set<string>(),
): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.some((c) => timeRelative(c, trees, seen));
    case 'not':
      return timeRelative(node.child, trees, seen);
    case 'event':
    case 'sequence':
      return node.withinDays !== undefined;
    case 'in_segment': {
      const other = trees.get(node.segment);
      if (other === undefined || seen.has(node.segment)) return false;
      seen.add(node.segment);
      return timeRelative(other, trees, seen);
    }
    default:
      return false;
  }
}
