import type { FieldSpec, PersonalKind } from '../domain/kinds.js';
import { type FieldCrypto, holdsPersonalKey } from '../privacy/fields.js';
import type { Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';

/** A stage column sealed before the insert: a personal text field, a JSON document, or the raw record of a bad row. */
interface SealedColumn {
  readonly name: string;
  readonly how: { readonly kind: PersonalKind } | 'json' | 'raw';
}

// Rows read into JavaScript at a time: bounded memory for a file of millions of rows.
const CHUNK = 50_000;

const q = (name: string) => identifier(name).text;

/** The stage columns of a plan that hold personal data, and the fields among them (compared by content hash). */
export function sealedColumns(fields: readonly FieldSpec[]): SealedColumn[] {
  const out: SealedColumn[] = [];
  for (const f of fields) {
    if (f.personal && f.type === 'string') out.push({ name: f.name, how: { kind: f.personal } });
    else if (f.type === 'json') out.push({ name: f.name, how: 'json' });
  }
  out.push({ name: 'extra', how: 'json' }, { name: 'raw', how: 'raw' });
  return out;
}

/**
 * Encrypts the personal values of an import's stage (a TEMP table, held in memory) before anything is
 * inserted, so that no clear value reaches the database file or its WAL. The values are read into
 * JavaScript a chunk at a time, sealed, appended to a second TEMP table and written back by one UPDATE:
 * DuckDB has no AES, and a scalar function written in JavaScript costs a marshalled call per value.
 * Returns the number of values sealed.
 */
export async function sealStage(
  db: Warehouse,
  stage: string,
  fields: readonly FieldSpec[],
  crypto: FieldCrypto,
  tag: string,
): Promise<number> {
  const columns = sealedColumns(fields);
  const [range] = await db.all<{ lo: number | null; hi: number | null }>(
    `SELECT min(rowid)::BIGINT AS lo, max(rowid)::BIGINT AS hi FROM ${stage}`,
  );
  if (range?.lo === null || range?.lo === undefined || range.hi === null) return 0;
  const sealTable = `seal_${tag}`;
  await db.run(
    `CREATE TEMP TABLE ${sealTable} (rid BIGINT, ${columns.map((c) => `${q(c.name)} VARCHAR`).join(', ')})`,
  );
  let sealed = 0;
  try {
    for (let lo = Number(range.lo); lo <= Number(range.hi); lo += CHUNK) {
      const data = await db.columns(
        `SELECT rowid::BIGINT AS rid, ${columns.map((c) => `CAST(${q(c.name)} AS VARCHAR) AS ${q(c.name)}`).join(', ')}
         FROM ${stage} WHERE rowid >= ? AND rowid < ?`,
        [lo, lo + CHUNK],
      );
      const rids = data.rid as number[];
      const out = columns.map((c) => {
        const values = data[c.name] as (string | null)[];
        return values.map((v) => {
          if (v === null || v === '') return v;
          sealed++;
          if (c.how === 'raw') return crypto.seal('text', v);
          if (c.how === 'json')
            return holdsPersonalKey(v) ? JSON.stringify(crypto.sealJson(JSON.parse(v))) : v;
          return crypto.seal(c.how.kind, v);
        });
      });
      await db.append(sealTable, [
        { kind: 'int', values: rids },
        ...out.map((values) => ({ kind: 'text' as const, values })),
      ]);
    }
    await db.run(
      `UPDATE ${stage} SET ${columns
        .map((c) => `${q(c.name)} = ${c.how === 'json' ? `CAST(m.${q(c.name)} AS JSON)` : `m.${q(c.name)}`}`)
        .join(', ')} FROM ${sealTable} m WHERE ${stage}.rowid = m.rid`,
    );
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${sealTable}`);
  }
  return sealed;
}
