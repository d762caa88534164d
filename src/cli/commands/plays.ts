import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

const percent = (option: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new ClienteleError('CLT_ERR_ACTIVATION_INVALID', `${option} ${value}: a percentage`);
  return n;
};

/** `clientele plays list|enable`: the seeds' plays as segment + journey + template in one step. */
export function registerPlays(program: Command): void {
  const plays = program
    .command('plays')
    .description(
      'ready plays: win-back, first purchase, replenishment, abandoned cart, VIP, referral, birthday',
    );
  plays
    .command('list')
    .description('each play with its segment, timing and the lift it is measured against')
    .action(async (_o: unknown, command: Command) => {
      const { listPlays } = await import('../../journeys/plays/index.js');
      const rows = await withWarehouse(command, (db) => listPlays(db), { current: false });
      report(command, rows, () =>
        table(
          ['play', 'segment', 'timing', 'expected lift', 'enabled'],
          rows.map((p) => [
            p.name,
            p.segment,
            p.timing,
            `+${Math.round(p.expectedLift.lift * 100)} % ${p.expectedLift.metric} in ${p.expectedLift.window} (assumed)`,
            p.enabled ? 'yes' : '',
          ]),
        ),
      );
    });
  plays
    .command('enable')
    .description(
      'set up a play: its segment, e-mail template (a campaign), holdout experiment and journey, all named play-NAME',
    )
    .argument('<name>')
    .option(
      '--holdout <pct>',
      'per cent of the segment held out to measure the lift (0 for none)',
      percent('--holdout'),
      10,
    )
    .option('--discount <pct>', 'per cent off in the e-mail (default: the play’s own)', percent('--discount'))
    .option('--from <address>', 'the sender')
    .option('--smtp <url>', 'smtp://host:port for its e-mails')
    .action(
      async (
        name: string,
        o: { holdout: number; discount?: number; from?: string; smtp?: string },
        command: Command,
      ) => {
        const { enablePlay } = await import('../../journeys/plays/index.js');
        const r = await withWarehouse(command, (db) => enablePlay(db, name, o));
        report(command, r, () =>
          [
            `play ${r.play}: segment ${r.segment.name} (${r.segment.members} members: ${r.segment.expression}), journey ${r.journey}, template ${r.campaign}${r.experiment ? `, ${r.experiment.holdout} % held out (experiment ${r.experiment.name})` : ''}`,
            `timing: ${r.timing}`,
            `expected lift: +${Math.round(r.expectedLift.lift * 100)} % ${r.expectedLift.metric} in ${r.expectedLift.window} (${r.expectedLift.basis})`,
            r.measure ? `measure it: ${r.measure}` : '',
            'people enter at the next `clientele journeys run` (or continuously under `clientele serve`)',
            ...r.warnings.map((w) => `warning: ${w.message} (${w.code})`),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      },
    );
}
