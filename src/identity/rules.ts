/**
 * The identity rules in force and the normalization of one identifier: what resolution and profile
 * lookups share. A leaf module (it imports nothing from profiles), so profiles can use it without a cycle.
 */
import type { Warehouse } from '../store/index.js';
import {
  type NormalizeOptions,
  normalizeEmail,
  normalizeHandle,
  normalizeId,
  normalizePhone,
} from './normalize.js';
import { DEFAULT_RULES, type IdentifierType, type IdentityRules } from './types.js';

/** The rules in force: defaults, overridden by options, plus the values blocked in the database. */
export async function effectiveRules(
  db: Warehouse,
  rules: Partial<IdentityRules> = {},
): Promise<IdentityRules> {
  const blocked = await db.all<{ value: string }>('SELECT value FROM identity_blocked');
  const keys = await db.all<{ table: string; column: string; field: string | null; name: string }>(
    'SELECT record_table AS "table", source_column AS "column", field, key_name AS name FROM identity_keys ORDER BY declared_at, record_table, source_column',
  );
  return {
    ...DEFAULT_RULES,
    ...rules,
    blocked: [...(rules.blocked ?? DEFAULT_RULES.blocked), ...blocked.map((b) => b.value)],
    personKeys: [...(rules.personKeys ?? []), ...keys],
  };
}

/** Normalizes an identifier of a given type; null when it is unusable (invalid email, not a phone number). */
export function normalizeIdentifier(
  type: IdentifierType,
  raw: string,
  options: NormalizeOptions,
): string | null {
  switch (type) {
    case 'email':
      return normalizeEmail(raw, options);
    case 'phone':
      return normalizePhone(raw, options);
    case 'twitter':
    case 'facebook':
    case 'instagram':
    case 'linkedin':
      return normalizeHandle(raw);
    default:
      return normalizeId(raw);
  }
}
