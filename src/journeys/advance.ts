import { randomUUID } from 'node:crypto';
import type { Cap } from '../campaigns/index.js';
import {
  DEFAULT_AUDIENCE_FIELDS,
  deliveriesFor,
  destinationRow,
  type ProfileEvent,
} from '../destinations/index.js';
import { assertUnreachable } from '../errors/index.js';
import { getExperiment, variantFor } from '../experiments/index.js';
import { enqueue } from '../outbox/index.js';
import { compileExpression } from '../segments/index.js';
import { type Fragment, param, type SqlValue, sql, type Warehouse } from '../store/index.js';
import { exec, inJsonList, jsonRows, rows, unnestJsonList } from './db.js';
import { type Mailer, type SkipReason, sendStepEmails } from './email.js';
import { nextOf } from './graph.js';
import type { StepLog } from './record.js';
import type { JourneyDefinition, QuietHours, Step } from './schema.js';
import { quietUntil, waitUntil, zoneOf } from './time.js';

/** What advancing did, for one journey or summed over all. */
export interface StepCounts {
  advanced: number;
  sent: number;
  skipped: number;
  deferred: number;
  exited: number;
  failed: number;
  skippedBy: Record<SkipReason, number>;
}

/** Counts at zero. */
export const zeroCounts = (): StepCounts => ({
  advanced: 0,
  sent: 0,
  skipped: 0,
  deferred: 0,
  exited: 0,
  failed: 0,
  skippedBy: { noEmail: 0, unsubscribed: 0, bounced: 0, noConsent: 0, capped: 0 },
});

/** What advancing one journey needs. */
export interface AdvanceContext {
  readonly name: string;
  readonly definition: JourneyDefinition;
  readonly quietHours: QuietHours | null;
  readonly cap: Cap | null;
  readonly now: Date;
  readonly mailer: Mailer;
  readonly log: StepLog;
  readonly counts: StepCounts;
}

// Where a person goes: to a step (due at an instant), or out of the journey (null).
type Move = { id: number; step: string | null; due: Date; from: string; outcome?: string };

// A send the SMTP server refused is tried again after this long.
const RETRY_MS = 15 * 60_000;

type Person = { id: number; country: string | null; region: string | null; traits: string | null };

/**
 * Moves everyone due in one journey as far as they can go now: each pass takes every due person one step
 * (people at the same step together: one query for a branch, one SMTP session for an e-mail), until all wait
 * for a later time. The graph has no cycle, so a pass per step is enough.
 */
export async function advanceJourney(db: Warehouse, c: AdvanceContext): Promise<void> {
  const { steps } = c.definition;
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const zoneFallback = c.definition.timezone ?? 'UTC';
  const at = param(c.now.toISOString());
  for (let pass = 0; pass <= steps.length + 1; pass++) {
    const due = await rows<{ id: number; step: string }>(
      db,
      sql`SELECT profile_id AS id, step FROM journey_positions
          WHERE journey = ${param(c.name)} AND status = 'active' AND due_at <= CAST(${at} AS TIMESTAMPTZ)
          ORDER BY profile_id`,
    );
    if (due.length === 0) return;
    const people = await peopleOf(
      db,
      due.map((d) => Number(d.id)),
    );
    const gone = due.filter((d) => !people.has(Number(d.id))).map((d) => Number(d.id));
    // An erased person has no profile: their position goes too.
    if (gone.length)
      await exec(
        db,
        sql`DELETE FROM journey_positions WHERE journey = ${param(c.name)} AND ${inJsonList(db, param(JSON.stringify(gone)), 'BIGINT', 'profile_id')}`,
      );
    const zone = (id: number) => {
      const p = people.get(id)!;
      return zoneOf({ ...p, traits: p.traits ? JSON.parse(p.traits) : null }, zoneFallback);
    };
    const groups = new Map<string, number[]>();
    for (const d of due) {
      if (!people.has(Number(d.id))) continue;
      const list = groups.get(d.step) ?? [];
      list.push(Number(d.id));
      groups.set(d.step, list);
    }
    const moves: Move[] = [];
    for (const [stepId, ids] of groups) {
      const i = index.get(stepId);
      if (i === undefined) {
        // The step is gone from the definition (an update moves people off removed steps, so only by hand): leave.
        for (const id of ids) moves.push({ id, step: null, due: c.now, from: stepId, outcome: 'lost' });
        continue;
      }
      moves.push(...(await take(db, c, steps[i]!, nextOf(steps, i), ids, zone)));
    }
    await apply(db, c, moves);
  }
}

async function peopleOf(db: Warehouse, ids: readonly number[]): Promise<Map<number, Person>> {
  const found = await rows<Person>(
    db,
    sql`SELECT profile_id AS id, country, region, CAST(traits AS VARCHAR) AS traits FROM profiles
        WHERE ${inJsonList(db, param(JSON.stringify(ids)), 'BIGINT', 'profile_id')}`,
  );
  return new Map(found.map((p) => [Number(p.id), p]));
}

// One step for everyone at it: where each goes next, with the step logged.
async function take(
  db: Warehouse,
  c: AdvanceContext,
  s: Step,
  following: string | null,
  ids: number[],
  zone: (id: number) => string,
): Promise<Move[]> {
  const log = (id: number, outcome: string, detail?: string | null) =>
    c.log.add({
      journey: c.name,
      profileId: id,
      step: s.id,
      kind: s.kind,
      outcome,
      detail: detail ?? null,
      at: c.now,
    });
  const moves: Move[] = [];
  const go = (id: number, step: string | null, due = c.now) => moves.push({ id, step, due, from: s.id });
  c.counts.advanced += s.kind === 'email' || s.kind === 'destination' ? 0 : ids.length;
  switch (s.kind) {
    case 'wait':
      for (const id of ids) {
        const at = waitUntil(c.now, s, zone(id));
        log(id, 'waiting', at.toISOString());
        go(id, following, at);
      }
      return moves;
    case 'branch': {
      if (s.experiment !== undefined) {
        const variants = await variantsOf(db, s.experiment, ids, c.now);
        for (const id of ids) {
          const v = variants.get(id)!;
          const target = s.variants?.[v] ?? s.else ?? following;
          log(id, `variant:${v}`, target);
          go(id, target);
        }
        return moves;
      }
      const compiled = await compileExpression(db, s.if!);
      const inside: Fragment = { text: compiled.sql, params: compiled.params as SqlValue[] };
      const holds = new Set(
        (
          await rows<{ id: number }>(
            db,
            sql`SELECT c.profile_id AS id FROM (${inside}) c
                WHERE ${inJsonList(db, param(JSON.stringify(ids)), 'BIGINT', 'c.profile_id')}`,
          )
        ).map((r) => Number(r.id)),
      );
      for (const id of ids) {
        const yes = holds.has(id);
        const target = yes ? s.goto! : (s.else ?? following);
        log(id, yes ? 'goto' : 'else', target);
        go(id, target);
      }
      return moves;
    }
    case 'tag': {
      const list = param(JSON.stringify(ids));
      const at = param(c.now.toISOString());
      if (s.add !== undefined)
        await exec(
          db,
          sql`INSERT INTO profile_tags (profile_id, tag, added_at, source)
              SELECT r.id, ${param(s.add)}, CAST(${at} AS TIMESTAMPTZ), ${param(`journey:${c.name}`)}
              FROM (SELECT ${unnestJsonList(db, list, 'BIGINT')} AS id) r
              ON CONFLICT DO NOTHING`,
        );
      else
        await exec(
          db,
          sql`DELETE FROM profile_tags WHERE tag = ${param(s.remove!)} AND ${inJsonList(db, list, 'BIGINT', 'profile_id')}`,
        );
      for (const id of ids) {
        log(id, s.add !== undefined ? 'added' : 'removed', s.add ?? s.remove);
        go(id, following);
      }
      return moves;
    }
    case 'exit':
      for (const id of ids) moves.push({ id, step: null, due: c.now, from: s.id, outcome: 'exited' });
      return moves;
    case 'email':
    case 'destination': {
      // Quiet hours in the person's clock hold a send until they end; the person stays at the step.
      const now: number[] = [];
      for (const id of ids) {
        const until = quietUntil(c.now, c.quietHours, zone(id));
        if (until) {
          c.counts.deferred++;
          log(id, 'deferred', until.toISOString());
          go(id, s.id, until);
        } else now.push(id);
      }
      if (now.length === 0) return moves;
      c.counts.advanced += now.length;
      if (s.kind === 'destination') {
        const sent = await sendToDestination(db, c, s.destination, s.id, now);
        for (const id of now) {
          if (sent.has(id)) {
            c.counts.sent++;
            log(id, 'sent', s.destination);
          }
          go(id, following);
        }
        return moves;
      }
      const outcomes = await sendStepEmails(db, {
        campaign: s.campaign,
        journey: c.name,
        step: s.id,
        ids: now,
        now: c.now,
        cap: c.cap,
        mailer: c.mailer,
      });
      for (const o of outcomes) {
        if (o.status === 'sent') {
          c.counts.sent++;
          log(o.id, 'sent', o.trackingId);
          go(o.id, following);
        } else if (o.status === 'skipped') {
          c.counts.skipped++;
          c.counts.skippedBy[o.reason]++;
          log(o.id, `skipped:${o.reason}`);
          go(o.id, following);
        } else if (o.status === 'failed') {
          c.counts.failed++;
          log(o.id, 'failed', o.error.slice(0, 500));
          go(o.id, s.id, new Date(c.now.getTime() + RETRY_MS));
        } else moves.push({ id: o.id, step: null, due: c.now, from: s.id, outcome: 'gone' });
      }
      return moves;
    }
    default:
      return assertUnreachable(s);
  }
}

// The person's variant: kept from an earlier assignment, else drawn by hash and recorded now, so that the
// experiment's report counts them from this moment (intention to treat).
async function variantsOf(
  db: Warehouse,
  experiment: string,
  ids: number[],
  now: Date,
): Promise<Map<number, string>> {
  const e = await getExperiment(db, experiment);
  const stored = await rows<{ id: number; variant: string }>(
    db,
    sql`SELECT profile_id AS id, variant FROM experiment_assignments WHERE experiment = ${param(experiment)}
        AND ${inJsonList(db, param(JSON.stringify(ids)), 'BIGINT', 'profile_id')}`,
  );
  const out = new Map(stored.map((r) => [Number(r.id), r.variant]));
  const fresh = ids.filter((id) => !out.has(id)).map((id) => ({ id, variant: variantFor(e, id) }));
  for (const f of fresh) out.set(f.id, f.variant);
  const at = param(now.toISOString());
  if (fresh.length)
    await exec(
      db,
      sql`INSERT INTO experiment_assignments
          SELECT ${param(experiment)}, r.id, r.variant, CAST(${at} AS TIMESTAMPTZ)
          FROM ${jsonRows(db, param(JSON.stringify(fresh)), { id: 'BIGINT', variant: 'VARCHAR' }, 'r')}`,
    );
  return out;
}

// A `journey.step` message per person through the outbox (delivered by the next flush, at least once).
async function sendToDestination(
  db: Warehouse,
  c: AdvanceContext,
  name: string,
  step: string,
  ids: number[],
): Promise<Set<number>> {
  const destination = await destinationRow(db, name);
  const found = await rows<{ id: number; customer_id: string | null; row: string }>(
    db,
    sql`SELECT p.profile_id AS id, p.customer_ids[1] AS customer_id, CAST(to_json(p) AS VARCHAR) AS row FROM profiles p
        WHERE ${inJsonList(db, param(JSON.stringify(ids)), 'BIGINT', 'p.profile_id')} ORDER BY p.profile_id`,
  );
  const events = found.map((r) => {
    const row = JSON.parse(r.row) as Record<string, unknown>;
    const traits: Record<string, unknown> = {};
    for (const f of DEFAULT_AUDIENCE_FIELDS) traits[f] = row[f] ?? null;
    const event = {
      type: 'journey.step',
      journey: c.name,
      step,
      profile: { id: Number(r.id), customerId: r.customer_id, traits },
      at: c.now.toISOString(),
    };
    return event as ProfileEvent;
  });
  await enqueue(
    db,
    deliveriesFor(destination, `journey:${c.name}`, events, () => randomUUID()).map((p) => p.delivery),
  );
  return new Set(found.map((r) => Number(r.id)));
}

async function apply(db: Warehouse, c: AdvanceContext, moves: readonly Move[]): Promise<void> {
  const staying = moves.filter((m) => m.step !== null);
  const leaving = moves.filter((m) => m.step === null);
  for (const m of leaving) {
    if (m.outcome === 'gone') continue;
    c.counts.exited++;
    c.log.add({
      journey: c.name,
      profileId: m.id,
      step: m.from,
      kind: 'exit',
      outcome: m.outcome ?? 'completed',
      at: c.now,
    });
  }
  const moved = param(
    JSON.stringify(staying.map((m) => ({ id: m.id, step: m.step, due: m.due.toISOString() }))),
  );
  const left = param(JSON.stringify(leaving.map((m) => m.id)));
  const at = param(c.now.toISOString());
  await db.transaction(async (tx) => {
    if (staying.length)
      await exec(
        tx,
        sql`UPDATE journey_positions SET step = r.step, due_at = CAST(r.due AS TIMESTAMPTZ)
            FROM ${jsonRows(db, moved, { id: 'BIGINT', step: 'VARCHAR', due: 'VARCHAR' }, 'r')}
            WHERE journey_positions.journey = ${param(c.name)} AND journey_positions.profile_id = r.id`,
      );
    if (leaving.length)
      await exec(
        tx,
        sql`UPDATE journey_positions SET step = NULL, status = 'done', due_at = NULL,
              exited_at = CAST(${at} AS TIMESTAMPTZ)
            WHERE journey = ${param(c.name)} AND ${inJsonList(db, left, 'BIGINT', 'profile_id')}`,
      );
  });
}
