import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele concentration`: when in the year (week, day) a product's or category's sales fall, per region. */
export function registerConcentration(program: Command): void {
  program
    .command('concentration')
    .description(
      "share of a product's or category's sales in each month (weekday, hour) for each region, channel …",
    )
    .requiredOption('--filter <dim=value>', 'the sales looked at, e.g. product=P1022 or category=Apparel')
    .option('--by <dimension>', 'region|country|city|channel|acquisition_source …', 'region')
    .option('--period <kind>', 'month|dow|hour', 'month')
    .option('--measure <m>', 'revenue|orders|customers', 'revenue')
    .option('--top <n>', 'values of --by kept', Number, 20)
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day, included (YYYY-MM-DD)')
    .option('--tz <zone>', 'time zone of the periods', 'UTC')
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const { concentration } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) =>
        concentration(db, { ...o, filter: String(o.filter) }),
      );
      report(command, result, () =>
        result.rows.length === 0
          ? `no sales of ${result.filter} in the window`
          : table(
              [result.by, result.measure, 'peak'],
              result.rows.map((r) => [r.value, r.total, r.peak]),
            ),
      );
    });
}
