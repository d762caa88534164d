import { ClienteleError } from '../errors/index.js';
import { variantFor } from '../experiments/assign.js';
import { getExperiment } from '../experiments/store.js';
import { findProfile, parseUserAgent } from '../profiles/index.js';
import {
  evaluateSegment,
  type ProfileEvent,
  type SegmentLookup,
  type SegmentNode,
  type SegmentSchema,
} from '../segments/index.js';
import type { Warehouse } from '../store/index.js';
import { type PlacementRule, placementSchema, savedTrees } from './rules.js';

/** Who asks: any one identifier (unknown visitors get the rules by context alone). */
export interface Visitor {
  readonly userId?: string | undefined;
  readonly anonymousId?: string | undefined;
  readonly email?: string | undefined;
}

/** The request's context as rules read it. */
export interface DecideContext {
  readonly local_hour: number;
  readonly weekday: string;
  readonly device: string | null;
  readonly is_new: boolean;
  readonly last_viewed_category: string | null;
  readonly country: string | null;
}

/** `GET /v1/decide`'s answer. */
export interface Decision {
  readonly variant: string | null;
  readonly payload: Record<string, unknown> | null;
  readonly reason: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The local hour and weekday in an IANA zone (UTC when the zone is unknown). */
export function localTime(now: Date, zone: string | undefined): { hour: number; weekday: string } {
  let tz = 'UTC';
  if (zone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      tz = zone;
    } catch {}
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hour: 'numeric',
    hourCycle: 'h23',
    weekday: 'long',
  }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const weekday = (parts.find((p) => p.type === 'weekday')?.value ?? 'Sunday').toLowerCase();
  return { hour, weekday: WEEKDAYS.includes(weekday) ? weekday : 'sunday' };
}

/** The device kind of a user agent: mobile, tablet or desktop. */
export function deviceOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const parsed = parseUserAgent(userAgent);
  return parsed.deviceType ?? 'desktop';
}

// What decide needs per placement and database, kept for a minute: parsing rules and reading the trait
// schema on every call would cost more than the decision.
type Compiled = {
  rules: PlacementRule[];
  trees: (SegmentNode | null)[];
  schema: SegmentSchema;
  segments: SegmentLookup;
};
const cache = new WeakMap<Warehouse, Map<string, { at: number; compiled: Compiled }>>();
const TTL_MS = 60_000;

async function compiled(db: Warehouse, name: string, now: number): Promise<Compiled> {
  const byName = cache.get(db) ?? new Map();
  cache.set(db, byName);
  const hit = byName.get(name);
  if (hit && now - hit.at < TTL_MS) return hit.compiled;
  const [row] = await db.all<{ rules: string }>(
    'SELECT CAST(rules AS VARCHAR) AS rules FROM placements WHERE name = ?',
    [name],
  );
  if (!row)
    throw new ClienteleError('CLT_ERR_ACTIVATION_NOT_FOUND', `no placement named '${name}'`, { name });
  const rules = JSON.parse(row.rules) as PlacementRule[];
  const { parseSegment } = await import('../segments/index.js');
  const trees = rules.map((r) => {
    if (r.if === undefined) return null;
    const parsed = parseSegment(r.if);
    return parsed.ok ? parsed.node : null;
  });
  const value = { rules, trees, schema: await placementSchema(db), segments: await savedTrees(db) };
  byName.set(name, { at: now, compiled: value });
  return value;
}

/** Forgets the compiled rules of a placement (after it changed). */
export function forgetCompiled(db: Warehouse, name: string): void {
  cache.get(db)?.delete(name);
}

/**
 * Decides what a visitor sees in a placement: the first rule whose `if` holds over the visitor's profile
 * (columns, traits, scores, events, segments) and the request's context wins; a rule without `if` is the
 * default; a rule naming an experiment shows the visitor's variant in it.
 */
export async function decide(
  db: Warehouse,
  name: string,
  visitor: Visitor,
  context: Omit<DecideContext, 'is_new'>,
  now = new Date(),
): Promise<Decision> {
  const c = await compiled(db, name, now.getTime());
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
      `SELECT s.score, s.value, s.label FROM customer_scores s WHERE s.customer_key = CAST(? AS VARCHAR)
       QUALIFY row_number() OVER (PARTITION BY s.score ORDER BY s.run_id DESC) = 1`,
      [profileId],
    );
    row = { ...stored, profile_id: profileId, traits: { ...traits, ...ctx } };
    for (const s of scores) row[s.score] = s.label ?? s.value;
    const hasEvents = c.trees.some((t) => t !== null && /"kind":"(event|sequence)"/.test(JSON.stringify(t)));
    if (hasEvents)
      events = (
        await db.all<{ event: string | null; ts: string | null; properties: string | null }>(
          `SELECT e.event, strftime(e.ts, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, CAST(e.properties AS VARCHAR) AS properties
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
