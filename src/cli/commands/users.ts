import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import type { CreatedUser, UserInfo } from '../../security/index.js';
import { ROLES } from '../../security/roles.js';
import { DEFAULT_TOKEN_DAYS } from '../../security/tokens.js';
import { parseCount, report } from '../context.js';
import { table } from '../format.js';
import { viaFileOrServer } from '../held.js';
import { cliSay } from '../lang.js';
import { readPassword } from '../password.js';

// Loaded when a command runs, so that `--version` and `--help` skip argon2 and the store.
const security = () => import('../../security/index.js');

// Users need no profile upkeep first; while `clientele serve` holds the file, they go through its admin API.
const NOT_CURRENT = { current: false } as const;
const USERS = '/v1/admin/users';

/** `clientele users create|list|disable|reset|language`: people who sign in, each with a role. */
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
        const password = await readPassword(o.password);
        const input = { name, role: o.role, password, scopes: o.scopes, tokenDays: o.tokenDays };
        const created = await viaFileOrServer<CreatedUser>(
          command,
          async (db) => {
            const { cliActor, createUserWithToken } = await security();
            return createUserWithToken(db, cliActor(), input);
          },
          { method: 'POST', path: USERS, body: input },
          NOT_CURRENT,
        );
        report(command, { name, role: created.role, token: created.token }, () =>
          [
            `user ${name} (${created.role}) created; their API token (shown once; store it now):`,
            '',
            `  ${created.token}`,
            '',
            `scopes ${created.scopes.join(', ')}; ${created.expiresAt ? `expires ${created.expiresAt}` : 'never expires'}.`,
            'Send it as `Authorization: Bearer <token>`; in the web app, sign in with the name and password.',
          ].join('\n'),
        );
      },
    );
  users
    .command('list')
    .description('list the users (never their passwords)')
    .action(async (_o: unknown, command: Command) => {
      const rows = await viaFileOrServer<UserInfo[]>(
        command,
        async (db) => (await security()).listUsers(db),
        { method: 'GET', path: USERS },
        NOT_CURRENT,
      );
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
      const result = await viaFileOrServer<{ revokedTokens: number }>(
        command,
        async (db) => {
          const { cliActor, disableUserAudited } = await security();
          return disableUserAudited(db, cliActor(), name);
        },
        { method: 'POST', path: `${USERS}/${encodeURIComponent(name)}/disable` },
        NOT_CURRENT,
      );
      report(command, result, () => `user ${name} disabled; ${result.revokedTokens} token(s) revoked`);
    });
  users
    .command('reset')
    .description('set a new password (and enable the user again); their open sessions end')
    .argument('<name>')
    .option('--password <password>', 'the new password (else read from stdin, else asked)')
    .action(async (name: string, o: { password?: string }, command: Command) => {
      const password = await readPassword(o.password);
      const result = await viaFileOrServer<unknown>(
        command,
        async (db) => {
          const { cliActor, resetPasswordAudited } = await security();
          return resetPasswordAudited(db, cliActor(), name, password);
        },
        { method: 'POST', path: `${USERS}/${encodeURIComponent(name)}/reset`, body: { password } },
        NOT_CURRENT,
      );
      report(command, result, () => `password of ${name} reset`);
    });
  users
    .command('language')
    .description(
      "set the language a user's answers are said in (en or pl; auto follows their browser's Accept-Language)",
    )
    .argument('<name>')
    .argument('<language>', 'en, pl or auto')
    .action(async (name: string, given: string, _o: unknown, command: Command) => {
      const language = parseLanguage(given);
      const result = await viaFileOrServer<{ name: string; language: 'en' | 'pl' | null }>(
        command,
        async (db) => {
          const { cliActor, setUserLanguageAudited } = await security();
          return setUserLanguageAudited(db, cliActor(), name, language);
        },
        { method: 'POST', path: `${USERS}/${encodeURIComponent(name)}/language`, body: { language } },
        NOT_CURRENT,
      );
      const { s } = cliSay(command);
      report(command, result, () =>
        s.t('cli.users.language', {
          name,
          language: s.t(`cli.users.language.${result.language ?? 'auto'}`),
        }),
      );
    });
}

// A language as the command takes it: en, pl, or auto (no setting: each request's Accept-Language decides).
function parseLanguage(value: string): 'en' | 'pl' | null {
  const v = value.trim().toLowerCase();
  if (v === 'en' || v === 'pl') return v;
  if (v === 'auto') return null;
  throw new ClienteleError('CLT_ERR_USAGE', `language ${value}: use en, pl or auto`);
}
