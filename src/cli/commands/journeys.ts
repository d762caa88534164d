import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import type { Journey } from '../../journeys/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSpeaker } from '../lang.js';

const line = (j: Journey, command: Command) =>
  cliSpeaker(command).t('cli.journey.line', {
    name: j.name,
    state: j.state,
    trigger: j.trigger,
    steps: j.steps,
  });

/** `clientele journeys create|list|pause|resume|delete|run|settings`: triggers followed by steps, per person. */
export function registerJourneys(program: Command): void {
  const journeys = program
    .command('journeys')
    .description('journeys: a trigger, then steps (wait, branch, send, tag, exit) taken per person');
  journeys
    .command('create')
    .description('check a journey file (docs/journeys.md) and save it; people enter at the next run')
    .requiredOption('--file <file>', 'the journey as JSON')
    .action(async (o: { file: string }, command: Command) => {
      const { createJourneyFromFile } = await import('../../journeys/index.js');
      const j = await withWarehouse(command, (db) => createJourneyFromFile(db, o.file), { current: false });
      report(command, j, () => line(j, command));
    });
  journeys
    .command('update')
    .description(
      "replace a journey's definition (same name); people at a surviving step stay, those at a removed one move on",
    )
    .argument('<name>')
    .requiredOption('--file <file>', 'the new definition as JSON')
    .action(async (name: string, o: { file: string }, command: Command) => {
      const { updateJourneyFromFile } = await import('../../journeys/index.js');
      const u = await withWarehouse(command, (db) => updateJourneyFromFile(db, name, o.file), {
        current: false,
      });
      report(
        command,
        u,
        () =>
          `${line(u.journey, command)}\n${cliSpeaker(command).t('cli.journey.updated', {
            version: u.journey.version,
            stayed: u.stayed,
            moved: u.moved,
            exited: u.exited,
          })}`,
      );
    });
  journeys
    .command('list')
    .description('list journeys with their state and how many people are where')
    .action(async (_o: unknown, command: Command) => {
      const { listJourneys } = await import('../../journeys/index.js');
      const rows = await withWarehouse(command, (db) => listJourneys(db), { current: false });
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'state', 'trigger', 'steps', 'in now', 'entered', 'sent', 'exited'],
              rows.map((r) => [r.name, r.state, r.trigger, r.steps, r.active, r.entered, r.sent, r.exited]),
            )
          : 'no journeys',
      );
    });
  for (const [verb, state, what] of [
    ['pause', 'paused', 'stop entering and moving people (their positions are kept)'],
    ['resume', 'active', 'let a paused journey run again'],
  ] as const)
    journeys
      .command(verb)
      .description(what)
      .argument('<name>')
      .action(async (name: string, _o: unknown, command: Command) => {
        const { setJourneyState } = await import('../../journeys/index.js');
        const j = await withWarehouse(command, (db) => setJourneyState(db, name, state), { current: false });
        report(command, j, () => line(j, command));
      });
  journeys
    .command('delete')
    .description('delete a journey and the positions in it (the steps taken stay on the profiles)')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { deleteJourney } = await import('../../journeys/index.js');
      const r = await withWarehouse(command, (db) => deleteJourney(db, name), { current: false });
      report(command, r, () => `deleted journey ${name}`);
    });
  journeys
    .command('run')
    .description(
      'advance what is due: enter who the triggers fired for, move everyone due (serve does it continuously)',
    )
    .argument('[names...]', 'only these journeys')
    .option('--smtp <url>', 'the SMTP server for this run, over the campaigns’ own')
    .option(
      '--now <instant>',
      'run as of this ISO instant (waits, quiet hours and the cap read it), for replays and tests',
    )
    .action(async (names: string[], o: { smtp?: string; now?: string }, command: Command) => {
      const { runJourneys } = await import('../../journeys/index.js');
      let now: Date | undefined;
      if (o.now !== undefined) {
        now = new Date(o.now);
        if (Number.isNaN(now.getTime()))
          throw new ClienteleError(
            'CLT_ERR_ACTIVATION_INVALID',
            `--now ${o.now}: an ISO instant such as 2026-06-01T14:00:00Z`,
          );
      }
      const r = await withWarehouse(command, async (db) => {
        const run = await runJourneys(db, {
          names,
          ...(o.smtp !== undefined && { smtp: o.smtp }),
          ...(now && { now }),
        });
        // Destination steps went to the outbox: deliver what is due before the command exits.
        const { flushBeforeExit } = await import('../../outbox/index.js');
        await flushBeforeExit(db);
        return run;
      });
      report(command, r, () =>
        [
          cliSpeaker(command).t(r.failed ? 'cli.journey.runFailed' : 'cli.journey.run', {
            entered: r.entered,
            advanced: r.advanced,
            sent: r.sent,
            skipped: r.skipped,
            deferred: r.deferred,
            exited: r.exited,
            failed: r.failed,
          }),
          r.skipped
            ? `${cliSpeaker(command).t('cli.journey.skipped')}: ${Object.entries(r.skippedBy)
                .filter(([, v]) => v > 0)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`
            : '',
          ...r.warnings.map((w) =>
            cliSpeaker(command).t('cli.warning', { message: w.message, code: w.code }),
          ),
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });
  journeys
    .command('settings')
    .description('show or change the rules every journey obeys: the global frequency cap and quiet hours')
    .option(
      '--cap <n/period>',
      'at most N e-mails a person per period across campaigns and journeys, e.g. 3/7d, or none',
    )
    .option(
      '--quiet-hours <HH:MM-HH:MM>',
      "no sends in these hours of the person's clock, e.g. 21:00-08:00, or none",
    )
    .action(async (o: { cap?: string; quietHours?: string }, command: Command) => {
      const { writeSettings } = await import('../../journeys/index.js');
      const s = await withWarehouse(command, (db) => writeSettings(db, o), { current: false });
      report(command, s, () =>
        [
          `cap: ${s.cap ? `${s.cap.count} e-mails per ${s.cap.days} days` : 'none'}`,
          `quiet hours: ${s.quietHours ? `${s.quietHours.start}-${s.quietHours.end} in each person's zone` : 'none'}`,
        ].join('\n'),
      );
    });
}
