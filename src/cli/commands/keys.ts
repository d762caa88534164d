import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import {
  type CreatedKey,
  createKey,
  type KeyInfo,
  listKeys,
  revokeKey,
  rotateKey,
} from '../../events/index.js';
import { appendAudit, cliActor } from '../../security/index.js';
import { resolveDbPath } from '../../store/index.js';
import { globals, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele keys create|list`: source-scoped write keys for the Event API. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('write keys for the Event API (one per source)');
  keys
    .command('create')
    .description('create a write key; it is shown once and stored hashed')
    .requiredOption('--name <name>', 'the source this key writes as, e.g. web or ios')
    .action(async (o: { name: string }, command: Command) => {
      const created = await viaFileOrServer<CreatedKey>(
        command,
        async (db) => {
          const key = await createKey(db, o.name);
          await appendAudit(db, {
            ...cliActor(),
            action: 'key-change',
            target: `key:${o.name}`,
            details: { change: 'create' },
          });
          return key;
        },
        (path) => ({ method: 'POST', path, body: { name: o.name } }),
      );
      report(command, created, () =>
        [
          `write key for source ${created.name} (shown once; store it now):`,
          '',
          `  ${created.key}`,
          '',
          'Send it as the HTTP Basic user name with an empty password, e.g. new Analytics({ writeKey }).',
        ].join('\n'),
      );
    });
  keys
    .command('revoke')
    .description('revoke a write key: the source can no longer send; its events stay')
    .requiredOption('--name <name>', 'the source whose key to revoke')
    .action(async (o: { name: string }, command: Command) => {
      const revoked = await viaFileOrServer<{ name: string }>(
        command,
        async (db) => {
          const done = await revokeKey(db, o.name);
          await appendAudit(db, {
            ...cliActor(),
            action: 'key-change',
            target: `key:${o.name}`,
            details: { change: 'revoke' },
          });
          return { name: done.name, revoked: true };
        },
        (path) => ({ method: 'POST', path: `${path}/${encodeURIComponent(o.name)}/revoke` }),
      );
      report(command, revoked, () => `write key of source ${revoked.name} revoked`);
    });
  keys
    .command('rotate')
    .description('give a source a new write key (shown once); the old key stops working at once')
    .requiredOption('--name <name>', 'the source whose key to replace')
    .action(async (o: { name: string }, command: Command) => {
      const created = await viaFileOrServer<CreatedKey>(
        command,
        async (db) => {
          const { oldKeyHash: _old, ...key } = await rotateKey(db, o.name);
          await appendAudit(db, {
            ...cliActor(),
            action: 'key-change',
            target: `key:${o.name}`,
            details: { change: 'rotate' },
          });
          return key;
        },
        (path) => ({ method: 'POST', path: `${path}/${encodeURIComponent(o.name)}/rotate` }),
      );
      report(command, created, () =>
        [
          `new write key for source ${created.name} (shown once; the old one no longer works):`,
          '',
          `  ${created.key}`,
        ].join('\n'),
      );
    });
  keys
    .command('list')
    .description('list the write keys (names and prefixes, never the keys)')
    .action(async (_o: unknown, command: Command) => {
      const rows = await viaFileOrServer<KeyInfo[]>(command, listKeys, (path) => ({ method: 'GET', path }));
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'key', 'import', 'events', 'created'],
              rows.map((r) => [r.name, `${r.prefix}…`, r.importId, r.events, r.createdAt]),
            )
          : 'no write keys; create one with `clientele keys create --name NAME`',
      );
    });
}

// DuckDB lets one process open a file: the command opens it directly, and when `clientele serve` holds it,
// asks that server through its admin API instead (its address and token are in the server file).
async function viaFileOrServer<T>(
  command: Command,
  direct: Parameters<typeof withWarehouse<T>>[1],
  request: (path: string) => { method: 'GET' | 'POST'; path: string; body?: unknown },
): Promise<T> {
  try {
    return await withWarehouse(command, direct, { current: false });
  } catch (error) {
    if (!(error instanceof ClienteleError) || error.code !== 'CLT_ERR_STORE_LOCKED') throw error;
    const { readServerFile } = await import('../../server/serve.js');
    const server = await readServerFile(resolveDbPath(globals(command).db));
    if (!server) throw error;
    const r = request('/v1/admin/keys');
    let response: Response;
    try {
      response = await fetch(`${server.url}${r.path}`, {
        method: r.method,
        headers: {
          authorization: `Bearer ${server.adminToken}`,
          ...(r.body ? { 'content-type': 'application/json' } : {}),
        },
        body: r.body ? JSON.stringify(r.body) : undefined,
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
