import { randomUUID } from 'node:crypto';
import { param, sql, type Warehouse } from '../store/index.js';
import { exec, inJsonList, jsonRows, rows } from './db.js';

/** One step a person took (or was held at), as logged. */
export interface StepTaken {
  readonly journey: string;
  readonly profileId: number;
  readonly step: string;
  /** `enter`, a step kind (`wait`, `email` …) or `exit`. */
  readonly kind: string;
  /** `entered`, `waiting`, `sent`, `skipped:capped`, `deferred`, `exited` … */
  readonly outcome: string;
  readonly detail?: string | null;
  readonly at: Date;
}

// Segment-spec track names for the steps, so that the profile's timeline and `did '…'` rules read them.
const EVENT_NAMES: Readonly<Record<string, string>> = {
  enter: 'Journey Entered',
  exit: 'Journey Exited',
};

/**
 * Collects the steps of one run and writes them once: to `journey_steps` (the journey's own log) and, except
 * e-mails (which are `messages` rows already), as `track` events of an import of their own carrying the
 * person's customer id and e-mail, so identity joins them to the profile and they feed the models
 * (`did 'Journey Step' with (journey = 'winback')`).
 */
export class StepLog {
  readonly #taken: StepTaken[] = [];

  add(step: StepTaken): void {
    this.#taken.push(step);
  }

  get size(): number {
    return this.#taken.length;
  }

  async flush(db: Warehouse): Promise<void> {
    const taken = this.#taken.splice(0);
    if (taken.length === 0) return;
    const log = taken.map((t) => ({
      journey: t.journey,
      profile_id: t.profileId,
      step: t.step,
      kind: t.kind,
      outcome: t.outcome,
      detail: t.detail ?? null,
      at: t.at.toISOString(),
    }));
    const events = taken.filter((t) => t.kind !== 'email' || !t.outcome.startsWith('sent'));
    const ids = [...new Set(events.map((t) => t.profileId))];
    const who = new Map(
      (
        await rows<{ id: number; customer_id: string | null; email: string | null }>(
          db,
          sql`SELECT profile_id AS id, customer_ids[1] AS customer_id, email FROM profiles
              WHERE ${inJsonList(db, param(JSON.stringify(ids)), 'BIGINT', 'profile_id')}`,
        )
      ).map((r) => [Number(r.id), r]),
    );
    const eventRows = events.flatMap((t) => {
      const p = who.get(t.profileId);
      // A person with neither a customer id nor an e-mail cannot be joined back: the journey log keeps it.
      if (!p || (!p.customer_id && !p.email)) return [];
      const id = randomUUID();
      return [
        {
          message_id: id,
          event: EVENT_NAMES[t.kind] ?? 'Journey Step',
          user_id: p.customer_id,
          email: p.customer_id ? null : p.email,
          ts: t.at.toISOString(),
          properties: JSON.stringify({
            journey: t.journey,
            step: t.step,
            kind: t.kind,
            outcome: t.outcome,
            ...(t.detail ? { detail: t.detail } : {}),
          }),
        },
      ];
    });
    await db.transaction(async (tx) => {
      await exec(
        tx,
        sql`INSERT INTO journey_steps
            SELECT r.journey, r.profile_id, r.step, r.kind, r.outcome, r.detail, CAST(r.at AS TIMESTAMPTZ)
            FROM ${jsonRows(db, param(JSON.stringify(log)), { journey: 'VARCHAR', profile_id: 'BIGINT', step: 'VARCHAR', kind: 'VARCHAR', outcome: 'VARCHAR', detail: 'VARCHAR', at: 'VARCHAR' }, 'r')}`,
      );
      if (eventRows.length === 0) return;
      const [next] = await rows<{ id: number }>(tx, sql`SELECT nextval('import_ids') AS id`);
      const importId = Number(next?.id ?? 1);
      await exec(
        tx,
        sql`INSERT INTO imports (import_id, kind, file, file_sha256, file_bytes, format, started_at, finished_at,
              rows_read, rows_accepted, rows_rejected, rows_duplicate, rows_updated, seconds)
            VALUES (${param(importId)}, 'events', 'journeys', '', 0, 'journey', current_timestamp, current_timestamp,
              ${param(eventRows.length)}, ${param(eventRows.length)}, 0, 0, 0, 0)`,
      );
      await exec(
        tx,
        sql`INSERT INTO events (message_id, type, event, user_id, email, ts, properties, channel, row_key, row_hash, import_id, source_row)
            SELECT r.message_id, 'track', r.event, r.user_id, r.email, CAST(r.ts AS TIMESTAMPTZ), CAST(r.properties AS JSON),
              'journey', 'journey:' || r.message_id, r.message_id, ${param(importId)}, row_number() OVER ()
            FROM ${jsonRows(db, param(JSON.stringify(eventRows)), { message_id: 'VARCHAR', event: 'VARCHAR', user_id: 'VARCHAR', email: 'VARCHAR', ts: 'VARCHAR', properties: 'VARCHAR' }, 'r')}`,
      );
    });
  }
}
