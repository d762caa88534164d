import { ClienteleError } from '../errors/index.js';

/** What a token or a session may do; each route needs one (routes.ts). */
export const SCOPES = ['read', 'write', 'export', 'admin', 'pii'] as const;
export type Scope = (typeof SCOPES)[number];

/** The roles a user has, each a fixed set of scopes. */
export const ROLES = ['admin', 'analyst', 'marketer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. An analyst models and segments without seeing who people are (no `pii`: masked
 * personal fields); a marketer does the same with contact details, to reach them; a viewer only looks.
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  admin: ['read', 'write', 'export', 'admin', 'pii'],
  analyst: ['read', 'write', 'export'],
  marketer: ['read', 'write', 'export', 'pii'],
  viewer: ['read'],
};

/** The role named `value`, or a coded error listing the roles. */
export function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new ClienteleError(
    'CLT_ERR_USER_ROLE',
    `unknown role ${JSON.stringify(value)}: use ${ROLES.join(', ')}`,
  );
}

/** Scopes from `read,export,…`, each checked against `role`'s; none given means all of the role's. */
export function parseScopes(value: string | undefined, role: Role): Scope[] {
  if (value === undefined || value.trim() === '') return [...ROLE_SCOPES[role]];
  const scopes = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  for (const s of scopes) {
    if (!(SCOPES as readonly string[]).includes(s)) {
      throw new ClienteleError(
        'CLT_ERR_TOKEN_SCOPE',
        `unknown scope ${JSON.stringify(s)}: use ${SCOPES.join(', ')}`,
      );
    }
    if (!ROLE_SCOPES[role].includes(s as Scope)) {
      throw new ClienteleError(
        'CLT_ERR_TOKEN_SCOPE',
        `a ${role} cannot hold a token with scope ${s}: the role has ${ROLE_SCOPES[role].join(', ')}`,
      );
    }
  }
  return scopes as Scope[];
}

/** Who a request or a command acts as. */
export interface Principal {
  /** The user name; `admin` for the server's admin token, `cli:<os user>` for a command. */
  readonly name: string;
  readonly role: Role;
  readonly scopes: ReadonlySet<Scope>;
  /** How it proved who it is. */
  readonly via: 'admin-token' | 'token' | 'session' | 'cli';
  /** The token's id, when a user token authenticated the request. */
  readonly tokenId?: string;
  /** The language the user chose (`en`, `pl`), which answers to them are said in; absent: as the request asks. */
  readonly language?: string;
}

/** Whether `principal` sees personal data as it is (else masked). */
export function seesPersonalData(principal: Principal | null | undefined): boolean {
  return principal?.scopes.has('pii') ?? false;
}
