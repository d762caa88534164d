import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/clientele.js', import.meta.url));

/** A `clientele serve` process of the built CLI, started on a free port. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** The API's address, from the line serve prints when it listens. */
  readonly url: string;
  /** Everything serve wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once the process has exited (at once if it already has). */
  exited(): Promise<number | null>;
}

/** Options of a spawned server. */
export interface ServeOptions {
  /** Extra arguments after `serve --port 0` (e.g. `--refresh-every 0`). */
  readonly args?: readonly string[];
  /** Environment added to this process's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Further stderr lines to wait for before resolving (e.g. the web app's link). */
  readonly waitFor?: readonly RegExp[];
}

/**
 * Starts `clientele --db DB serve --port 0 …` and resolves once it prints its address (and every `waitFor`
 * line); rejects with its stderr if it exits first.
 */
export async function spawnServe(db: string, options: ServeOptions = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', ...(options.args ?? [])], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(options.env && { env: { ...process.env, ...options.env } }),
  });
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /clientele serve: (http:\/\/\S+) /.exec(err);
      if (m && (options.waitFor ?? []).every((re) => re.test(err))) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err, exited: () => exit };
}
