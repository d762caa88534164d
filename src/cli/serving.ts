import type { RunningServer } from '../server/index.js';

/**
 * The web app's address with the admin token in its fragment: a fragment never reaches the server's logs,
 * and the app reads the token from it to sign in.
 */
export function appLink(server: Pick<RunningServer, 'url' | 'adminToken'>): string {
  return `${server.url}/#token=${encodeURIComponent(server.adminToken)}`;
}

/** Prints how to reach a running server: the app's link with the token, the token itself and the API docs. */
export function announceServer(
  server: Pick<RunningServer, 'url' | 'adminToken'>,
  stop = 'Ctrl-C stops',
): void {
  process.stderr.write(
    `the web app: ${appLink(server)}\n(admin token ${server.adminToken}; API docs at ${server.url}/docs; ${stop})\n`,
  );
}

/**
 * Waits for SIGINT or SIGTERM, then closes the server (it commits what is queued and releases the database).
 * A failure to close is reported under `name` and sets exit code 1. A second signal, or a stop that hangs for
 * 10 s, ends the process at once: every acknowledged event is committed already (the WAL replays on the next
 * open) and uncommitted work rolls back.
 */
export function serveUntilSignal(server: Pick<RunningServer, 'close'>, name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(1);
      stopping = true;
      setTimeout(() => {
        process.stderr.write(`${name}: did not stop within 10 s; exiting\n`);
        process.exit(1);
      }, 10_000).unref();
      process.stderr.write(`${name}: stopping\n`);
      server.close().then(resolve, (error: unknown) => {
        process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
