import { assertUnreachable } from '../errors/index.js';
import { compileExpression, evaluateSegment, type ProfileEvent } from '../segments/index.js';
import { construct, type Fragment, param, raw, type SqlValue, sql, type Warehouse } from '../store/index.js';
import { exec, ISO_MICROS, inJsonList, rows, unnestJsonList } from './db.js';
import type { Reentry, Trigger } from './schema.js';
import { localTime, zoneOf } from './time.js';
import { parseEventFilters } from './validate.js';

/** A journey as the runner sees it. */
export interface RunnableJourney {
  readonly name: string;
  readonly trigger: Trigger;
  readonly reentry: Reentry;
  readonly timezone: string;
  readonly watermark: string | null;
  readonly createdAt: string;
  /** Null before the first run. */
  readonly runAt: string | null;
}

/** Who the trigger fires for now, and where the trigger's watermark moves to. */
export interface Fired {
  readonly ids: number[];
  readonly watermark: string | null;
}

const ids = (list: readonly { id: number }[]) => [...new Set(list.map((r) => Number(r.id)))];

/** The people the trigger fires for since the last run (never erased people: they have no profile). */
export async function fire(
  db: Warehouse,
  j: RunnableJourney,
  now: Date,
  options: { readonly eventsReady: boolean },
): Promise<Fired> {
  const t = j.trigger;
  const since = j.watermark ?? j.createdAt;
  switch (t.kind) {
    case 'segment': {
      const exit = t.on === 'exit';
      const all = !exit && t.existing === true && j.runAt === null;
      const column = raw(exit ? 'exited_at' : 'entered_at');
      const found = await rows<{ id: number }>(
        db,
        sql`SELECT m.profile_id AS id FROM segment_membership m JOIN profiles p USING (profile_id)
            WHERE m.segment = ${param(t.segment)}
              AND ${all ? raw('m.exited_at IS NULL') : exit ? sql`m.exited_at > CAST(${param(since)} AS TIMESTAMPTZ)` : sql`m.entered_at > CAST(${param(since)} AS TIMESTAMPTZ) AND m.exited_at IS NULL`}
            ORDER BY m.profile_id`,
      );
      const [mark] = await rows<{ at: string | null }>(
        db,
        sql`SELECT ${construct((c) => db.dialect.formatTime(`max(${c})`, ISO_MICROS), column)} AS at FROM segment_membership WHERE segment = ${param(t.segment)}`,
      );
      return { ids: ids(found), watermark: latest(since, mark?.at ?? null) };
    }
    case 'event': {
      // Events join their profile at the next resolution; until then the watermark waits for them.
      if (!options.eventsReady) return { ids: [], watermark: j.watermark };
      const filters = parseEventFilters(t.where);
      const found = await rows<{ profile_id: number; event: string; properties: string | null }>(
        db,
        sql`SELECT rp.profile_id, e.event, CAST(e.properties AS VARCHAR) AS properties
            FROM events e JOIN record_profiles rp ON rp.record_table = 'events' AND rp.row_key = e.row_key
            WHERE e.event = ${param(t.event)} AND e.imported_at > CAST(${param(since)} AS TIMESTAMPTZ)`,
      );
      const [mark] = await rows<{ at: string | null }>(
        db,
        sql`SELECT ${raw(db.dialect.formatTime('max(imported_at)', ISO_MICROS))} AS at FROM events`,
      );
      if (found.length === 0 || typeof filters === 'string')
        return { ids: [], watermark: latest(since, mark?.at ?? null) };
      const events: ProfileEvent[] = found.map((e) => ({
        profile_id: Number(e.profile_id),
        event: e.event,
        ts: null,
        properties: e.properties ? (JSON.parse(e.properties) as Record<string, unknown>) : null,
      }));
      const people = [...new Set(events.map((e) => e.profile_id))].map((profile_id) => ({ profile_id }));
      const matched = evaluateSegment(
        { kind: 'event', did: true, event: t.event, times: 1, where: filters },
        people,
        events,
        { schema: { columns: {}, traits: {}, scores: {} }, now },
      );
      return { ids: [...matched].sort((a, b) => a - b), watermark: latest(since, mark?.at ?? null) };
    }
    case 'date': {
      const offset = t.offsetDays ?? 0;
      const value: Fragment =
        t.field === 'birth_date'
          ? raw('p.birth_date')
          : construct(
              (k) => db.dialect.tryDate(db.dialect.jsonTextAt('p.traits', k)),
              param(db.dialect.jsonKeyParam(t.field)),
            );
      // The day (month and day) of the value shifted by the offset.
      const day = construct(
        (v, o) => db.dialect.formatTime(`${v} + ${db.dialect.daysInterval(o)}`, '%m-%d'),
        value,
        param(offset),
      );
      // Those whose day (shifted by the offset) is yesterday, today or tomorrow in UTC; their own zone decides.
      const days = [-1, 0, 1].map((d) => monthDay(new Date(now.getTime() + d * 86_400_000)));
      const found = await rows<{
        id: number;
        day: string;
        country: string | null;
        region: string | null;
        traits: string | null;
      }>(
        db,
        sql`SELECT p.profile_id AS id, ${day} AS day,
              p.country, p.region, CAST(p.traits AS VARCHAR) AS traits
            FROM profiles p
            WHERE ${construct((l, d) => db.dialect.listContains(db.dialect.jsonList(l, 'VARCHAR'), d), param(JSON.stringify(days)), day)}
            ORDER BY p.profile_id`,
      );
      const hits = found.filter((r) => {
        const zone = zoneOf({ ...r, traits: r.traits ? JSON.parse(r.traits) : null }, j.timezone);
        const l = localTime(now, zone);
        // 29 February is celebrated on the 28th in other years.
        const today = `${pad(l.month)}-${pad(l.day)}`;
        return r.day === today || (r.day === '02-29' && today === '02-28' && !leap(l.year));
      });
      return { ids: ids(hits), watermark: now.toISOString() };
    }
    case 'score': {
      // A crossing: inside the threshold now and not at the last look (journey_marks holds who was).
      const expression = t.above !== undefined ? `${t.score} > ${t.above}` : `${t.score} < ${t.below}`;
      const compiled = await compileExpression(db, expression);
      const inside: Fragment = { text: compiled.sql, params: compiled.params as SqlValue[] };
      const crossed = await rows<{ id: number }>(
        db,
        sql`SELECT c.profile_id AS id FROM (${inside}) c
            WHERE c.profile_id NOT IN (SELECT profile_id FROM journey_marks WHERE journey = ${param(j.name)})
            ORDER BY c.profile_id`,
      );
      await db.transaction(async (tx) => {
        await exec(tx, sql`DELETE FROM journey_marks WHERE journey = ${param(j.name)}`);
        await exec(
          tx,
          sql`INSERT INTO journey_marks SELECT ${param(j.name)}, c.profile_id FROM (${inside}) c`,
        );
      });
      // The first look only learns who is already past the threshold: they did not cross it.
      return { ids: j.runAt === null ? [] : ids(crossed), watermark: now.toISOString() };
    }
    default:
      return assertUnreachable(t);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDay = (d: Date) => `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const latest = (a: string, b: string | null) => (b !== null && Date.parse(b) > Date.parse(a) ? b : a);

/**
 * Enters the fired people who may enter under the re-entry rule: not while in the journey; after leaving,
 * `never` (the default) keeps them out, `always` lets them in, `{afterDays}` once that long has passed since
 * they last entered. Returns who entered.
 */
export async function enter(
  db: Warehouse,
  j: RunnableJourney,
  fired: readonly number[],
  firstStep: string,
  now: Date,
): Promise<number[]> {
  if (fired.length === 0) return [];
  const positions = await rows<{ id: number; status: string; entered_at: string }>(
    db,
    sql`SELECT profile_id AS id, status, ${raw(db.dialect.formatTime('entered_at', ISO_MICROS))} AS entered_at
        FROM journey_positions WHERE journey = ${param(j.name)}
          AND ${inJsonList(db, param(JSON.stringify(fired)), 'BIGINT', 'profile_id')}`,
  );
  const known = new Map(positions.map((p) => [Number(p.id), p]));
  const entering = fired.filter((id) => {
    const p = known.get(id);
    if (!p) return true;
    if (p.status === 'active') return false;
    const r = j.reentry;
    if (r === 'never') return false;
    if (r === 'always') return true;
    return now.getTime() - Date.parse(p.entered_at) >= r.afterDays * 86_400_000;
  });
  if (entering.length === 0) return [];
  const list = param(JSON.stringify(entering));
  const at = param(now.toISOString());
  // Each position records the version of the definition its step belongs to (src/journeys/update.ts).
  const version = sql`(SELECT version FROM journeys WHERE name = ${param(j.name)})`;
  await db.transaction(async (tx) => {
    await exec(
      tx,
      sql`UPDATE journey_positions SET step = ${param(firstStep)}, status = 'active', due_at = CAST(${at} AS TIMESTAMPTZ),
            entered_at = CAST(${at} AS TIMESTAMPTZ), exited_at = NULL, entries = entries + 1, version = ${version}
          WHERE journey = ${param(j.name)} AND ${inJsonList(db, list, 'BIGINT', 'profile_id')}`,
    );
    await exec(
      tx,
      sql`INSERT INTO journey_positions (journey, profile_id, step, status, due_at, entered_at, entries, version)
          SELECT ${param(j.name)}, r.id, ${param(firstStep)}, 'active', CAST(${at} AS TIMESTAMPTZ), CAST(${at} AS TIMESTAMPTZ), 1, ${version}
          FROM (SELECT ${unnestJsonList(db, list, 'BIGINT')} AS id) r
          WHERE r.id NOT IN (SELECT profile_id FROM journey_positions WHERE journey = ${param(j.name)})`,
    );
  });
  return entering;
}
