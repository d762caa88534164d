import type { Command } from 'commander';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele destinations create|list|test|delete`: where audiences and journeys send people. */
export function registerDestinations(program: Command): void {
  const destinations = program
    .command('destinations')
    .description('where audiences send people: a webhook, a Segment-compatible endpoint, or a file');
  destinations
    .command('create')
    .description('add a destination')
    .argument('<name>')
    .requiredOption('--type <type>', 'webhook, segment or file')
    .option('--url <url>', 'the http(s) endpoint (webhook; segment: the host serving /v1/batch)')
    .option('--secret <secret>', 'webhook: sign each body with HMAC-SHA256 (X-Clientele-Signature)')
    .option('--write-key <key>', 'segment: the source write key')
    .option('--batch <n>', 'events per request (webhook 1, segment 100)', parseCount('--batch', 1))
    .option('--out <path>', 'file: PATH.csv or PATH.parquet, rewritten with the members at each sync')
    .action(
      async (
        name: string,
        o: { type: string; url?: string; secret?: string; writeKey?: string; batch?: number; out?: string },
        command: Command,
      ) => {
        const { createDestination } = await import('../../destinations/index.js');
        const d = await withWarehouse(command, (db) => createDestination(db, { name, ...o }), {
          current: false,
        });
        report(command, d, () => `destination ${d.name} (${d.type}) → ${d.url ?? d.out}`);
      },
    );
  destinations
    .command('list')
    .description('list destinations (never their secrets)')
    .action(async (_o: unknown, command: Command) => {
      const { listDestinations } = await import('../../destinations/index.js');
      const rows = await withWarehouse(command, (db) => listDestinations(db), { current: false });
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'type', 'target', 'batch', 'signed'],
              rows.map((r) => [r.name, r.type, r.url ?? r.out, r.batch, r.signed ? 'yes' : 'no']),
            )
          : 'no destinations',
      );
    });
  destinations
    .command('test')
    .description('send one test message now and say whether it arrived')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { testDestination } = await import('../../destinations/index.js');
      const r = await withWarehouse(command, (db) => testDestination(db, name), { current: false });
      report(command, r, () =>
        r.ok
          ? `${name}: delivered${r.status ? ` (HTTP ${r.status})` : ''}`
          : `${name}: failed: ${r.error} (kept in the outbox, retried later)`,
      );
      if (!r.ok) process.exitCode = 1;
    });
  destinations
    .command('delete')
    .description('delete a destination no audience uses')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { deleteDestination } = await import('../../destinations/index.js');
      const r = await withWarehouse(command, (db) => deleteDestination(db, name), { current: false });
      report(command, r, () => `deleted destination ${name}`);
    });
}
