import type { Command } from 'commander';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { resolveDbPath } from '../store/location.js';
import { globals, withWarehouse } from './context.js';

/** An admin API request standing in for a command while `clientele serve` holds the database. */
export interface HeldRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
}

/**
 * Runs `direct` on the database file; when `clientele serve` holds it (DuckDB lets one process open a
 * file), sends `request` to that server's admin API instead, with the token from its server file. `current`
 * is withWarehouse's: whether profiles catch up first.
 */
export async function viaFileOrServer<T>(
  command: Command,
  direct: (db: Warehouse) => Promise<T>,
  request: HeldRequest,
  options: { readonly current?: boolean } = {},
): Promise<T> {
  try {
    return await withWarehouse(command, direct, options);
  } catch (error) {
    if (!(error instanceof ClienteleError) || error.code !== 'CLT_ERR_STORE_LOCKED') throw error;
    const { readServerFile } = await import('../server/serve.js');
    const server = await readServerFile(resolveDbPath(globals(command).db));
    if (!server) throw error;
    let response: Response;
    try {
      response = await fetch(`${server.url}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${server.adminToken}`,
          ...(request.body ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body ? JSON.stringify(request.body) : undefined,
      });
    } catch (cause) {
      throw new ClienteleError(
        'CLT_ERR_API_SERVER_UNREACHABLE',
        `the database is held by a server at ${server.url} (pid ${server.pid}) that does not answer: ${(cause as Error).message}`,
      );
    }
    const body = (await response.json()) as T | { error: { code: string; message: string } };
    if (!response.ok) {
      const e = (body as { error: { code: string; message: string } }).error;
      throw new ClienteleError(e.code as ClienteleError['code'], e.message);
    }
    return body as T;
  }
}
