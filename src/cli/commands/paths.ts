import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele paths`: what leads to a goal event. */
export function registerPaths(program: Command): void {
  program
    .command('paths')
    .description(
      'common sequences before a goal, touchpoints over-represented among converters, time to convert',
    )
    .requiredOption('--goal <event>', "the goal event, e.g. 'Order Completed'")
    .option('--length <n>', 'touchpoints kept before the goal', Number, 3)
    .option('--lookback <d>', 'how far before the goal touchpoints count: 24h, 7d, 30d', '30d')
    .option('--limit <n>', 'sequences and touchpoints printed', Number, 10)
    .option('--from <day>', 'first day of events (YYYY-MM-DD)')
    .option('--to <day>', 'last day of events, included (YYYY-MM-DD)')
    .option('--segment <name>', 'only the persons in a saved segment')
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const { paths } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) => paths(db, { ...o, goal: String(o.goal) }));
      report(command, result, () =>
        [
          `${result.converters} of ${result.people} people reached ${result.goal}`,
          '',
          table(
            ['path', 'people', 'share'],
            result.paths.map((p) => [p.path.join(' → ') || '(nothing before)', p.people, p.share]),
          ),
          '',
          table(
            ['touchpoint', 'converters', 'non-converters', 'lift'],
            result.touchpoints.map((t) => [t.touchpoint, t.converterShare, t.nonConverterShare, t.lift]),
          ),
          '',
          table(
            ['acquisition', 'converters', 'median days', 'median touches'],
            result.byChannel.map((c) => [c.channel, c.converters, c.medianDaysToConvert, c.medianTouches]),
          ),
        ].join('\n'),
      );
    });
}
