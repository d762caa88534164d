import { chmod, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getProfile, type Profile } from '../profiles/profile.js';
import type { Warehouse } from '../store/index.js';
import { type ConsentState, type Purpose, profileConsent } from './consent.js';
import { FILE_MODE } from './files.js';
import { findFootprint } from './footprint.js';
import type { Identifier } from './identifiers.js';

/** Everything held on one person (GDPR art. 15 and 20): what `clientele subject-export` writes. */
export interface SubjectExport {
  readonly identifier: string;
  readonly profileId: number | null;
  readonly exportedAt: string;
  readonly identifiers: readonly Identifier[];
  /** The unified profile with its explanation; null when no profile has the identifier. */
  readonly profile: Profile | null;
  /** Every stored record holding one of their identifiers, per table, all columns. */
  readonly records: Record<string, Record<string, unknown>[]>;
  readonly scores: Record<string, unknown>[];
  readonly segments: Record<string, unknown>[];
  readonly consent: Record<Purpose, ConsentState | null> | null;
  readonly identityConflicts: Record<string, unknown>[];
  readonly rejects: Record<string, unknown>[];
}

/** Gathers everything held on the person an identifier names. */
export async function subjectExport(db: Warehouse, identifier: string): Promise<SubjectExport> {
  const fp = await findFootprint(db, identifier);
  const p = fp.profileId;
  const records: Record<string, Record<string, unknown>[]> = {};
  const d = db.dialect;
  const inList = (e: string) => d.listContains(d.jsonList('?', 'VARCHAR'), e);
  const iso = (e: string) => d.formatTime(e, '%Y-%m-%dT%H:%M:%SZ');
  for (const t of fp.rows) {
    records[t.table] = await db.all(
      `SELECT * FROM ${t.table} WHERE ${inList('row_key')} ORDER BY import_id, source_row`,
      [JSON.stringify(t.rowKeys)],
    );
  }
  const customerIds = JSON.stringify(
    fp.identifiers.filter((i) => i.type === 'customer_id').map((i) => i.value),
  );
  const scores = await db.all(
    `SELECT s.score, s.value, s.label, s.run_id AS "runId", r.model, ${iso('r.finished_at')} AS "scoredAt"
     FROM customer_scores s LEFT JOIN model_runs r USING (run_id)
     WHERE s.customer_key = CAST(? AS VARCHAR) OR ${inList('s.customer_key')}
     ORDER BY s.run_id, s.score`,
    [p ?? -1, customerIds],
  );
  const segments =
    p === null
      ? []
      : await db.all(
          `SELECT segment, ${iso('entered_at')} AS "enteredAt", ${iso('exited_at')} AS "exitedAt"
           FROM segment_membership WHERE profile_id = ? ORDER BY entered_at, segment`,
          [p],
        );
  const identityConflicts =
    p === null
      ? []
      : await db.all(
          `SELECT record_table AS "table", row_key AS "rowKey", id_type AS type, value, other_profile_id AS "otherProfile"
           FROM identity_conflicts WHERE profile_id = ? OR other_profile_id = ?`,
          [p, p],
        );
  const rejects = fp.rejects.length
    ? await db.all(
        `SELECT import_id AS "importId", kind, file, source_row AS row, field, reason_code AS "reasonCode", reason, raw
         FROM rejects WHERE ${inList(d.rowLocator('rejects'))}`,
        [JSON.stringify(fp.rejects)],
      )
    : [];
  return {
    identifier,
    profileId: p,
    exportedAt: new Date().toISOString(),
    identifiers: fp.identifiers,
    profile: p === null ? null : await getProfile(db, p, { explain: true, timeline: 10_000 }),
    records,
    scores,
    segments,
    consent: p === null ? null : await profileConsent(db, p),
    identityConflicts,
    rejects,
  };
}

/** What a subject export wrote. */
export interface SubjectExportWritten {
  readonly identifier: string;
  readonly profileId: number | null;
  readonly path: string;
  readonly records: Record<string, number>;
  readonly bytes: number;
}

/** Writes a subject export as JSON to `path`, readable by its owner only. */
export async function writeSubjectExport(
  db: Warehouse,
  identifier: string,
  path: string,
): Promise<SubjectExportWritten> {
  return saveSubjectExport(await subjectExport(db, identifier), path);
}

/** Saves a gathered subject export as JSON to `path`, readable by its owner only. */
export async function saveSubjectExport(data: SubjectExport, path: string): Promise<SubjectExportWritten> {
  const file = resolve(path);
  const body = `${JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`;
  await writeFile(file, body, { mode: FILE_MODE });
  // writeFile's mode applies only to a new file; an existing one is narrowed too.
  await chmod(file, FILE_MODE);
  return {
    identifier: data.identifier,
    profileId: data.profileId,
    path: file,
    records: Object.fromEntries(Object.entries(data.records).map(([t, rows]) => [t, rows.length])),
    bytes: Buffer.byteLength(body),
  };
}
