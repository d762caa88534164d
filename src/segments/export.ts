/**
 * A saved segment's members written to a file for other tools (an ad platform's audience upload, a
 * spreadsheet): CSV or Parquet, written by the engine.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { csvRow } from '../demo/csv.js';
import { ClienteleError } from '../errors/index.js';
import { consentCondition, type Purpose } from '../privacy/consent.js';
import { fieldCrypto } from '../privacy/fields.js';
import { restrictFiles } from '../privacy/files.js';
import { maskSql, neutraliseSql, PERSONAL_FIELDS } from '../security/index.js';
import { duckdbDialect, openDuckDB, type Warehouse } from '../store/index.js';
import { getSegment } from './store.js';

/** The file formats a segment exports to. */
export type ExportFormat = 'csv' | 'parquet';

/** What an export wrote. */
export interface SegmentExport {
  readonly name: string;
  readonly format: ExportFormat;
  readonly path: string;
  readonly rows: number;
  /** The consent purpose members were filtered by, if any. */
  readonly purpose?: Purpose;
}

// The latest run's score per profile (customer_key is the profile id as text), or NULL before any run.
const score = (name: string, column: 'value' | 'label') =>
  `(SELECT s.${column} FROM customer_scores s WHERE s.score = ${duckdbDialect.literal(name)} AND s.customer_key = CAST(p.profile_id AS VARCHAR)
     AND s.run_id = (SELECT max(run_id) FROM customer_scores WHERE score = ${duckdbDialect.literal(name)}))`;

// The text columns of an export: in CSV each is neutralised against formula injection.
const TEXT_COLUMNS = [
  'customer_ids',
  'email',
  'phone',
  'first_name',
  'last_name',
  'city',
  'region',
  'country',
  'rfm_tier',
];

/**
 * Writes the current members of `name` with their identifiers, main traits and scores to `path`. With
 * `mask`, personal fields are masked (a caller without the `pii` scope); in CSV, text cells that a
 * spreadsheet would run as a formula are prefixed with `'`.
 */
export async function exportSegment(
  db: Warehouse,
  name: string,
  options: { format: ExportFormat; path: string; mask?: boolean; purpose?: Purpose | undefined },
): Promise<SegmentExport> {
  await getSegment(db, name);
  if (options.format !== 'csv' && options.format !== 'parquet') {
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `export format '${String(options.format)}': use csv or parquet`,
    );
  }
  const path = resolve(options.path);
  // An export is an activation: with a purpose, only members who consented to it leave the database.
  const consent = options.purpose ? `AND ${consentCondition(options.purpose)}` : '';
  const d = db.dialect;
  // The database server writes CSV rows this process turns into the file (it cannot write the client's files):
  // identifiers joined with ';' in either format there.
  const onServer = d.name === 'postgres';
  // CSV has no lists: identifiers are joined with ';'.
  const ids =
    options.format === 'csv' || onServer
      ? `array_to_string(coalesce(p.customer_ids, ${d.emptyTextList}), ';')`
      : `coalesce(p.customer_ids, ${d.emptyTextList})`;
  // With personal fields encrypted, the members' contact fields are decrypted into a TEMP table (memory, never
  // the database file), which the export reads instead of the stored ciphertext; masking then works as usual.
  const clear = await clearContacts(db, name);
  const profiles = clear
    ? `(SELECT p.* EXCLUDE (${CONTACTS.join(', ')}), ${CONTACTS.map((c) => `c.${c}`).join(', ')}
        FROM profiles p JOIN ${clear} c ON c.profile_id = p.profile_id)`
    : 'profiles';
  const query = `SELECT p.profile_id AS id, ${ids} AS customer_ids, p.email, p.phone, p.first_name, p.last_name,
      p.city, p.region, p.country, p.orders, ${d.round('p.revenue', 2)} AS revenue,
      ${score('clv', 'value')} AS clv, ${score('churn_risk', 'value')} AS churn_risk, ${score('rfm_tier', 'label')} AS rfm_tier,
      m.entered_at
    FROM segment_membership m JOIN ${profiles} p USING (profile_id)
    WHERE m.segment = $1 AND m.exited_at IS NULL ${consent} ORDER BY p.profile_id`;
  const replaced = TEXT_COLUMNS.flatMap((c) => {
    const kind = options.mask ? PERSONAL_FIELDS.get(c) : undefined;
    const masked = kind ? maskSql(d, kind, c) : c;
    if (options.format === 'csv') return [`${neutraliseSql(d, masked)} AS ${c}`];
    return kind ? [`${masked} AS ${c}`] : [];
  });
  const replacements = Object.fromEntries(
    replaced.map((r) => {
      const at = r.lastIndexOf(' AS ');
      return [r.slice(at + 4), r.slice(0, at)];
    }),
  );
  const safe = replaced.length
    ? `SELECT ${d.replaceColumns('q', EXPORT_COLUMNS, replacements)} FROM (${query}) q`
    : query;
  const format = options.format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet)';
  try {
    if (onServer) await writeFromServer(db, safe, name, path, options.format);
    // Numbered: DuckDB numbers COPY's target before the query's `?`s, so positional marks would swap them.
    else await db.run(`COPY (${safe}) TO $2 ${format}`, [name, path]);
    restrictFiles(path);
  } catch (e) {
    throw new ClienteleError('CLT_ERR_USAGE', `could not write ${path}: ${(e as Error).message}`, { path });
  } finally {
    if (clear) await db.run(`DROP TABLE IF EXISTS ${clear}`);
  }
  const [r] = await db.all<{ n: number }>(
    `SELECT count(*) AS n FROM segment_membership m JOIN profiles p USING (profile_id) WHERE m.segment = ? AND m.exited_at IS NULL ${consent}`,
    [name],
  );
  return {
    name,
    format: options.format,
    path,
    rows: r?.n ?? 0,
    ...(options.purpose && { purpose: options.purpose }),
  };
}

// The export query's columns, in order (a dialect without `* REPLACE` lists them).
const EXPORT_COLUMNS = [
  'id',
  'customer_ids',
  'email',
  'phone',
  'first_name',
  'last_name',
  'city',
  'region',
  'country',
  'orders',
  'revenue',
  'clv',
  'churn_risk',
  'rfm_tier',
  'entered_at',
];

const cell = (v: unknown): string | number | boolean | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'number' || typeof v === 'boolean'
        ? v
        : String(v);

/**
 * A database server's export: its rows streamed a few thousand at a time into a CSV file here (the server
 * cannot write this machine's files); Parquet is then written from that CSV by an in-memory DuckDB.
 */
async function writeFromServer(
  db: Warehouse,
  query: string,
  name: string,
  path: string,
  format: ExportFormat,
): Promise<void> {
  const csv = format === 'csv' ? path : `${path}.${randomBytes(4).toString('hex')}.csv`;
  const out = createWriteStream(csv);
  try {
    out.write(csvRow(EXPORT_COLUMNS));
    await db.stream(
      query,
      async (columns) => {
        const cols = EXPORT_COLUMNS.map((c) => columns[c] ?? []);
        const n = cols[0]?.length ?? 0;
        let text = '';
        for (let i = 0; i < n; i++) text += csvRow(cols.map((col) => cell(col[i])));
        if (!out.write(text)) await once(out, 'drain');
      },
      [name],
    );
    out.end();
    await once(out, 'finish');
    if (format === 'parquet') {
      const scratch = await openDuckDB(':memory:');
      try {
        await scratch.run('COPY (SELECT * FROM read_csv($1, header = true)) TO $2 (FORMAT parquet)', [
          csv,
          path,
        ]);
      } finally {
        await scratch.close();
      }
    }
  } finally {
    if (!out.closed) out.destroy();
    if (csv !== path) await rm(csv, { force: true });
  }
}

// The personal columns of an export that an encrypted database holds sealed.
const CONTACTS = ['email', 'phone', 'first_name', 'last_name'] as const;

// The current members' contact fields in clear, in a TEMP table; null when the database is not encrypted.
async function clearContacts(db: Warehouse, name: string): Promise<string | null> {
  const crypto = await fieldCrypto(db);
  if (!crypto) return null;
  const table = `clear_${randomBytes(6).toString('hex')}`;
  const rows = await db.columns<{
    profile_id: number[];
    email: (string | null)[];
    phone: (string | null)[];
    first_name: (string | null)[];
    last_name: (string | null)[];
  }>(
    `SELECT p.profile_id, ${CONTACTS.map((c) => `p.${c}`).join(', ')} FROM segment_membership m JOIN profiles p USING (profile_id)
     WHERE m.segment = ? AND m.exited_at IS NULL`,
    [name],
  );
  await db.run(
    `CREATE TEMP TABLE ${table} (profile_id BIGINT, ${CONTACTS.map((c) => `${c} VARCHAR`).join(', ')})`,
  );
  const open = (values: (string | null)[]) => values.map((v) => (v === null ? v : crypto.reveal(v)));
  await db.append(table, [
    { kind: 'int', values: rows.profile_id },
    ...CONTACTS.map((c) => ({ kind: 'text' as const, values: open(rows[c]) })),
  ]);
  return table;
}
