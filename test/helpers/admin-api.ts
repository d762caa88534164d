import assert from 'node:assert/strict';
import { runCli } from './cli.js';

/** A server as the tests reach it: its address and an admin token. */
export interface AdminServer {
  readonly url: string;
  readonly adminToken: string;
}

/**
 * The public API called with the admin token, as the web app calls it: GET, or the method given with a JSON
 * body; asserts a 2xx answer and returns its JSON. `server` is read at each call (tests set it in `before`).
 */
export function adminApi(server: () => AdminServer) {
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const { url, adminToken } = server();
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    assert.ok(response.ok, `${path}: ${response.status}`);
    return (await response.json()) as T;
  };
}

/** Runs the built CLI and returns its stdout, throwing with its stderr when it fails. */
export async function cliOut(args: string[]): Promise<string> {
  const run = await runCli(args);
  if (run.code !== 0) throw new Error(`clientele ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}
