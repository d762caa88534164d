import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSpeaker } from '../lang.js';

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
      const s = cliSpeaker(command);
      const { concentration } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) =>
        concentration(db, { ...o, filter: String(o.filter) }, s),
      );
      report(command, result, () =>
        result.rows.length === 0
          ? s.t('cli.concentration.none', { filter: result.filter })
          : table(
              [
                s.has(`mining.dim.${result.by}`)
                  ? s.t(`mining.dim.${result.by}` as 'mining.dim.region')
                  : result.by,
                s.t(`cli.col.${result.measure}`),
                s.t('cli.col.peak'),
              ],
              result.rows.map((r) => [r.value, r.total, r.peak]),
            ),
      );
    });
}
