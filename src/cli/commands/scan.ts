import type { Command } from 'commander';
import { scan } from '../../mining/index.js';
import { report, withWarehouse } from '../context.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `clientele scan`: the most surprising concentrations of a measure in a month, weekday or hour. */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('rank the most surprising (dimensions × month, weekday or hour) concentrations in the data')
    .option('--measure <m>', 'customers|orders|revenue', 'customers')
    .option('--periods <list>', 'month,dow,hour (default all)', list)
    .option(
      '--dimensions <list>',
      'report only these: region,city,channel,acquisition_source,category,product,segment',
      list,
    )
    .option('--limit <n>', 'findings printed', Number, 25)
    .option('--top <n>', 'values kept per dimension', Number, 200)
    .option('--min-size <n>', 'least effective size of a group scanned', Number, 30)
    .option('--level <p>', 'credibility of the lower bound of the lift', Number, 0.95)
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day, included (YYYY-MM-DD)')
    .option('--tz <zone>', 'time zone of months, weekdays and hours, e.g. America/Chicago', 'UTC')
    .action(async (o: Record<string, unknown>, command: Command) => {
      const result = await withWarehouse(command, (db) => scan(db, o));
      report(command, result, () =>
        result.findings.length === 0
          ? `no credible concentration among ${result.cellsScored} cells`
          : result.findings.map((f, i) => `${i + 1}. ${f.sentence}`).join('\n'),
      );
    });
}
