import type { Command } from 'commander';
import { warningLines } from '../../warnings/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const p = (v: number | null) => (v === null ? '' : v < 0.001 ? '<0.001' : v.toFixed(3));

/** `clientele resonance`: which e-mails resonate, by type, subject word and send hour. */
export function registerResonance(program: Command): void {
  program
    .command('resonance')
    .description(
      'open, click and reply rates by message type, subject word and send hour; stores email_open_rate, email_click_rate, email_reply_rate and best_send_hour per person',
    )
    .option('--segment <name>', "only a saved segment's current members")
    .option('--customer <id>', 'one person, by any identifier')
    .option('--min-sends <n>', 'sends a group needs to be tested (default 20; 5 for one person)')
    .action(async (o: { segment?: string; customer?: string; minSends?: string }, command: Command) => {
      const { readSends, resolveScope, resonanceReport, writeResonanceTraits } = await import(
        '../../resonance/index.js'
      );
      const minSends = o.minSends === undefined ? undefined : Number(o.minSends);
      if (minSends !== undefined && !(Number.isInteger(minSends) && minSends >= 1)) {
        const { ClienteleError } = await import('../../errors/index.js');
        throw new ClienteleError('CLT_ERR_USAGE', `--min-sends ${o.minSends}: a whole number of 1 or more`);
      }
      const r = await withWarehouse(command, async (db) => {
        const result = await resonanceReport(
          db,
          { segment: o.segment, customer: o.customer },
          minSends === undefined ? {} : { minSends },
        );
        // Everyone's traits, whatever the scope shown, so segments read one consistent run.
        await writeResonanceTraits(db, await readSends(db, await resolveScope(db, {})));
        return result;
      });
      const groups = (title: string, list: typeof r.byType) =>
        list.length
          ? [
              title,
              table(
                ['', 'sends', 'open', 'click', 'reply', 'lift', 'p', 'q'],
                list.map((g) => [
                  g.thin ? `${g.key} (thin)` : g.key,
                  g.sends,
                  pct(g.openRate),
                  pct(g.clickRate),
                  pct(g.replyRate),
                  g.lift.toFixed(2),
                  p(g.pValue),
                  p(g.qValue),
                ]),
              ),
            ]
          : [];
      report(command, r, () =>
        [
          `${r.sends} e-mails: opened ${pct(r.openRate)}, clicked ${pct(r.clickRate)}, replied ${pct(r.replyRate)}; best send hour ${r.bestSendHour === null ? '–' : `${String(r.bestSendHour).padStart(2, '0')}:00 UTC`}`,
          ...groups('by type', r.byType),
          ...groups('by subject word (q: Benjamini–Hochberg across the words)', r.bySubjectWord),
          ...groups('by send hour (UTC)', r.byHour),
          ...warningLines(r.warnings),
        ].join('\n'),
      );
    });
}
