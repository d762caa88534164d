import { ClienteleError } from '../errors/index.js';
import { param, sql, type Warehouse } from '../store/index.js';

/** Owners by source (the `file` of its import: a path, or `api:KEY` for an event write key). */
export async function ownersBySource(db: Warehouse): Promise<Map<string, string>> {
  const rows = await db.all<{ source: string; owner: string }>('SELECT source, owner FROM source_owners');
  return new Map(rows.map((r) => [r.source, r.owner]));
}

/**
 * Names the person responsible for a source's shelf life. The source is named as the audit and the map show
 * it: the file's path, its bare file name, or `api:KEY` (or just KEY) for an event write key.
 */
export async function setSourceOwner(
  db: Warehouse,
  source: string,
  owner: string,
): Promise<{ source: string; owner: string }> {
  const name = owner.trim();
  if (name === '') throw new ClienteleError('CLT_ERR_USAGE', 'the owner is empty: name a person or a team');
  const q = sql`SELECT DISTINCT file FROM imports
    WHERE file = ${param(source)} OR file = ${param(`api:${source}`)} OR file LIKE ${param(`%/${source.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}`)} ESCAPE '\\'`;
  const files = (await db.all<{ file: string }>(q.text, q.params)).map((r) => r.file);
  if (files.length !== 1) {
    throw new ClienteleError(
      'CLT_ERR_AUDIT_UNKNOWN_SOURCE',
      files.length
        ? `${source} names ${files.length} sources: ${files.join(', ')}; give the full path`
        : `no source named ${source}`,
      { source },
    );
  }
  const file = files[0]!;
  await db.run(
    `INSERT INTO source_owners (source, owner, set_at) VALUES (?, ?, now())
     ON CONFLICT (source) DO UPDATE SET owner = excluded.owner, set_at = excluded.set_at`,
    [file, name],
  );
  return { source: file, owner: name };
}
