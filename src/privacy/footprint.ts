import { ClienteleError } from '../errors/index.js';
import { DEFAULT_NORMALIZE } from '../identity/normalize.js';
import { effectiveRules, normalizeIdentifier } from '../identity/rules.js';
import type { IdentifierType } from '../identity/types.js';
import { findProfile } from '../profiles/lookup.js';
import type { Warehouse } from '../store/index.js';
import { fieldCrypto } from './fields.js';
import { type Identifier, knownMatcher } from './identifiers.js';
import { rejectsHolding, rowsHolding, type TableRows } from './rows.js';

/** Everything stored that names one person: their profile, identifiers, records and rejects. */
export interface Footprint {
  /** The identifier asked about, as given. */
  readonly identifier: string;
  /** The profile it resolved to; null when no profile has it (records may still, before resolution). */
  readonly profileId: number | null;
  /** The person's normalized identifiers: the profile's, or the given identifier's readings. */
  readonly identifiers: readonly Identifier[];
  /** Their records in every imported kind's table, by row key (order lines follow their orders). */
  readonly rows: readonly TableRows[];
  /** `rejects` rows (rowids) whose raw record or reason holds one of their identifiers. */
  readonly rejects: readonly string[];
}

// A placeholder many records share (test@example.com, 'unknown') names nobody: looking for the rows that
// hold it would take everyone's.
async function refuseShared(db: Warehouse, identifier: string): Promise<void> {
  const rules = await effectiveRules(db);
  const blocked = new Set(rules.blocked.map((b) => b.toLowerCase()));
  const shared = readings(identifier).find((r) => blocked.has(r.value.toLowerCase()));
  if (shared) {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `'${identifier}' is a placeholder value identity resolution ignores (it names nobody); name the person by another identifier`,
    );
  }
}

// Without a profile, the identifier is read the way a person would mean it: an e-mail, a phone, else an id.
function readings(identifier: string): Identifier[] {
  const text = identifier.trim();
  const read = (type: IdentifierType) => normalizeIdentifier(type, text, DEFAULT_NORMALIZE);
  const email = text.includes('@') ? read('email') : null;
  if (email) return [{ type: 'email', value: email }];
  const phone = /\d{6}/.test(text.replace(/\D/g, '')) ? read('phone') : null;
  const out: Identifier[] = phone ? [{ type: 'phone', value: phone }] : [];
  const id = read('customer_id');
  if (id)
    for (const type of ['user_id', 'customer_id', 'anonymous_id'] as const) out.push({ type, value: id });
  return out;
}

/**
 * Finds everything held on the person an identifier names: the profile identity resolution made, all of
 * its identifiers, every record holding one of them (resolved or not, on this profile or refused onto
 * another), the order lines of their orders, and the rejects that quote them.
 */
export async function findFootprint(db: Warehouse, identifier: string): Promise<Footprint> {
  const profileId = await findProfile(db, identifier);
  if (profileId === null) await refuseShared(db, identifier);
  const crypto = await fieldCrypto(db);
  const stored: Identifier[] =
    profileId === null
      ? readings(identifier)
      : await db.all<{ type: IdentifierType; value: string }>(
          'SELECT id_type AS type, value FROM identity_nodes WHERE profile_id = ? ORDER BY node_id',
          [profileId],
        );
  // With encryption on, node values are sealed: the person's identifiers are matched in clear, in memory.
  const identifiers = crypto ? (crypto.revealDeep(stored) as Identifier[]) : stored;
  const matcher = knownMatcher(identifiers);
  const found = identifiers.length ? await rowsHolding(db, matcher, { known: identifiers }) : [];
  const byTable = new Map(found.map((t) => [t.table, new Set(t.rowKeys)]));
  const add = (table: string, keys: readonly string[]) => {
    if (!keys.length) return;
    const set = byTable.get(table) ?? new Set<string>();
    for (const k of keys) set.add(k);
    byTable.set(table, set);
  };
  if (profileId !== null) {
    const resolved = await db.all<{ t: string; k: string }>(
      'SELECT record_table AS t, row_key AS k FROM record_profiles WHERE profile_id = ?',
      [profileId],
    );
    for (const r of resolved) add(r.t, [r.k]);
  }
  // Order lines often carry only the order id: they go with their orders.
  const orderKeys = [...(byTable.get('orders') ?? [])];
  if (orderKeys.length) {
    const lines = await db.all<{ k: string }>(
      `SELECT i.row_key AS k FROM order_items i WHERE i.order_id IN (
         SELECT o.order_id FROM orders o WHERE ${db.dialect.listContains(db.dialect.jsonList('?', 'VARCHAR'), 'o.row_key')})`,
      [JSON.stringify(orderKeys)],
    );
    add(
      'order_items',
      lines.map((l) => l.k),
    );
  }
  const rejects = identifiers.length ? await rejectsHolding(db, matcher) : [];
  const rows = [...byTable.entries()]
    .map(([table, keys]) => ({ table, rowKeys: [...keys].sort() }))
    .sort((a, b) => a.table.localeCompare(b.table));
  return { identifier, profileId, identifiers, rows, rejects };
}
