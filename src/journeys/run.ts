import { isStale } from '../identity/index.js';
import { param, raw, sql, type Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { advanceJourney, type StepCounts, zeroCounts } from './advance.js';
import { exec, ISO_MICROS, rows } from './db.js';
import { Mailer } from './email.js';
import { enter, fire, type RunnableJourney } from './enter.js';
import { StepLog } from './record.js';
import type { JourneyDefinition } from './schema.js';
import { readSettings } from './store.js';

/** What one `journeys run` did, in total and per journey. */
export interface JourneyRun extends StepCounts {
  entered: number;
  readonly journeys: ({ readonly name: string; entered: number } & StepCounts)[];
  readonly warnings: Warning[];
}

/** How a run is made. */
export interface RunOptions {
  /** Run as of this instant (default now): waits, quiet hours and the cap are read against it. */
  readonly now?: Date;
  /** Only these journeys (default: every active one). */
  readonly names?: readonly string[];
  /** The SMTP server for every e-mail of this run, over the campaigns' own. */
  readonly smtp?: string;
}

/**
 * Advances what is due: each active journey's trigger enters the people it fired for (under the re-entry
 * rule), then everyone due moves on as far as they can now. Every step is logged and recorded on the
 * profile (src/journeys/record.ts). Paused journeys neither enter nor move anyone.
 */
export async function runJourneys(db: Warehouse, options: RunOptions = {}): Promise<JourneyRun> {
  const now = options.now ?? new Date();
  const settings = await readSettings(db);
  const stored = await rows<{
    name: string;
    definition: string;
    watermark: string | null;
    created_at: string;
    run_at: string | null;
  }>(
    db,
    sql`SELECT name, CAST(definition AS VARCHAR) AS definition,
          ${raw(db.dialect.formatTime('watermark', ISO_MICROS))} AS watermark,
          ${raw(db.dialect.formatTime('created_at', ISO_MICROS))} AS created_at,
          ${raw(db.dialect.formatTime('run_at', ISO_MICROS))} AS run_at
        FROM journeys WHERE state = 'active' ORDER BY name`,
  );
  const chosen = options.names?.length ? stored.filter((j) => options.names!.includes(j.name)) : stored;
  const total: JourneyRun = { entered: 0, ...zeroCounts(), journeys: [], warnings: [] };
  if (chosen.length === 0) return total;
  const eventsReady = !(await isStale(db));
  const mailer = new Mailer(options.smtp);
  const log = new StepLog();
  try {
    for (const row of chosen) {
      const definition = JSON.parse(row.definition) as JourneyDefinition;
      const journey: RunnableJourney = {
        name: row.name,
        trigger: definition.trigger,
        // A date comes round every year: by default a person may enter again after most of one.
        reentry: definition.reentry ?? (definition.trigger.kind === 'date' ? { afterDays: 300 } : 'never'),
        timezone: definition.timezone ?? 'UTC',
        watermark: row.watermark,
        createdAt: row.created_at,
        runAt: row.run_at,
      };
      const fired = await fire(db, journey, now, { eventsReady });
      const entered = await enter(db, journey, fired.ids, definition.steps[0]!.id, now);
      for (const id of entered)
        log.add({
          journey: row.name,
          profileId: id,
          step: '(trigger)',
          kind: 'enter',
          outcome: 'entered',
          at: now,
        });
      const counts = zeroCounts();
      await advanceJourney(db, {
        name: row.name,
        definition,
        quietHours: definition.quietHours === undefined ? settings.quietHours : definition.quietHours,
        cap: settings.cap,
        now,
        mailer,
        log,
        counts,
      });
      await exec(
        db,
        sql`UPDATE journeys SET watermark = CAST(${param(fired.watermark)} AS TIMESTAMPTZ), run_at = current_timestamp
            WHERE name = ${param(row.name)}`,
      );
      total.journeys.push({ name: row.name, entered: entered.length, ...counts });
      total.entered += entered.length;
      for (const k of ['advanced', 'sent', 'skipped', 'deferred', 'exited', 'failed'] as const)
        total[k] += counts[k];
      for (const [k, v] of Object.entries(counts.skippedBy))
        total.skippedBy[k as keyof StepCounts['skippedBy']] += v;
      // Each journey's steps are written as it finishes, so a later journey's failure keeps them.
      await log.flush(db);
    }
  } finally {
    mailer.close();
    await log.flush(db);
  }
  if (total.failed)
    total.warnings.push(
      warning(
        'CLT_WARN_DELIVERY_PENDING',
        `${total.failed} e-mails were refused by the SMTP server; those people stay at their step and are tried again in 15 minutes`,
      ),
    );
  if (
    !eventsReady &&
    stored.some((j) => (JSON.parse(j.definition) as JourneyDefinition).trigger.kind === 'event')
  )
    total.warnings.push(
      warning(
        'CLT_WARN_JOURNEY_WAITING',
        'events arrived that are not joined to profiles yet; event triggers look at them once identity catches up',
      ),
    );
  return total;
}
