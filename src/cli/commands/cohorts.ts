import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele cohorts`: the retention triangle by acquisition cohort. */
export function registerCohorts(program: Command): void {
  program
    .command('cohorts')
    .description('retention by acquisition (first-order) cohort, as a triangle of customers or revenue')
    .option('--by <grain>', 'month|week', 'month')
    .option('--metric <m>', 'customers|revenue', 'customers')
    .option('--from <day>', 'cohorts acquired from this day (YYYY-MM-DD)')
    .option('--to <day>', 'cohorts acquired up to this day, included (YYYY-MM-DD)')
    .option('--tz <zone>', 'time zone of the periods', 'UTC')
    .option('--segment <name>', "only a saved segment's current members")
    .action(async (o: Record<string, string | undefined>, command: Command) => {
      const { cohorts } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) => cohorts(db, o));
      report(command, result, () => {
        if (result.cohorts.length === 0) return 'no customers with orders in the window';
        const ages = Math.min(13, result.average.length);
        return table(
          ['cohort', 'size', ...Array.from({ length: ages }, (_, a) => `+${a}`)],
          result.cohorts.map((c) => [c.cohort, c.size, ...c.rates.slice(0, ages)]),
        );
      });
    });
}
