/** The kinds of identifier the identity graph joins records on, in priority order (highest first). */
export const IDENTIFIER_TYPES = [
  'user_id',
  'customer_id',
  // A column declared an identifier of the person (`import --identifier`): a person key beside per-order ids.
  'person_key',
  'email',
  'phone',
  'anonymous_id',
  'twitter',
  'facebook',
  'instagram',
  'linkedin',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** The rules the graph follows, after Segment Unify's identity resolution settings. */
export interface IdentityRules {
  /** At most this many distinct values of a type on one profile; a merge that would exceed it is refused. */
  readonly limits: Readonly<Partial<Record<IdentifierType, number>>>;
  /** Normalized values that never join anything (shared placeholders such as test@example.com). */
  readonly blocked: readonly string[];
  /** The tracking userId is the shop's customer id, so events join the imported customer records. */
  readonly userIdIsCustomerId: boolean;
  /** Columns declared identifiers of the person, read from `identity_keys`. */
  readonly personKeys: readonly PersonKey[];
}

/** A column some import declared an identifier of the person. */
export interface PersonKey {
  readonly table: string;
  /** The column's name in the file. */
  readonly column: string;
  /** The field it was mapped to, or null when it is kept in `extra` under its own name. */
  readonly field: string | null;
  /** Values of keys with the same name join each other, whatever table holds them. */
  readonly name: string;
}

/** Segment-like defaults: one user id per profile, the usual placeholder values blocked. */
export const DEFAULT_RULES: IdentityRules = {
  limits: { user_id: 1 },
  blocked: [
    'test@example.com',
    'test@test.com',
    'noemail@example.com',
    'none@none.com',
    'unknown',
    'n/a',
    'na',
    'null',
    'none',
    '0',
    '0000000000',
    '+10000000000',
    '-',
  ],
  userIdIsCustomerId: true,
  personKeys: [],
};
