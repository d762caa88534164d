/**
 * Schedules: a task run every so often by `clientele serve` (or `clientele schedule run-due` from cron). Each
 * run is recorded with its outcome; a failing task is recorded and tried again when next due.
 */
import { ClienteleError } from '../../errors/index.js';
import { exclusively, type RepeatingTask, repeatInScope, type Warehouse } from '../../store/index.js';
import { parseInterval } from '../duration.js';
import { checkTask, TASKS } from './tasks.js';

/** Shorter intervals would keep the database busy with upkeep. */
export const MIN_INTERVAL_SECONDS = 60;

export interface Schedule {
  task: string;
  everySeconds: number;
  lastRunAt: string | null;
  nextRunAt: string;
}

export interface ScheduleRun {
  task: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  detail: unknown;
}

export async function setSchedule(db: Warehouse, task: string, every: string): Promise<Schedule> {
  checkTask(task);
  const seconds = parseInterval(every);
  if (seconds < MIN_INTERVAL_SECONDS) {
    throw new ClienteleError(
      'CLT_ERR_SCHEDULE_BAD_INTERVAL',
      `every ${every} is under one minute; the shortest interval is ${MIN_INTERVAL_SECONDS} s`,
      { option: 'every' },
    );
  }
  await db.run(
    `INSERT INTO schedules (task, every_seconds) VALUES (?, ?)
     ON CONFLICT (task) DO UPDATE SET every_seconds = excluded.every_seconds`,
    [task, Math.round(seconds)],
  );
  return (await listSchedules(db)).find((s) => s.task === task)!;
}

export async function listSchedules(db: Warehouse): Promise<Schedule[]> {
  const utc = (e: string) => db.dialect.formatTime(`(${e}) AT TIME ZONE 'UTC'`, '%Y-%m-%dT%H:%M:%SZ');
  const rows = await db.all<{ task: string; every: bigint; last: string | null; next: string }>(
    `SELECT task, every_seconds::BIGINT AS every, ${utc('last_run_at')} AS last,
       ${utc(`coalesce(last_run_at + ${db.dialect.seconds('every_seconds')}, created_at)`)} AS next
     FROM schedules ORDER BY task`,
  );
  return rows.map((r) => ({
    task: r.task,
    everySeconds: Number(r.every),
    lastRunAt: r.last,
    nextRunAt: r.next,
  }));
}

export async function deleteSchedule(db: Warehouse, task: string): Promise<{ task: string; deleted: true }> {
  const found = await db.all('SELECT 1 FROM schedules WHERE task = ?', [task]);
  if (!found.length) throw new ClienteleError('CLT_ERR_SCHEDULE_NOT_FOUND', `no schedule for ${task}`);
  await db.run('DELETE FROM schedules WHERE task = ?', [task]);
  return { task, deleted: true };
}

/** Runs every task that is due (never run, or its interval has passed), one after another; records each. */
export async function runDue(db: Warehouse, now = new Date()): Promise<ScheduleRun[]> {
  const due = await db.all<{ task: string }>(
    `SELECT task FROM schedules
     WHERE last_run_at IS NULL OR last_run_at + ${db.dialect.seconds('every_seconds')} <= CAST(? AS TIMESTAMPTZ) ORDER BY task`,
    [now.toISOString()],
  );
  const runs: ScheduleRun[] = [];
  for (const { task } of due) {
    const started = new Date();
    let ok = true;
    let detail: unknown;
    try {
      detail = await TASKS[task]!(db);
    } catch (error) {
      ok = false;
      detail = { error: error instanceof Error ? error.message : String(error) };
    }
    const finished = new Date();
    await db.run(
      'INSERT INTO schedule_runs (task, started_at, finished_at, ok, detail) VALUES (?, ?, ?, ?, ?)',
      [task, started, finished, ok, JSON.stringify(detail ?? null)],
    );
    await db.run('UPDATE schedules SET last_run_at = ? WHERE task = ?', [started, task]);
    runs.push({ task, startedAt: started.toISOString(), finishedAt: finished.toISOString(), ok, detail });
  }
  return runs;
}

export async function listScheduleRuns(db: Warehouse, limit = 100): Promise<ScheduleRun[]> {
  const utc = (e: string) => db.dialect.formatTime(`(${e}) AT TIME ZONE 'UTC'`, '%Y-%m-%dT%H:%M:%SZ');
  const rows = await db.all<{ task: string; s: string; f: string; ok: boolean; detail: string | null }>(
    `SELECT task, ${utc('started_at')} AS s,
       ${utc('finished_at')} AS f, ok, CAST(detail AS VARCHAR) AS detail
     FROM schedule_runs ORDER BY started_at DESC LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    task: r.task,
    startedAt: r.s,
    finishedAt: r.f,
    ok: r.ok,
    detail: r.detail ? JSON.parse(r.detail) : null,
  }));
}

/**
 * Runs what is due every `checkSeconds` while a server holds the database; one pass at a time. Errors are
 * recorded per task by `runDue`; anything else is passed to `onError`.
 */
export function startScheduler(
  db: Warehouse,
  onError: (error: unknown) => void,
  checkSeconds = 30,
): RepeatingTask {
  // Several servers on one PostgreSQL database: one of them runs what is due at a time (src/store/lease.ts).
  return repeatInScope(
    'the scheduled tasks',
    checkSeconds,
    () => exclusively(db, 'schedules', () => runDue(db)),
    onError,
  );
}
