import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele trend`: a measure by period, per dimension value, with change, seasonality and anomalies. */
export function registerTrend(program: Command): void {
  program
    .command('trend')
    .description('a measure by day, week or month with change, seasonal decomposition and anomalies')
    .option('--measure <m>', 'revenue|orders|customers|segment-size', 'revenue')
    .option('--by <grain>', 'day|week|month', 'month')
    .option(
      '--dimension <d>',
      'break down by region|country|city|channel|acquisition_source|category|product|segment …',
    )
    .option('--filter <dim=value>', 'only one value of a dimension, e.g. category=Apparel or product=P1022')
    .option(
      '--segment <name>',
      "only a saved segment's current members; with --measure segment-size, the segment measured",
    )
    .option('--top <n>', 'values of the dimension kept; the rest become "(other)"', Number, 10)
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day, included (YYYY-MM-DD)')
    .option('--tz <zone>', 'time zone of the periods, e.g. America/Chicago', 'UTC')
    .option('--threshold <z>', 'robust z from which a point is an anomaly', Number, 3.5)
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const { trend } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) => trend(db, o));
      report(command, result, () => {
        if (result.series.length === 0) return 'no orders in the window';
        return result.series
          .map((s) => {
            const season = s.seasonality
              ? `seasonality (${s.seasonality.model}, strength ${s.seasonality.strength}): ${s.seasonality.figure
                  .map((f) => `${f.position}:${f.factor}`)
                  .join(' ')}`
              : `no seasonality: ${s.note}`;
            const anomalies = s.anomalies.length
              ? `anomalies: ${s.anomalies.map((a) => `${a.period} ${a.direction} by ${a.difference} (z ${a.z})`).join('; ')}`
              : 'no anomalies';
            return [
              `${result.measure} ${s.key === 'all' ? '' : `— ${s.key} `}(total ${s.total})`,
              table(
                ['period', 'value', 'change', 'change %', 'expected'],
                s.points.map((p) => [p.period, p.value, p.change, p.changePct, p.expected]),
              ),
              season,
              anomalies,
            ].join('\n');
          })
          .join('\n\n');
      });
    });
}
