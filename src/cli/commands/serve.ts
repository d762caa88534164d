import type { Command } from 'commander';
import { globals, parseCount } from '../context.js';
import { announceServer, serveUntilSignal } from '../serving.js';

/** `clientele serve`: the Event API over HTTP; this process owns the database file until it stops. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the Segment-compatible Event API (OpenAPI at /docs); owns the database while it runs')
    .option('--port <n>', 'TCP port (0 picks a free one)', parseCount('--port', 0), 8320)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--log', 'log every request (JSON lines on stdout)')
    .option(
      '--refresh-every <seconds>',
      'resolve new records and refresh profiles and segments this often (0: never)',
      parseCount('--refresh-every', 0),
      300,
    )
    .option(
      '--wait-for-db <seconds>',
      'PostgreSQL: keep trying this long while the database server cannot be reached',
      parseCount('--wait-for-db', 0),
      30,
    )
    .action(
      async (
        o: { port: number; host: string; log?: boolean; refreshEvery: number; waitForDb: number },
        command: Command,
      ) => {
        const { isPostgresLocation, resolveDbPath } = await import('../../store/index.js');
        const dbPath = resolveDbPath(globals(command).db);
        // A connection string is printed without its password.
        const shown = isPostgresLocation(dbPath)
          ? (await import('../../store/postgres/connection.js')).parsePostgresUrl(dbPath).shown
          : dbPath;
        // Loaded here, not at the top: Fastify and Swagger would slow every other command's start.
        const { startServer } = await import('../../server/index.js');
        const server = await startServer({
          dbPath,
          host: o.host,
          port: o.port,
          logger: Boolean(o.log),
          refreshEvery: o.refreshEvery,
          waitForDbSeconds: o.waitForDb,
        });
        process.stderr.write(
          `clientele serve: ${server.url} (database ${shown}, OpenAPI at ${server.url}/docs)\n`,
        );
        announceServer(server);
        // The process stays up until a signal; on SIGINT/SIGTERM it commits what is queued, then releases the file.
        await serveUntilSignal(server, 'clientele serve');
      },
    );
}
