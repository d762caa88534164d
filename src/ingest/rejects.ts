import { LIKE_ESCAPE, likeEscape, type Warehouse } from '../store/index.js';

/** A rejected row as `clientele rejects` shows it. */
export interface RejectRow {
  readonly importId: number;
  readonly kind: string;
  readonly file: string;
  readonly row: number | null;
  readonly line: number | null;
  readonly column: string | null;
  readonly field: string | null;
  readonly reasonCode: string;
  readonly reason: string;
  readonly raw: string | null;
  readonly rejectedAt: string;
}

/** Which rejects to list. */
export interface RejectsQuery {
  readonly importId?: number;
  readonly file?: string;
  readonly reasonCode?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Lists rejected rows, newest import first, in file order within an import. */
export async function listRejects(
  db: Warehouse,
  query: RejectsQuery = {},
): Promise<{ total: number; rows: RejectRow[] }> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.importId !== undefined) {
    where.push('import_id = ?');
    params.push(query.importId);
  }
  if (query.file !== undefined) {
    where.push(`(file = ? OR file LIKE ? ${LIKE_ESCAPE})`);
    params.push(query.file, `%/${likeEscape(query.file)}`);
  }
  if (query.reasonCode !== undefined) {
    where.push('reason_code = ?');
    params.push(query.reasonCode);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM rejects ${clause}`, params);
  const rows = await db.all<Record<string, unknown>>(
    `SELECT import_id, kind, file, source_row, source_line, source_column, field, reason_code, reason, left(raw, 2000) AS raw,
       ${db.dialect.formatTime('rejected_at', '%Y-%m-%dT%H:%M:%SZ')} AS rejected_at
     FROM rejects ${clause} ORDER BY import_id DESC, coalesce(source_row, source_line), source_line LIMIT ? OFFSET ?`,
    [...params, query.limit ?? 100, query.offset ?? 0],
  );
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({
      importId: r.import_id as number,
      kind: r.kind as string,
      file: r.file as string,
      row: (r.source_row as number | null) ?? null,
      line: (r.source_line as number | null) ?? null,
      column: (r.source_column as string | null) ?? null,
      field: (r.field as string | null) ?? null,
      reasonCode: r.reason_code as string,
      reason: r.reason as string,
      raw: (r.raw as string | null) ?? null,
      rejectedAt: r.rejected_at as string,
    })),
  };
}
