import type { Command } from 'commander';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele schedule`: tasks `clientele serve` runs when due, and their recorded runs. */
export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('run resolve, segments, audit or a model every so often while `clientele serve` runs');
  schedule
    .command('set <task>')
    .description('schedule a task: resolve, segments, audit, model:rfm, model:value, model:clv, model:churn')
    .requiredOption('--every <duration>', 'how often: 15m, 6h, 1d (at least one minute)')
    .action(async (task: string, o: { every: string }, command: Command) => {
      const { setSchedule } = await import('../../housekeeping/index.js');
      const s = await withWarehouse(command, (db) => setSchedule(db, task, o.every), { current: false });
      report(command, s, () => `${s.task} every ${s.everySeconds} s; next run ${s.nextRunAt}`);
    });
  schedule
    .command('list')
    .description('the scheduled tasks with their last and next run')
    .action(async (_o: unknown, command: Command) => {
      const { listSchedules } = await import('../../housekeeping/index.js');
      const schedules = await withWarehouse(command, (db) => listSchedules(db), { current: false });
      report(command, { schedules }, () =>
        schedules.length
          ? table(
              ['task', 'every (s)', 'last run', 'next run'],
              schedules.map((s) => [s.task, s.everySeconds, s.lastRunAt ?? 'never', s.nextRunAt]),
            )
          : 'no schedules',
      );
    });
  schedule
    .command('delete <task>')
    .description('stop running a task')
    .action(async (task: string, _o: unknown, command: Command) => {
      const { deleteSchedule } = await import('../../housekeeping/index.js');
      const r = await withWarehouse(command, (db) => deleteSchedule(db, task), { current: false });
      report(command, r, () => `${r.task}: no longer scheduled`);
    });
  schedule
    .command('run-due')
    .description('run the tasks that are due now, once (what `clientele serve` does every 30 s; for cron)')
    .action(async (_o: unknown, command: Command) => {
      const { runDue } = await import('../../housekeeping/index.js');
      const runs = await withWarehouse(command, (db) => runDue(db), { current: false });
      report(command, { runs }, () =>
        runs.length
          ? table(
              ['task', 'ok', 'started', 'finished'],
              runs.map((r) => [r.task, r.ok, r.startedAt, r.finishedAt]),
            )
          : 'nothing due',
      );
    });
  schedule
    .command('runs')
    .description('the recorded runs, newest first')
    .option('--limit <n>', 'at most this many', parseCount('--limit', 1), 100)
    .action(async (o: { limit: number }, command: Command) => {
      const { listScheduleRuns } = await import('../../housekeeping/index.js');
      const runs = await withWarehouse(command, (db) => listScheduleRuns(db, o.limit), { current: false });
      report(command, { runs }, () =>
        runs.length
          ? table(
              ['task', 'ok', 'started', 'finished', 'detail'],
              runs.map((r) => [r.task, r.ok, r.startedAt, r.finishedAt, JSON.stringify(r.detail)]),
            )
          : 'no runs yet',
      );
    });
}
