import type { IdentifierType } from '../identity/types.js';
import type { Warehouse } from '../store/index.js';
import { blindIndex, blindMatcher, type IdentifierMatcher, rawMatches, textHolds } from './identifiers.js';
import { type InstanceKey, requireDatabaseKey } from './key.js';
import { rejectsHolding, rowsHolding } from './rows.js';

/** A suppression's kind: an identifier type, or an order id (whose lines may come later without identifiers). */
export type SuppressedType = IdentifierType | 'order_id';

/**
 * The people erased from this database, known only by the blind indexes of their identifiers: what an
 * import or the Event API checks incoming records against so that erased people do not come back.
 */
export class SuppressionList {
  #key: InstanceKey | null = null;
  #indexes = new Set<string>();

  /** Reads the suppressions of a database (its instance key is needed only when there are some). */
  static async load(db: Warehouse): Promise<SuppressionList> {
    const list = new SuppressionList();
    await list.reload(db);
    return list;
  }

  /** Reads the suppressions again (after an erasure). */
  async reload(db: Warehouse): Promise<void> {
    const rows = await db.all<{ b: string }>('SELECT blind_index AS b FROM suppressions');
    this.#key = rows.length ? await requireDatabaseKey(db) : null;
    this.#indexes = new Set(rows.map((r) => r.b));
  }

  /** How many identifiers are suppressed. */
  get size(): number {
    return this.#indexes.size;
  }

  /** A matcher for the suppressed identifiers; null when there are none. */
  matcher(): IdentifierMatcher | null {
    return this.#key && this.#indexes.size ? blindMatcher(this.#key, this.#indexes) : null;
  }

  /** Whether an order id belongs to an erased person. */
  hasOrder(orderId: string): boolean {
    return this.#key !== null && this.#indexes.has(blindIndex(this.#key, 'order_id', orderId.trim()));
  }

  /** Whether an `events` row (as the Event API's JSON line) names an erased person. */
  holdsEventLine(line: string): boolean {
    const m = this.matcher();
    if (!m) return false;
    const row = JSON.parse(line) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
    const traits = (row.traits ?? {}) as Record<string, unknown>;
    const tries: [IdentifierType, unknown][] = [
      ['user_id', row.user_id],
      // The tracking userId is the shop's customer id (identity's default rule).
      ['customer_id', row.user_id],
      ['anonymous_id', row.anonymous_id],
      ['anonymous_id', row.previous_id],
      ['email', row.email],
      ['phone', row.phone],
      ['email', traits.email],
      ['phone', traits.phone],
    ];
    return tries.some(([type, v]) => {
      const raw = str(v);
      return raw !== null && rawMatches(m, type, raw);
    });
  }

  /** Whether free text (a rejected event's raw JSON) quotes an erased person's identifier. */
  holdsText(text: string): boolean {
    const m = this.matcher();
    return m !== null && textHolds(text, m);
  }
}

/** The suppression rows for a person's identifiers and order ids, under the instance key. */
export function suppressionEntries(
  key: InstanceKey,
  entries: readonly { readonly type: SuppressedType; readonly value: string }[],
): { type: SuppressedType; blindIndex: string }[] {
  const seen = new Set<string>();
  const out: { type: SuppressedType; blindIndex: string }[] = [];
  for (const e of entries) {
    const index = blindIndex(key, e.type, e.value);
    if (seen.has(index)) continue;
    seen.add(index);
    out.push({ type: e.type, blindIndex: index });
  }
  return out;
}

/**
 * After an import wrote its rows (inside its transaction): removes the rows and rejects of this import
 * that name an erased person, and returns how many rows were dropped. Costs one query when nobody was erased.
 */
export async function dropSuppressedRows(tx: Warehouse, table: string, importId: number): Promise<number> {
  const [count] = await tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM suppressions');
  if (!count?.n) return 0;
  const list = await SuppressionList.load(tx);
  const matcher = list.matcher();
  if (!matcher) return 0;
  const where = { sql: 't.import_id = ?', params: [importId] };
  const keys = new Set((await rowsHolding(tx, matcher, { tables: [table], where }))[0]?.rowKeys ?? []);
  if (table === 'order_items' || table === 'orders') {
    const ids = await tx.all<{ k: string; o: string }>(
      `SELECT row_key AS k, order_id AS o FROM ${table} WHERE import_id = ? AND order_id IS NOT NULL`,
      [importId],
    );
    for (const r of ids) if (list.hasOrder(r.o)) keys.add(r.k);
  }
  let dropped = 0;
  const d = tx.dialect;
  const inKeys = d.listContains(d.jsonList('?', 'VARCHAR'), 'row_key');
  if (keys.size) {
    const [n] = await tx.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${table} WHERE import_id = ? AND ${inKeys}`,
      [importId, JSON.stringify([...keys])],
    );
    dropped = n?.n ?? 0;
    await tx.run(`DELETE FROM ${table} WHERE import_id = ? AND ${inKeys}`, [
      importId,
      JSON.stringify([...keys]),
    ]);
  }
  const rejects = await rejectsHolding(tx, matcher, { sql: 'r.import_id = ?', params: [importId] });
  if (rejects.length)
    await tx.run(
      `DELETE FROM rejects WHERE ${d.listContains(d.jsonList('?', 'VARCHAR'), d.rowLocator('rejects'))}`,
      [JSON.stringify(rejects)],
    );
  return dropped;
}
