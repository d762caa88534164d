import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSay } from '../lang.js';

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
      const w = cliSay(command);
      const { s: sp, v } = w;
      const { trend } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) => trend(db, o, sp));
      report(command, result, () => {
        if (result.series.length === 0) return sp.t('cli.trend.none');
        const measure = sp.has(`cli.trend.measure.${result.measure}`)
          ? sp.t(`cli.trend.measure.${result.measure}` as 'cli.trend.measure.revenue')
          : result.measure;
        return result.series
          .map((s) => {
            const season = s.seasonality
              ? sp.t('cli.trend.season', {
                  model: sp.t(`cli.trend.model.${s.seasonality.model}` as 'cli.trend.model.additive'),
                  strength: v(s.seasonality.strength),
                  figure: s.seasonality.figure.map((f) => `${f.position}:${v(f.factor)}`).join(' '),
                })
              : sp.t('cli.trend.noSeason', { note: s.note ?? '' });
            const anomalies = s.anomalies.length
              ? sp.t('cli.trend.anomalies', {
                  list: s.anomalies
                    .map((a) =>
                      sp.t('cli.trend.anomaly', {
                        period: a.period,
                        direction: sp.t(`cli.trend.${a.direction}`),
                        difference: v(a.difference),
                        z: v(a.z),
                      }),
                    )
                    .join('; '),
                })
              : sp.t('cli.trend.noAnomalies');
            return [
              sp.t('cli.trend.title', {
                measure,
                key: s.key === 'all' ? '' : ` — ${s.key}`,
                total: v(s.total),
              }),
              table(
                [
                  'cli.col.period',
                  'cli.col.value',
                  'cli.col.change',
                  'cli.col.changePct',
                  'cli.col.expected',
                ].map((k) => sp.t(k as 'cli.col.period')),
                s.points.map((p) => [p.period, v(p.value), v(p.change), v(p.changePct), v(p.expected)]),
              ),
              season,
              anomalies,
            ].join('\n');
          })
          .join('\n\n');
      });
    });
}
