/**
 * The data map: what each source feeds and what depends on it. Nodes are sources (each imported file and each
 * event write key), tables, fields, profile traits, models, segments, and destinations and journeys where
 * those exist; an edge runs from what is read to what is made from it, so everything downstream of a source is
 * what would break without it.
 */
import { basename } from 'node:path';
import { KINDS, type KindName } from '../../domain/kinds.js';
import { identifier, join, param, raw, sql, type Warehouse } from '../../store/index.js';
import { ownersBySource } from '../owners.js';
import { SCORE_MODELS, TRAIT_LINEAGE } from './lineage.js';

export type NodeType =
  | 'source'
  | 'table'
  | 'field'
  | 'trait'
  | 'model'
  | 'segment'
  | 'destination'
  | 'journey';

export interface MapNode {
  id: string;
  type: NodeType;
  name: string;
  rows: number | null;
  /** When it last changed (ISO), or null when unknown. */
  freshness: string | null;
  owner: string | null;
}

export interface MapEdge {
  from: string;
  to: string;
}

export interface DataMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

/** Builds the map of the database. */
export async function buildDataMap(db: Warehouse): Promise<DataMap> {
  const iso = (col: string) => db.dialect.formatTime(`${col} AT TIME ZONE 'UTC'`, '%Y-%m-%dT%H:%M:%SZ');
  const nodes = new Map<string, MapNode>();
  const edges: MapEdge[] = [];
  const edgeSet = new Set<string>();
  const add = (n: MapNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
  };
  const link = (from: string, to: string) => {
    const k = `${from}\u0001${to}`;
    if (nodes.has(from) && nodes.has(to) && !edgeSet.has(k)) {
      edgeSet.add(k);
      edges.push({ from, to });
    }
  };
  const owners = await ownersBySource(db);
  const imports = await db.all<{
    id: bigint;
    kind: KindName;
    file: string;
    mapping: string | null;
    at: string;
  }>(
    `SELECT import_id::BIGINT AS id, kind, file, CAST(mapping AS VARCHAR) AS mapping, ${iso('finished_at')} AS at
     FROM imports ORDER BY import_id`,
  );
  // Tables and their fields, with rows and freshness, for every kind that holds rows.
  const fieldsOf = new Map<string, Set<string>>();
  for (const imp of imports) {
    const spec = KINDS[imp.kind];
    if (!spec) continue;
    const set = fieldsOf.get(spec.table) ?? new Set<string>();
    const mapped = imp.mapping ? Object.keys(JSON.parse(imp.mapping) as Record<string, string>) : null;
    for (const f of spec.fields) if (!mapped || mapped.includes(f.name)) set.add(f.name);
    fieldsOf.set(spec.table, set);
  }
  const perImport = new Map<number, { rows: number; at: string | null }>();
  for (const [table, fields] of fieldsOf) {
    const names = [...fields];
    const q = sql`SELECT count(*)::BIGINT AS n, ${raw(iso('max(imported_at)'))} AS at,
      ${join(
        names.map((f, i) => sql`count(${identifier(f)})::BIGINT AS ${identifier(`f${i}`)}`),
        ', ',
      )} FROM ${identifier(table)}`;
    const [r = {}] = await db.all<Record<string, bigint | string | null>>(q.text, q.params);
    const at = (r.at as string | null) ?? null;
    add({
      id: `table:${table}`,
      type: 'table',
      name: table,
      rows: Number(r.n ?? 0),
      freshness: at,
      owner: null,
    });
    names.forEach((f, i) => {
      add({
        id: `field:${table}.${f}`,
        type: 'field',
        name: `${table}.${f}`,
        rows: Number(r[`f${i}`] ?? 0),
        freshness: at,
        owner: null,
      });
      link(`table:${table}`, `field:${table}.${f}`);
    });
    const byImport = await db.all<{ id: bigint; n: bigint; at: string | null }>(
      `SELECT import_id::BIGINT AS id, count(*)::BIGINT AS n, ${iso('max(imported_at)')} AS at FROM ${identifier(table).text} GROUP BY 1`,
    );
    for (const b of byImport) perImport.set(Number(b.id), { rows: Number(b.n), at: b.at });
  }
  for (const imp of imports) {
    const spec = KINDS[imp.kind];
    if (!spec) continue;
    const id = `source:${imp.id}`;
    const held = perImport.get(Number(imp.id));
    const api = imp.file.startsWith('api:');
    add({
      id,
      type: 'source',
      name: api ? imp.file : basename(imp.file),
      rows: held?.rows ?? 0,
      // A write key keeps receiving: its freshness is its newest event, not its creation.
      freshness: api ? (held?.at ?? null) : imp.at,
      owner: owners.get(imp.file) ?? null,
    });
    link(id, `table:${spec.table}`);
    const mapped = imp.mapping ? Object.keys(JSON.parse(imp.mapping) as Record<string, string>) : null;
    for (const f of spec.fields)
      if (!mapped || mapped.includes(f.name)) link(id, `field:${spec.table}.${f.name}`);
  }
  // Traits of the stored profiles, each from the fields it is computed from.
  const [profiles] = await db.all<{ n: bigint; at: string | null }>(
    `SELECT count(*)::BIGINT AS n, ${iso('max(refreshed_at)')} AS at FROM profiles`,
  );
  const profileColumns = new Set(
    (
      await db.all<{ c: string }>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'profiles' AND table_schema = current_schema()",
      )
    ).map((r) => r.c),
  );
  // Traits computed on the fly (a portrait's categories) are not stored columns: their fill is unknown.
  const traitNames = Object.keys(TRAIT_LINEAGE).filter((t) => profileColumns.has(t));
  const tq = sql`SELECT ${join(
    traitNames.map((t, i) => sql`count(${identifier(t)})::BIGINT AS ${identifier(`t${i}`)}`),
    ', ',
  )} FROM profiles`;
  const [filled] = await db.all<Record<string, bigint>>(tq.text, tq.params);
  Object.keys(TRAIT_LINEAGE).forEach((t) => {
    const from = TRAIT_LINEAGE[t]!.map((c) => `field:${c}`).filter((f) => nodes.has(f));
    if (!from.length) return;
    const i = traitNames.indexOf(t);
    add({
      id: `trait:${t}`,
      type: 'trait',
      name: t,
      rows: i >= 0 ? Number(filled?.[`t${i}`] ?? 0) : null,
      freshness: profiles?.at ?? null,
      owner: null,
    });
    for (const f of from) link(f, `trait:${t}`);
  });
  // Models, from the tables they read, writing their scores as traits.
  const runs = await db.all<{ model: string; runs: bigint; at: string; customers: bigint }>(
    `SELECT model, count(*)::BIGINT AS runs, ${iso('max(finished_at)')} AS at, ${db.dialect.argMax('customers_scored', 'run_id')}::BIGINT AS customers
     FROM model_runs GROUP BY model ORDER BY model`,
  );
  for (const r of runs) {
    const id = `model:${r.model}`;
    add({ id, type: 'model', name: r.model, rows: Number(r.customers), freshness: r.at, owner: null });
    for (const t of ['orders', 'order_items', 'customers', 'events', 'messages']) link(`table:${t}`, id);
    const q = sql`SELECT DISTINCT s.score FROM customer_scores s
      WHERE s.run_id = (SELECT max(run_id) FROM model_runs WHERE model = ${param(r.model)}) ORDER BY 1`;
    for (const { score } of await db.all<{ score: string }>(q.text, q.params)) {
      add({ id: `trait:${score}`, type: 'trait', name: score, rows: null, freshness: r.at, owner: null });
      link(id, `trait:${score}`);
    }
  }
  for (const [score, model] of Object.entries(SCORE_MODELS)) link(`model:${model}`, `trait:${score}`);
  // Segments, from the traits their rules name.
  const segments = await db.all<{ name: string; tree: string; size: bigint; at: string }>(
    `SELECT name, CAST(tree AS VARCHAR) AS tree, size::BIGINT AS size, ${iso('refreshed_at')} AS at FROM segments ORDER BY name`,
  );
  const traits = [...nodes.values()].filter((n) => n.type === 'trait');
  for (const s of segments) {
    const id = `segment:${s.name}`;
    add({ id, type: 'segment', name: s.name, rows: Number(s.size), freshness: s.at, owner: null });
    for (const t of traits) if (s.tree.includes(`"${t.name}"`)) link(t.id, id);
  }
  await addActivation(db, add, link);
  return { nodes: [...nodes.values()], edges };
}

/**
 * Destinations and journeys, when the tables that hold them exist (another part of the product adds them):
 * each named row is a node, fed by the segment it names when it names one.
 */
async function addActivation(
  db: Warehouse,
  add: (n: MapNode) => void,
  link: (from: string, to: string) => void,
): Promise<void> {
  for (const [table, type] of [
    ['destinations', 'destination'],
    ['journeys', 'journey'],
  ] as const) {
    const cols = (
      await db.all<{ c: string }>(
        'SELECT column_name AS c FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()',
        [table],
      )
    ).map((r) => r.c);
    if (!cols.includes('name')) continue;
    const segmentCol = cols.find((c) => c === 'segment' || c === 'audience');
    const rows = await db.all<{ name: string; segment: string | null }>(
      `SELECT CAST(name AS VARCHAR) AS name, ${segmentCol ? `CAST(${identifier(segmentCol).text} AS VARCHAR)` : 'NULL'} AS segment FROM ${identifier(table).text}`,
    );
    for (const r of rows) {
      const id = `${type}:${r.name}`;
      add({ id, type, name: r.name, rows: null, freshness: null, owner: null });
      if (r.segment) link(`segment:${r.segment}`, id);
    }
  }
}

/** Everything downstream of a node: what would lose an input if it were removed. */
export function downstream(map: DataMap, id: string): string[] {
  const out = new Map<string, string[]>();
  for (const e of map.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const next of out.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...seen];
}

/** Every source upstream of a node. */
export function sourcesOf(map: DataMap, id: string): string[] {
  const into = new Map<string, string[]>();
  for (const e of map.edges) into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const prev of into.get(stack.pop()!) ?? []) {
      if (!seen.has(prev)) {
        seen.add(prev);
        stack.push(prev);
      }
    }
  }
  return [...seen].filter((n) => n.startsWith('source:'));
}
