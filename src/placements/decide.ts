import { ClienteleError } from '../errors/index.js';
import { variantFor } from '../experiments/assign.js';
import { getExperiment } from '../experiments/store.js';
import { phrase } from '../i18n/phrase.js';
import { titleEn, titlePhrase } from '../i18n/titles.js';
import { parseUserAgent } from '../profiles/index.js';
import {
  evaluateSegment,
  type ProfileEvent,
  resolveField,
  type SegmentLookup,
  type SegmentNode,
  type SegmentSchema,
} from '../segments/index.js';
import type { Warehouse } from '../store/index.js';
import { currentState, decisionIndex, type IndexState, type Needs } from './facts.js';
import { CONTEXT_FIELDS, type PlacementRule, placementSchema, savedTrees } from './rules.js';

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

// What decide needs per placement: the parsed rules, the schema and saved rules they read, and which facts
// of a person they need (src/placements/facts.ts). Compiled once per placement and saved segments'
// definitions, and at least once a minute (a placement saved in this process is forgotten at once).
type Compiled = {
  rules: PlacementRule[];
  trees: (SegmentNode | null)[];
  schema: SegmentSchema;
  segments: SegmentLookup;
  needs: Needs;
  events: boolean;
};
const cache = new WeakMap<Warehouse, Map<string, { at: number; state: string; compiled: Compiled }>>();
const TTL_MS = 60_000;

async function compiled(db: Warehouse, name: string, now: number, state: IndexState): Promise<Compiled> {
  const byName = cache.get(db) ?? new Map();
  cache.set(db, byName);
  const key = state.definitions;
  const hit = byName.get(name);
  if (hit && now - hit.at < TTL_MS && hit.state === key) return hit.compiled;
  const [row] = await db.all<{ rules: string }>(
    'SELECT CAST(rules AS VARCHAR) AS rules FROM placements WHERE name = ?',
    [name],
  );
  if (!row)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_NOT_FOUND',
      `no placement named “${titleEn(name)}”`,
      { name },
      phrase('error.noPlacement', { name: titlePhrase(name) }),
    );
  const rules = JSON.parse(row.rules) as PlacementRule[];
  const { parseSegment } = await import('../segments/index.js');
  const trees = rules.map((r) => {
    if (r.if === undefined) return null;
    const parsed = parseSegment(r.if);
    return parsed.ok ? parsed.node : null;
  });
  const schema = await placementSchema(db);
  const segments = await savedTrees(db);
  const value = {
    rules,
    trees,
    schema,
    segments,
    needs: needsOf(trees, schema, segments),
    // Only the rules' own event conditions read events (a saved rule they name is evaluated without them).
    events: trees.some((t) => t !== null && /"kind":"(event|sequence)"/.test(JSON.stringify(t))),
  };
  byName.set(name, { at: now, state: key, compiled: value });
  return value;
}

/** Forgets the compiled rules of a placement (after it changed). */
export function forgetCompiled(db: Warehouse, name: string): void {
  cache.get(db)?.delete(name);
}

/**
 * Decides what a visitor sees in a placement: the first rule whose `if` holds over the visitor's profile
 * (columns, traits, scores, events, segments) and the request's context wins; a rule without `if` is the
 * default; a rule naming an experiment shows the visitor's variant in it. The person's facts come from the
 * in-memory decision index (src/placements/facts.ts), brought up to the data's state first; only rules with
 * their own event conditions read the person's events from the database.
 */
export async function decide(
  db: Warehouse,
  name: string,
  visitor: Visitor,
  context: Omit<DecideContext, 'is_new'>,
  now = new Date(),
): Promise<Decision> {
  const state = await currentState(db);
  const c = await compiled(db, name, now.getTime(), state);
  const index = decisionIndex(db);
  await index.ensure(state, c.needs);
  const identifier = visitor.userId ?? visitor.email ?? visitor.anonymousId;
  const profileId = identifier ? await index.find(identifier) : null;
  const ctx: DecideContext = { ...context, is_new: profileId === null };
  let row: Record<string, unknown> & { profile_id: number } = { profile_id: -1, traits: ctx };
  let events: ProfileEvent[] = [];
  if (profileId !== null) {
    row = {
      ...index.fields(profileId, c.needs),
      profile_id: profileId,
      traits: { ...index.traits(profileId, c.needs), ...ctx },
    };
    if (c.events)
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
  const members = (segment: string) => index.listMembers(segment);
  for (const [i, rule] of c.rules.entries()) {
    const tree = c.trees[i] ?? null;
    if (tree !== null) {
      const holds = evaluateSegment(tree, [row], events, {
        schema: c.schema,
        segments: c.segments,
        members,
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

/**
 * The facts of a person the rules read: row fields (profile columns and scores), trait keys other than the
 * request's context (which always overrides them), and the list segments they name, following the saved
 * rules they name as evaluation does.
 */
export function needsOf(
  trees: readonly (SegmentNode | null)[],
  schema: SegmentSchema,
  segments: SegmentLookup,
): Needs {
  const fields = new Map<string, 'number' | 'string' | 'boolean'>();
  const traits = new Set<string>();
  const lists = new Set<string>();
  const seen = new Set<string>();
  const walk = (node: SegmentNode): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        for (const child of node.children) walk(child);
        return;
      case 'not':
        walk(node.child);
        return;
      case 'compare': {
        const field = resolveField(schema, node.field);
        if (field === undefined) return;
        if (field.source === 'trait') {
          if (!Object.hasOwn(CONTEXT_FIELDS, field.name)) traits.add(field.name);
        } else fields.set(field.name, field.type);
        return;
      }
      case 'in_segment': {
        if (seen.has(node.segment)) return;
        seen.add(node.segment);
        const other = segments(node.segment);
        if (other === 'list') lists.add(node.segment);
        else if (other !== undefined) walk(other);
        return;
      }
      default:
        return;
    }
  };
  for (const tree of trees) if (tree !== null) walk(tree);
  return { fields, traits, lists };
}
