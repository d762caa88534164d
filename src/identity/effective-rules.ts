/**
 * The identity rules in force. A leaf apart from rules.ts so that reading the data signature (every command
 * does, src/identity/state.ts) does not load the phone-number library that normalization needs.
 */
import type { Warehouse } from '../store/index.js';
import { DEFAULT_RULES, type IdentityRules } from './types.js';

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
