import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `clientele audiences create|list|sync|delete`: saved segments kept in step with a destination. */
export function registerAudiences(program: Command): void {
  const audiences = program
    .command('audiences')
    .description('send a segment to a destination and keep it in step (entered and exited)');
  audiences
    .command('create')
    .description('add an audience: SEG sent to DEST')
    .argument('<name>')
    .requiredOption('--segment <segment>', 'the saved segment')
    .requiredOption('--to <destination>', 'the destination')
    .option(
      '--fields <fields>',
      'profile fields and traits to send (default email,first_name,last_name,country)',
      list,
    )
    .action(async (name: string, o: { segment: string; to: string; fields?: string[] }, command: Command) => {
      const { createAudience } = await import('../../destinations/index.js');
      const a = await withWarehouse(command, (db) => createAudience(db, { name, ...o }));
      report(command, a, () => `audience ${a.name}: segment ${a.segment} → ${a.destination}`);
    });
  audiences
    .command('list')
    .description('list audiences with their members last sent')
    .action(async (_o: unknown, command: Command) => {
      const { listAudiences } = await import('../../destinations/index.js');
      const rows = await withWarehouse(command, (db) => listAudiences(db), { current: false });
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'segment', 'destination', 'members', 'synced'],
              rows.map((r) => [r.name, r.segment, r.destination, r.members, r.syncedAt ?? 'never']),
            )
          : 'no audiences',
      );
    });
  audiences
    .command('sync')
    .description('send who entered and exited since the last sync (the first sends everyone)')
    .argument('[name]', 'one audience (default: all)')
    .action(async (name: string | undefined, _o: unknown, command: Command) => {
      const { deliveryOutcome, listAudiences, syncAudience } = await import('../../destinations/index.js');
      const { flushBeforeExit } = await import('../../outbox/index.js');
      const result = await withWarehouse(command, async (db) => {
        const names = name ? [name] : (await listAudiences(db)).map((a) => a.name);
        const syncs = [];
        for (const n of names) syncs.push(await syncAudience(db, n));
        await flushBeforeExit(db);
        const per: { name: string; entered: number; exited: number; sent: number; failed: number }[] = [];
        for (const s of syncs) {
          const o = await deliveryOutcome(db, s.deliveries);
          per.push({
            name: s.name,
            entered: s.entered,
            exited: s.exited,
            sent: o.sent + s.written,
            failed: o.failed,
          });
        }
        const sum = (k: 'entered' | 'exited' | 'sent' | 'failed') => per.reduce((t, p) => t + p[k], 0);
        const failed = sum('failed');
        return {
          entered: sum('entered'),
          exited: sum('exited'),
          sent: sum('sent'),
          failed,
          audiences: per,
          warnings: failed
            ? [
                {
                  code: 'CLT_WARN_DELIVERY_PENDING',
                  message: `${failed} moves were not delivered yet; they stay in the outbox and are retried with backoff (clientele outbox)`,
                },
              ]
            : [],
        };
      });
      report(command, result, () =>
        [
          `entered ${result.entered}, exited ${result.exited}, sent ${result.sent}, failed ${result.failed}`,
          ...result.warnings.map((w) => `warning: ${w.message}`),
        ].join('\n'),
      );
    });
  audiences
    .command('delete')
    .description('delete an audience (the destination is not told)')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { deleteAudience } = await import('../../destinations/index.js');
      const r = await withWarehouse(command, (db) => deleteAudience(db, name), { current: false });
      report(command, r, () => `deleted audience ${name}`);
    });
}
