import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { cliSpeaker } from '../lang.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `clientele scan`: concentrations of a measure in a month, weekday or hour that survive the false discovery rate. */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('rank the most surprising (dimensions × month, weekday or hour) concentrations in the data')
    .option('--measure <m>', 'customers|orders|revenue', 'customers')
    .option('--periods <list>', 'month,season,dow,hour (default all)', list)
    .option(
      '--dimensions <list>',
      'scan only these, alone and customer × product: region,city,country,channel,acquisition_source,acquisition_campaign,category,product,segment',
      list,
    )
    .option('--limit <n>', 'findings printed', Number, 25)
    .option('--top <n>', 'values kept per dimension', Number, 200)
    .option('--min-size <n>', 'least effective size of a group scanned', Number, 30)
    .option('--fdr <q>', 'false discovery rate the findings are held to (Benjamini–Hochberg)', Number, 0.05)
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day, included (YYYY-MM-DD)')
    .option('--tz <zone>', 'time zone of months, weekdays and hours, e.g. America/Chicago', 'UTC')
    .action(async (o: Record<string, unknown>, command: Command) => {
      const s = cliSpeaker(command);
      const { scan } = await import('../../mining/index.js');
      const result = await withWarehouse(command, (db) => scan(db, o, s));
      report(command, result, () =>
        [
          ...result.warnings.map((w) => s.t('cli.warning', { message: w.message, code: w.code })),
          ...result.findings.map((f, i) => `${i + 1}. ${f.sentence}`),
          s.t('cli.scan.summary', {
            credible: result.cellsCredible,
            scored: result.cellsScored,
            fdr: result.parameters.fdr,
          }) +
            (result.cellsCredible > result.findings.length
              ? s.t('cli.scan.shown', { n: result.findings.length })
              : ''),
        ].join('\n'),
      );
    });
}
