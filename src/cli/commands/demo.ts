import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ImportSummary } from '../../ingest/index.js';
import { globals, parseCount, report } from '../context.js';
import { cliSay } from '../lang.js';
import { progressBar } from '../progress.js';
import { announceServer, appLink, serveUntilSignal } from '../serving.js';
import type { StoreStatus } from './status.js';

/** `clientele demo`: a database with the demo business in it, then what the product can show of it. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'generate and import the demo business into a fresh database when there is none, then show what it holds',
    )
    .option('--customers <n>', 'customers in the demo business', parseCount('--customers', 1), 5_000)
    .option('--seed <s>', 'random seed of the demo business', parseCount('--seed', 0), 7)
    .option(
      '--data <dir>',
      'where the generated files go (default: clientele-demo/ beside the database file, or here on PostgreSQL)',
    )
    .option('--serve', 'then serve the web app and the API (the default when stdout is a terminal)')
    .option('--no-serve', 'stop after the import, without serving')
    .option('--open', 'with --serve, open the web app in the default browser')
    .option('--port <n>', 'with --serve, the TCP port (0 picks a free one)', parseCount('--port', 0), 8320)
    .action(async (o: DemoOptions, command: Command) => {
      const { demoFiles, generateDemo } = await import('../../demo/index.js');
      const { resolveIdentities } = await import('../../identity/index.js');
      const { importFile } = await import('../../ingest/index.js');
      const { isPostgresLocation, openWarehouse, resolveDbPath } = await import('../../store/index.js');
      const { describeStatus, storeStatus } = await import('./status.js');
      const location = resolveDbPath(globals(command).db);
      const quiet = Boolean(globals(command).json);
      const w = cliSay(command);
      const say = (line: string) => {
        if (!quiet) process.stderr.write(`${line}\n`);
      };
      const db = await openWarehouse(location);
      try {
        let status = await storeStatus(db, location);
        const imported: ImportSummary[] = [];
        if (status.customers + status.prospects === 0) {
          // A database server has no folder beside it: the files go to ./clientele-demo there.
          const beside = isPostgresLocation(location) ? '.' : dirname(resolve(location));
          const dir = resolve(o.data ?? join(beside, 'clientele-demo'));
          say(w.s.t('cli.demo.generating', { customers: o.customers, seed: o.seed, dir }));
          const bar = progressBar('generating', !quiet);
          await generateDemo({
            customers: o.customers,
            seed: o.seed,
            outDir: dir,
            onProgress: (d, t) => bar.update((100 * d) / t),
          });
          bar.stop();
          for (const { kind, file, path } of await demoFiles(dir)) {
            const summary = await importFile(db, path, { kind });
            imported.push(summary);
            say(
              w.s.t('cli.demo.imported', { file, rows: summary.accepted, rejected: w.n(summary.rejected) }),
            );
          }
          const identity = await resolveIdentities(db);
          say(
            w.s.t('cli.demo.joined', {
              records: identity.records,
              profiles: identity.profiles,
              merges: identity.merges,
            }),
          );
          status = await storeStatus(db, location);
        } else {
          say(w.s.t('cli.demo.existing', { location }));
        }
        const result: { status: StoreStatus; imported: ImportSummary[] } = { status, imported };
        report(command, result, () => [describeStatus(status, w), '', w.s.t('cli.demo.next')].join('\n'));
      } finally {
        await db.close();
      }
      if (!isPostgresLocation(location) && !existsSync(location) && location !== ':memory:') {
        process.exitCode = 1;
        return;
      }
      // Scripts (and tests) read the summary and go on; a person at a terminal gets the app.
      if (o.serve ?? (process.stdout.isTTY && !quiet)) await serveDemo(location, o);
    });
}

interface DemoOptions {
  customers: number;
  seed: number;
  data?: string;
  serve?: boolean;
  open?: boolean;
  port: number;
}

// Serves the database as `clientele serve` does and prints the app's address with the admin token; stops on
// SIGINT or SIGTERM.
async function serveDemo(dbPath: string, o: DemoOptions): Promise<void> {
  const { startServer } = await import('../../server/index.js');
  const server = await startServer({ dbPath, port: o.port });
  const link = appLink(server);
  announceServer(server);
  if (o.open) {
    const opener =
      process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(opener, [link], { detached: true, stdio: 'ignore' });
    child.on('error', () => process.stderr.write(`could not start ${opener}: open the link by hand\n`));
    child.unref();
  }
  await serveUntilSignal(server, 'clientele demo');
}
