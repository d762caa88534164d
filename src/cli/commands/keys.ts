import type { Command } from 'commander';
import type { CreatedKey, KeyInfo } from '../../events/index.js';
import { report } from '../context.js';
import { table } from '../format.js';
import { viaFileOrServer } from '../held.js';

// Through the running server when it holds the file; keys need no profile upkeep first.
const KEYS = '/v1/admin/keys';
const NOT_CURRENT = { current: false } as const;

/** `clientele keys create|list`: source-scoped write keys for the Event API. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('write keys for the Event API (one per source)');
  keys
    .command('create')
    .description('create a write key; it is shown once and stored hashed')
    .requiredOption('--name <name>', 'the source this key writes as, e.g. web or ios')
    .action(async (o: { name: string }, command: Command) => {
      const { createKey } = await import('../../events/index.js');
      const { appendAudit, cliActor } = await import('../../security/index.js');
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
        { method: 'POST', path: KEYS, body: { name: o.name } },
        NOT_CURRENT,
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
      const { revokeKey } = await import('../../events/index.js');
      const { appendAudit, cliActor } = await import('../../security/index.js');
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
        { method: 'POST', path: `${KEYS}/${encodeURIComponent(o.name)}/revoke` },
        NOT_CURRENT,
      );
      report(command, revoked, () => `write key of source ${revoked.name} revoked`);
    });
  keys
    .command('rotate')
    .description('give a source a new write key (shown once); the old key stops working at once')
    .requiredOption('--name <name>', 'the source whose key to replace')
    .action(async (o: { name: string }, command: Command) => {
      const { rotateKey } = await import('../../events/index.js');
      const { appendAudit, cliActor } = await import('../../security/index.js');
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
        { method: 'POST', path: `${KEYS}/${encodeURIComponent(o.name)}/rotate` },
        NOT_CURRENT,
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
      const { listKeys } = await import('../../events/index.js');
      const rows = await viaFileOrServer<KeyInfo[]>(
        command,
        listKeys,
        { method: 'GET', path: KEYS },
        NOT_CURRENT,
      );
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
