/**
 * The decision as `decide()` made it before the in-memory index (src/placements/facts.ts): every call reads
 * the person from the database (identity_nodes, profiles, customer_scores, segment_membership) and parses
 * the rules afresh. Kept as the reference the index is held to (test/decide-index.test.ts) and timed
 * against (bench/decide.ts --reference). It reads nothing cached, so it always sees the tables as they are.
 */
import { variantFor } from '../../src/experiments/assign.js';
import { getExperiment } from '../../src/experiments/store.js';
import type { DecideContext, Decision, PlacementRule, Visitor } from '../../src/placements/index.js';
import { placementSchema, savedTrees } from '../../src/placements/rules.js';
import { findProfile } from '../../src/profiles/index.js';
import {
  evaluateSegment,
  type ProfileEvent,
  parseSegment,
  type SegmentNode,
} from '../../src/segments/index.js';
import type { Warehouse } from '../../src/store/index.js';

/** What `decide()` answered before the index, reading everything per call. */
export async function referenceDecide(
  db: Warehouse,
  name: string,
  visitor: Visitor,
  context: Omit<DecideContext, 'is_new'>,
  now = new Date(),
): Promise<Decision> {
  const [placement] = await db.all<{ rules: string }>(
    'SELECT CAST(rules AS VARCHAR) AS rules FROM placements WHERE name = ?',
    [name],
  );
  if (!placement) throw new Error(`no placement named '${name}'`);
  const rules = JSON.parse(placement.rules) as PlacementRule[];
  const trees = rules.map((r) => {
    if (r.if === undefined) return null;
    const parsed = parseSegment(r.if);
    return parsed.ok ? parsed.node : null;
  });
  const c = { rules, trees, schema: await placementSchema(db), segments: await savedTrees(db) };
  const identifier = visitor.userId ?? visitor.email ?? visitor.anonymousId;
  const profileId = identifier ? await findProfile(db, identifier) : null;
  const ctx: DecideContext = { ...context, is_new: profileId === null };
  let row: Record<string, unknown> & { profile_id: number } = { profile_id: -1, traits: ctx };
  let events: ProfileEvent[] = [];
  if (profileId !== null) {
    const [p] = await db.all<{ row: string }>(
      'SELECT CAST(to_json(p) AS VARCHAR) AS row FROM profiles p WHERE profile_id = ?',
      [profileId],
    );
    const stored = p ? (JSON.parse(p.row) as Record<string, unknown>) : {};
    const traits = (
      typeof stored.traits === 'string' ? JSON.parse(stored.traits) : (stored.traits ?? {})
    ) as Record<string, unknown>;
    const scores = await db.all<{ score: string; value: number | null; label: string | null }>(
      `SELECT score, value, label FROM (
         SELECT s.score, s.value, s.label, row_number() OVER (PARTITION BY s.score ORDER BY s.run_id DESC) AS rn
         FROM customer_scores s WHERE s.customer_key = CAST(? AS VARCHAR)) s
       WHERE rn = 1`,
      [profileId],
    );
    row = { ...stored, profile_id: profileId, traits: { ...traits, ...ctx } };
    for (const s of scores) row[s.score] = s.label ?? s.value;
    const hasEvents = c.trees.some((t) => t !== null && /"kind":"(event|sequence)"/.test(JSON.stringify(t)));
    if (hasEvents)
      events = (
        await db.all<{ event: string | null; ts: string | null; properties: string | null }>(
          `SELECT e.event, ${db.dialect.formatTime('e.ts', '%Y-%m-%dT%H:%M:%S.%fZ')} AS ts, CAST(e.properties AS VARCHAR) AS properties
           FROM events e JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
           WHERE rp.profile_id = ? ORDER BY e.ts DESC LIMIT 5000`,
          [profileId],
        )
      ).map((e) => ({
        profile_id: profileId,
        event: e.event,
        ts: e.ts ? new Date(e.ts) : null,
        properties: e.properties ? (JSON.parse(e.properties) as Record<string, unknown>) : null,
      }));
  }
  const members = new Map<string, Set<number>>();
  const listMembers = (segment: string) => members.get(segment) ?? new Set<number>();
  for (const [i, rule] of c.rules.entries()) {
    const tree = c.trees[i] ?? null;
    if (tree !== null) {
      for (const s of listSegments(tree)) {
        if (members.has(s)) continue;
        const ids = await db.all<{ id: number }>(
          'SELECT profile_id AS id FROM segment_membership WHERE segment = ? AND profile_id = ? AND exited_at IS NULL',
          [s, row.profile_id],
        );
        members.set(s, new Set(ids.map((r) => Number(r.id))));
      }
      const holds = evaluateSegment(tree, [row], events, {
        schema: c.schema,
        segments: c.segments,
        members: listMembers,
        now,
      }).has(row.profile_id);
      if (!holds) continue;
    }
    const reason = rule.if === undefined ? 'default' : `rule ${i + 1}: ${rule.if}`;
    if (rule.experiment !== undefined) {
      const e = await getExperiment(db, rule.experiment);
      const variant = profileId === null ? e.variants[0]! : variantFor(e, profileId);
      return { variant, payload: rule.payload ?? null, reason: `${reason} (experiment ${e.name})` };
    }
    return { variant: rule.variant ?? null, payload: rule.payload ?? null, reason };
  }
  return { variant: null, payload: null, reason: 'no rule matched and there is no default' };
}

// The segments a tree names (`in segment`), to read list memberships for.
function listSegments(tree: SegmentNode): string[] {
  const out: string[] = [];
  JSON.stringify(tree, (key, value) => {
    if (key === 'segment' && typeof value === 'string') out.push(value);
    return value;
  });
  return out;
}
