import { ClienteleError } from '../errors/index.js';
import { PERSONAL_FIELDS } from '../security/personal.js';
import { construct, identifier, param, raw, sql, type Warehouse } from '../store/index.js';
import { resolveField, unknownFieldMessage } from './schema.js';
import { segmentSchema } from './store.js';

/** A value a field takes, with how many profiles (or events) have it. */
export interface FieldValue {
  readonly value: string;
  readonly count: number;
}

/** The pseudo-field whose values are event names (for `did 'EVENT'` conditions). */
export const EVENT_NAMES = '$event';

/**
 * The most common values of a profile field (a column or a trait) that start with `prefix` (any case), most
 * common first, for the segment builder's value pickers; `$event` gives event names. Personal fields (e-mail,
 * names, phone …) are refused: their values would list people, not kinds of people.
 */
export async function fieldValues(
  db: Warehouse,
  field: string,
  options: { prefix?: string; limit?: number } = {},
): Promise<FieldValue[]> {
  const prefix = (options.prefix ?? '').toLowerCase();
  const limit = Math.max(1, Math.min(50, options.limit ?? 10));
  if (field === EVENT_NAMES) {
    const q = sql`SELECT event AS value, CAST(count(*) AS INTEGER) AS count FROM events
      WHERE event IS NOT NULL AND starts_with(lower(event), ${param(prefix)})
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${param(limit)}`;
    return db.all<{ value: string; count: number }>(q.text, q.params);
  }
  const schema = await segmentSchema(db, new Set([field]));
  const resolved = resolveField(schema, field);
  if (resolved === undefined)
    throw new ClienteleError('CLT_ERR_SEGMENT_INVALID', unknownFieldMessage(schema, field), { field });
  if (PERSONAL_FIELDS.has(resolved.name))
    throw new ClienteleError(
      'CLT_ERR_SEGMENT_INVALID',
      `${resolved.name} is personal data: the builder suggests no values for it`,
      { field: resolved.name },
    );
  // Scores and numbers are typed in; suggestions are for the words a field takes.
  if (resolved.source === 'score' || resolved.type === 'number') return [];
  const expr =
    resolved.source === 'column'
      ? sql`CAST(${identifier(resolved.name)} AS VARCHAR)`
      : construct(
          (key) => db.dialect.jsonTextAt('traits', key),
          sql`${param(db.dialect.jsonKeyParam(resolved.name))}`,
        );
  const q = sql`SELECT v AS value, CAST(count(*) AS INTEGER) AS count
    FROM (SELECT ${expr} AS v FROM profiles) ${raw('x')}
    WHERE v IS NOT NULL AND v <> '' AND starts_with(lower(v), ${param(prefix)})
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${param(limit)}`;
  return db.all<{ value: string; count: number }>(q.text, q.params);
}
