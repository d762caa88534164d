import { recordDistributions } from '../housekeeping/drift/record.js';
import { refreshSegments } from '../segments/refresh.js';
import type { Dialect, Row, Warehouse } from '../store/index.js';
import { join, param, raw, sql } from '../store/sql.js';
import type { ModelCard } from './card.js';

/** One score per customer, written back under a name: a number, a label, or both. */
export interface ScoreColumn {
  readonly name: string;
  readonly values?: ArrayLike<number>;
  readonly labels?: readonly (string | null)[];
}

/** What a finished model run leaves behind: its log row, its card and its per-customer scores. */
export interface RunRecord {
  readonly model: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly card: ModelCard;
  readonly startedAt: Date;
  readonly customers: readonly string[];
  readonly scores: readonly ScoreColumn[];
}

/** A row of `clientele model runs`. */
export interface ModelRun {
  readonly runId: number;
  readonly model: string;
  readonly parameters: unknown;
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly customersScored: number;
  readonly metrics: unknown;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly card: unknown;
}

// Scores go in through JSON arrays unnested by the engine, in chunks, instead of one bound
// statement per row: a million customers is a few statements.
const CHUNK = 50_000;
const SEP = '\x1f';
const clean = (text: string): string => text.replaceAll(SEP, ' ');

/** Records a run and writes its scores in one transaction; returns the run id. */
export async function recordRun(db: Warehouse, record: RunRecord): Promise<number> {
  const id = await writeRun(db, record);
  // What the run saw, for `clientele model drift` (src/housekeeping/drift).
  await recordDistributions(db, id, record.model, record.scores);
  // Segments whose rules name a score just written move with it.
  if (record.scores.length) await refreshSegments(db, { fields: record.scores.map((s) => s.name) });
  return id;
}

async function writeRun(db: Warehouse, record: RunRecord): Promise<number> {
  const finishedAt = new Date();
  const seconds = (finishedAt.getTime() - record.startedAt.getTime()) / 1000;
  return db.transaction(async (tx) => {
    const [{ id } = { id: 0 }] = await tx.all<{ id: number }>("SELECT nextval('model_run_ids') AS id");
    const { data } = record.card;
    await tx.run(
      `INSERT INTO model_runs (run_id, model, parameters, window_start, window_end, rows_read, rows_used,
         customers_scored, metrics, started_at, finished_at, seconds, card)
       VALUES (?, ?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        record.model,
        JSON.stringify(record.parameters),
        data.windowStart,
        data.windowEnd,
        data.rowsRead,
        data.rowsUsed,
        record.customers.length,
        JSON.stringify(record.metrics),
        record.startedAt,
        finishedAt,
        seconds,
        JSON.stringify({ ...record.card, runId: id }),
      ],
    );
    const d = tx.dialect;
    for (const score of record.scores) {
      for (let start = 0; start < record.customers.length; start += CHUNK) {
        const end = Math.min(start + CHUNK, record.customers.length);
        // Text lists split by the engine: far cheaper to bind and parse than JSON at a million rows.
        const keys = record.customers.slice(start, end).map(clean).join(SEP);
        const values = Array.from({ length: end - start }, (_, i) => {
          const v = score.values?.[start + i];
          return v !== undefined && Number.isFinite(v) ? String(v) : '';
        }).join(',');
        const labels = score.labels
          ? Array.from({ length: end - start }, (_, i) => clean(score.labels?.[start + i] ?? '')).join(SEP)
          : null;
        await tx.run(
          `INSERT INTO customer_scores (customer_key, run_id, score, value, label)
           SELECT unnest(${d.splitText('?', 'chr(31)')}), ?, ?,
                  CAST(nullif(unnest(${d.splitText('?', "','")}), '') AS DOUBLE),
                  ${labels === null ? 'NULL' : `nullif(unnest(${d.splitText('?', 'chr(31)')}), '')`}`,
          [keys, id, score.name, values, ...(labels === null ? [] : [labels])],
        );
      }
    }
    // A person who refused profiling (the `profiling` consent, docs/privacy.md) keeps no individual score:
    // models may still learn from aggregates, but nothing is stored, segmented or activated on them.
    if (record.scores.length) {
      await tx.run(
        `DELETE FROM customer_scores WHERE run_id = ? AND customer_key IN (${PROFILING_REFUSED})`,
        [id],
      );
      await tx.run(
        `UPDATE model_runs SET customers_scored = (SELECT count(DISTINCT customer_key) FROM customer_scores WHERE run_id = ?)
         WHERE run_id = ?`,
        [id, id],
      );
    }
    return id;
  });
}

// Profiles whose latest statement on profiling is a refusal, as customer keys (a profile id as text).
const PROFILING_REFUSED = `SELECT CAST(profile_id AS VARCHAR) FROM consents WHERE purpose = 'profiling' AND NOT granted`;

const runColumns = (
  d: Dialect,
) => `SELECT run_id, model, CAST(parameters AS VARCHAR) AS parameters, ${d.formatTime('window_start', '%Y-%m-%dT%H:%M:%SZ')} AS window_start,
       ${d.formatTime('window_end', '%Y-%m-%dT%H:%M:%SZ')} AS window_end, rows_read, rows_used, customers_scored,
       CAST(metrics AS VARCHAR) AS metrics, ${d.formatTime('started_at', '%Y-%m-%dT%H:%M:%S.%gZ')} AS started_at,
       ${d.formatTime('finished_at', '%Y-%m-%dT%H:%M:%S.%gZ')} AS finished_at, seconds, CAST(card AS VARCHAR) AS card
     FROM model_runs`;

/** One recorded run, or undefined when there is none with that id. */
export async function getRun(db: Warehouse, runId: number): Promise<ModelRun | undefined> {
  return (await listRuns(db, { runId, limit: 1 }))[0];
}

/** The recorded runs, newest first (of one model, or the one run `runId`, when given). */
export async function listRuns(
  db: Warehouse,
  options: { model?: string; limit?: number; runId?: number } = {},
): Promise<ModelRun[]> {
  const where = [
    ...(options.model ? [sql`model = ${param(options.model)}`] : []),
    ...(options.runId !== undefined ? [sql`run_id = ${param(options.runId)}`] : []),
  ];
  const q = sql`${raw(runColumns(db.dialect))} ${where.length ? sql`WHERE ${join(where, ' AND ')}` : raw('')} ORDER BY run_id DESC LIMIT ${param(options.limit ?? 100)}`;
  const rows = await db.all<Row>(q.text, q.params);
  const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : null);
  return rows.map((r) => ({
    runId: Number(r.run_id),
    model: String(r.model),
    parameters: json(r.parameters),
    windowStart: (r.window_start as string | null) ?? null,
    windowEnd: (r.window_end as string | null) ?? null,
    rowsRead: Number(r.rows_read),
    rowsUsed: Number(r.rows_used),
    customersScored: Number(r.customers_scored),
    metrics: json(r.metrics),
    startedAt: String(r.started_at),
    finishedAt: String(r.finished_at),
    seconds: Number(r.seconds),
    card: json(r.card),
  }));
}
