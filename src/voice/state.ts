import { raw, sql, type Warehouse } from '../store/index.js';
import { documentsRelation } from './documents.js';

/**
 * A signature of everything a text answer reads: every text customers wrote (count and XOR of the hashes of
 * source, id and text) and the segments' memberships (their refresh times). Equal signatures, equal answers:
 * the persona cache and the routes' answer cache key on it.
 */
export async function textState(db: Warehouse): Promise<string> {
  const q = sql`SELECT count(*)::VARCHAR || ':' || coalesce(CAST(bit_xor(${raw(db.dialect.tupleHash(['p.source', 'p.id', 'p.text']))}) AS VARCHAR), '')
      || ':' || coalesce((SELECT CAST(max(refreshed_at) AS VARCHAR) || '/' || CAST(count(*) AS VARCHAR) FROM segments), '')
    AS state FROM (${documentsRelation('all')}) AS p`;
  const [row] = await db.all<{ state: string }>(q.text, [...q.params]);
  return row?.state ?? '';
}
