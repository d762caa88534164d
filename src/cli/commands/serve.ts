import type { Command } from 'commander';
import { resolveDbPath } from '../../store/index.js';
import { globals, parseCount } from '../context.js';

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
    .action(
      async (o: { port: number; host: string; log?: boolean; refreshEvery: number }, command: Command) => {
        const dbPath = resolveDbPath(globals(command).db);
        // Loaded here, not at the top: Fastify and Swagger would slow every other command's start.
        const { startServer } = await import('../../server/index.js');
        const server = await startServer({
          dbPath,
          host: o.host,
          port: o.port,
          logger: Boolean(o.log),
          refreshEvery: o.refreshEvery,
        });
        process.stderr.write(
          `clientele serve: ${server.url} (database ${dbPath}, OpenAPI at ${server.url}/docs)\n`,
        );
        // The process stays up until a signal; on SIGINT/SIGTERM it commits what is queued, then releases the file.
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = () => {
            // A second signal, or a stop that hangs, ends the process at once: every acknowledged event is
            // committed already (the WAL replays on the next open) and uncommitted work rolls back.
            if (stopping) process.exit(1);
            stopping = true;
            setTimeout(() => {
              process.stderr.write('clientele serve: did not stop within 10 s; exiting\n');
              process.exit(1);
            }, 10_000).unref();
            process.stderr.write('clientele serve: stopping\n');
            server.close().then(resolve, (error: unknown) => {
              process.stderr.write(
                `clientele serve: ${error instanceof Error ? error.message : String(error)}\n`,
              );
              process.exitCode = 1;
              resolve();
            });
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
