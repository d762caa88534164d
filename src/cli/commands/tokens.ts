import type { Command } from 'commander';
import { DEFAULT_TOKEN_DAYS } from '../../security/tokens.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele tokens create|list|revoke`: users' API tokens, with scopes and an expiry. */
export function registerTokens(program: Command): void {
  const tokens = program
    .command('tokens')
    .description("users' API tokens (scopes read, write, export, admin, pii)");
  tokens
    .command('create')
    .description('create an API token for a user; it is shown once and stored hashed')
    .requiredOption('--user <name>', 'the user it acts as')
    .option('--scopes <scopes>', "comma-separated, within the user's role (default: all of the role's)")
    .option('--days <days>', 'days it lasts, 0 for never', parseCount('--days'), DEFAULT_TOKEN_DAYS)
    .action(async (o: { user: string; scopes?: string; days: number }, command: Command) => {
      const { appendAudit, cliActor, createToken } = await import('../../security/index.js');
      const created = await withWarehouse(command, async (db) => {
        const token = await createToken(db, { user: o.user, scopes: o.scopes, days: o.days });
        await appendAudit(db, {
          ...cliActor(),
          action: 'token-change',
          target: `token:${token.id}`,
          details: { change: 'create', user: o.user, scopes: token.scopes, expiresAt: token.expiresAt },
        });
        return token;
      });
      report(command, created, () =>
        [
          `token ${created.id} for ${created.user} (shown once; store it now):`,
          '',
          `  ${created.token}`,
          '',
          `scopes ${created.scopes.join(', ')}; ${created.expiresAt ? `expires ${created.expiresAt}` : 'never expires'}.`,
        ].join('\n'),
      );
    });
  tokens
    .command('list')
    .description('list tokens (ids, never the tokens)')
    .option('--user <name>', "only this user's")
    .action(async (o: { user?: string }, command: Command) => {
      const { listTokens } = await import('../../security/index.js');
      const rows = await withWarehouse(command, (db) => listTokens(db, o.user));
      report(command, rows, () =>
        rows.length
          ? table(
              ['id', 'user', 'scopes', 'created', 'expires', 'revoked'],
              rows.map((r) => [
                r.id,
                r.user,
                r.scopes.join(','),
                r.createdAt,
                r.expiresAt ?? 'never',
                r.revokedAt ?? '',
              ]),
            )
          : 'no tokens',
      );
    });
  tokens
    .command('revoke')
    .description('revoke a token by its id; it stops working at once')
    .argument('<id>')
    .action(async (id: string, _o: unknown, command: Command) => {
      const { appendAudit, cliActor, revokeToken } = await import('../../security/index.js');
      const result = await withWarehouse(command, async (db) => {
        const done = await revokeToken(db, id);
        await appendAudit(db, {
          ...cliActor(),
          action: 'token-change',
          target: `token:${id}`,
          details: { change: 'revoke' },
        });
        return done;
      });
      report(command, result, () => `token ${id} revoked`);
    });
}
