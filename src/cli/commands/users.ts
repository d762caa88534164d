import type { Command } from 'commander';
import { ROLES } from '../../security/roles.js';
import { DEFAULT_TOKEN_DAYS } from '../../security/tokens.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { readPassword } from '../password.js';

/** `clientele users create|list|disable|reset`: people who sign in, each with a role. */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('users of the web app and the API, each with a role');
  users
    .command('create')
    .description('create a user (password hashed with argon2id) and an API token for them, shown once')
    .argument('<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password <password>', 'the password (else read from stdin, else asked)')
    .option('--scopes <scopes>', "the token's scopes, comma-separated (default: all of the role's)")
    .option(
      '--token-days <days>',
      `days the token lasts, 0 for never`,
      parseCount('--token-days'),
      DEFAULT_TOKEN_DAYS,
    )
    .action(
      async (
        name: string,
        o: { role: string; password?: string; scopes?: string; tokenDays: number },
        command: Command,
      ) => {
        const { appendAudit, cliActor, createToken, createUser } = await import('../../security/index.js');
        const password = await readPassword(o.password);
        const created = await withWarehouse(command, async (db) => {
          const user = await createUser(db, { name, role: o.role, password });
          const token = await createToken(db, { user: name, scopes: o.scopes, days: o.tokenDays });
          await appendAudit(db, {
            ...cliActor(),
            action: 'user-change',
            target: `user:${name}`,
            details: { change: 'create', role: user.role, tokenId: token.id, scopes: token.scopes },
          });
          return { user, token };
        });
        report(command, { name, role: created.user.role, token: created.token.token }, () =>
          [
            `user ${name} (${created.user.role}) created; their API token (shown once; store it now):`,
            '',
            `  ${created.token.token}`,
            '',
            `scopes ${created.token.scopes.join(', ')}; ${created.token.expiresAt ? `expires ${created.token.expiresAt}` : 'never expires'}.`,
            'Send it as `Authorization: Bearer <token>`; in the web app, sign in with the name and password.',
          ].join('\n'),
        );
      },
    );
  users
    .command('list')
    .description('list the users (never their passwords)')
    .action(async (_o: unknown, command: Command) => {
      const { listUsers } = await import('../../security/index.js');
      const rows = await withWarehouse(command, listUsers);
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'role', 'state', 'tokens', 'created', 'last sign-in'],
              rows.map((r) => [
                r.name,
                r.role,
                r.disabledAt ? `disabled ${r.disabledAt}` : 'active',
                r.activeTokens,
                r.createdAt,
                r.lastSignInAt ?? '',
              ]),
            )
          : 'no users; create one with `clientele users create NAME --role viewer`',
      );
    });
  users
    .command('disable')
    .description('disable a user: sign-ins, sessions and tokens stop working')
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { appendAudit, cliActor, disableUser } = await import('../../security/index.js');
      const result = await withWarehouse(command, async (db) => {
        const done = await disableUser(db, name);
        await appendAudit(db, {
          ...cliActor(),
          action: 'user-change',
          target: `user:${name}`,
          details: { change: 'disable', revokedTokens: done.revokedTokens },
        });
        return done;
      });
      report(command, result, () => `user ${name} disabled; ${result.revokedTokens} token(s) revoked`);
    });
  users
    .command('reset')
    .description('set a new password (and enable the user again); their open sessions end')
    .argument('<name>')
    .option('--password <password>', 'the new password (else read from stdin, else asked)')
    .action(async (name: string, o: { password?: string }, command: Command) => {
      const { appendAudit, cliActor, resetPassword } = await import('../../security/index.js');
      const password = await readPassword(o.password);
      const result = await withWarehouse(command, async (db) => {
        const done = await resetPassword(db, name, password);
        await appendAudit(db, {
          ...cliActor(),
          action: 'user-change',
          target: `user:${name}`,
          details: { change: 'reset' },
        });
        return done;
      });
      report(command, result, () => `password of ${name} reset`);
    });
}
