import type { Command } from 'commander';
import type { CreatedToken, TokenInfo } from '../../security/index.js';
import { DEFAULT_TOKEN_DAYS } from '../../security/tokens.js';
import { parseCount, report } from '../context.js';
import { table } from '../format.js';
import { viaFileOrServer } from '../held.js';

// Loaded when a command runs, so that `--version` and `--help` skip argon2 and the store.
const security = () => import('../../security/index.js');

// Through the running server when it holds the file (src/cli/held.ts); no profile upkeep first.
const NOT_CURRENT = { current: false } as const;
const TOKENS = '/v1/admin/tokens';

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
      const options = { user: o.user, scopes: o.scopes, days: o.days };
      const created = await viaFileOrServer<CreatedToken>(
        command,
        async (db) => {
          const { cliActor, createTokenAudited } = await security();
          return createTokenAudited(db, cliActor(), options);
        },
        { method: 'POST', path: TOKENS, body: options },
        NOT_CURRENT,
      );
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
      const rows = await viaFileOrServer<TokenInfo[]>(
        command,
        async (db) => (await security()).listTokens(db, o.user),
        { method: 'GET', path: o.user ? `${TOKENS}?user=${encodeURIComponent(o.user)}` : TOKENS },
        NOT_CURRENT,
      );
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
      const result = await viaFileOrServer<{ id: string }>(
        command,
        async (db) => {
          const { cliActor, revokeTokenAudited } = await security();
          return revokeTokenAudited(db, cliActor(), id);
        },
        { method: 'POST', path: `${TOKENS}/${encodeURIComponent(id)}/revoke` },
        NOT_CURRENT,
      );
      report(command, result, () => `token ${id} revoked`);
    });
}
