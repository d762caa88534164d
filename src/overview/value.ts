/** The value summary of the web app (the latest RFM grid and CLV distribution) and one profile's scores. */
import { ClienteleError } from '../errors/index.js';
import { findProfile } from '../profiles/index.js';
import { churnRiskOf, isAtRisk, moneyTotal } from '../semantics/index.js';
import type { Warehouse } from '../store/index.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What `GET /v1/value/summary` answers: the latest RFM run as a grid, the latest CLV run as a histogram. */
export interface ValueSummary {
  readonly rfm: {
    runId: number;
    cells: { r: number; fm: number; tier: string | null; customers: number; revenue: number }[];
  } | null;
  readonly clv: {
    runId: number;
    customers: number;
    mean: number;
    total: number;
    bands: { from: number; to: number; customers: number; value: number }[];
  } | null;
}

/** The round step at or above `raw`: 1, 2, 2.5 or 5 times a power of ten (a histogram's band width). */
export function roundStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** The RFM grid (counts and revenue per R × FM cell) and the CLV distribution, from the latest runs' scores. */
export async function valueSummary(db: Warehouse): Promise<ValueSummary> {
  const [rfmRun] = await db.all<{ r: number | null }>(
    "SELECT max(run_id) AS r FROM customer_scores WHERE score = 'rfm_r'",
  );
  let rfm: ValueSummary['rfm'] = null;
  if (rfmRun?.r !== null && rfmRun?.r !== undefined) {
    // FM = ⌊(F + M + 1) / 2⌋, as in src/modeling/rfm.ts.
    const d = db.dialect;
    const cells = await db.all<{
      r: number;
      fm: number;
      tier: string | null;
      customers: number;
      revenue: number;
    }>(
      `WITH s AS (
         SELECT customer_key, max(value) FILTER (WHERE score = 'rfm_r') AS r, max(value) FILTER (WHERE score = 'rfm_f') AS f,
           max(value) FILTER (WHERE score = 'rfm_m') AS m, max(label) FILTER (WHERE score = 'rfm_tier') AS tier
         FROM customer_scores WHERE run_id = ? AND score IN ('rfm_r', 'rfm_f', 'rfm_m', 'rfm_tier') GROUP BY customer_key)
       SELECT CAST(s.r AS INTEGER) AS r, CAST(floor((s.f + s.m + 1) / 2) AS INTEGER) AS fm, ${d.modeOf('s.tier')} AS tier,
         count(*) AS customers, ${moneyTotal('p.revenue')} AS revenue
       FROM s LEFT JOIN profiles p ON CAST(p.profile_id AS VARCHAR) = s.customer_key
       WHERE s.r IS NOT NULL GROUP BY 1, 2 ORDER BY r, fm`,
      [rfmRun.r],
    );
    rfm = {
      runId: Number(rfmRun.r),
      cells: cells.map((c) => ({
        r: Number(c.r),
        fm: Number(c.fm),
        tier: c.tier,
        customers: Number(c.customers),
        revenue: round2(Number(c.revenue)),
      })),
    };
  }
  const [clvRun] = await db.all<{ r: number | null }>(
    "SELECT max(run_id) AS r FROM customer_scores WHERE score = 'clv'",
  );
  let clv: ValueSummary['clv'] = null;
  if (clvRun?.r !== null && clvRun?.r !== undefined) {
    const [stats] = await db.all<{ n: number; mean: number; total: number; hi: number }>(
      `SELECT count(*) AS n, avg(value) AS mean, sum(value) AS total, ${db.dialect.continuousQuantile('value', 0.99)} AS hi
       FROM customer_scores WHERE run_id = ? AND score = 'clv' AND value IS NOT NULL`,
      [clvRun.r],
    );
    // About twenty bands of a round width (50, 100, 250…: edges a person reads as money) up to the 99th
    // percentile; the last band takes the long tail.
    const hi = Math.max(1, Number(stats?.hi ?? 1));
    const width = roundStep(hi / 20);
    const last = Math.max(0, Math.ceil(hi / width) - 1);
    const bands = await db.all<{ b: number; customers: number; value: number }>(
      `SELECT CAST(least(?, greatest(0, floor(value / ?))) AS INTEGER) AS b, count(*) AS customers, sum(value) AS value
       FROM customer_scores WHERE run_id = ? AND score = 'clv' AND value IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [last, width, clvRun.r],
    );
    clv = {
      runId: Number(clvRun.r),
      customers: Number(stats?.n ?? 0),
      mean: round2(Number(stats?.mean ?? 0)),
      total: round2(Number(stats?.total ?? 0)),
      bands: bands.map((b) => ({
        from: round2(Number(b.b) * width),
        to: round2((Number(b.b) + 1) * width),
        customers: Number(b.customers),
        value: round2(Number(b.value)),
      })),
    };
  }
  return { rfm, clv };
}

/** One profile's latest model scores and the segments it is in now. */
export async function profileScores(db: Warehouse, identifier: string) {
  const id = await findProfile(db, identifier);
  if (id === null) {
    throw new ClienteleError('CLT_ERR_PROFILE_NOT_FOUND', `no profile has the identifier '${identifier}'`, {
      identifier,
    });
  }
  // The latest run of each model only: scores are appended run by run, so a range of run ids reads a few
  // row groups (zone maps skip the rest) instead of every score of every run.
  const runs = await db.all<{ r: number }>(
    'SELECT max(run_id) AS r FROM model_runs WHERE customers_scored > 0 GROUP BY model',
  );
  const ids = runs.map((r) => Number(r.r));
  const d = db.dialect;
  const at = (e: string) => d.formatTime(e, '%Y-%m-%dT%H:%M:%SZ');
  const scores = ids.length
    ? await db.all<{
        score: string;
        value: number | null;
        label: string | null;
        runId: number;
        model: string;
        at: string | null;
      }>(
        `SELECT s.score, s.value, s.label, s.run_id AS "runId", r.model, ${at('r.finished_at')} AS "at"
         FROM (SELECT score, ${d.argMax('value', 'run_id')} AS value, ${d.argMax('label', 'run_id')} AS label,
                 max(run_id) AS run_id
               FROM customer_scores WHERE run_id BETWEEN ? AND ? AND ${d.listContains(d.jsonList('?', 'BIGINT'), 'run_id')}
                 AND customer_key = ? GROUP BY score) s
         JOIN model_runs r ON r.run_id = s.run_id ORDER BY s.score`,
        [Math.min(...ids), Math.max(...ids), JSON.stringify(ids), String(id)],
      )
    : [];
  const segments = await db.all<{ name: string; enteredAt: string }>(
    `SELECT segment AS name, ${at('entered_at')} AS "enteredAt"
     FROM segment_membership WHERE profile_id = ? AND exited_at IS NULL ORDER BY segment`,
    [id],
  );
  const list = scores.map((r) => ({
    ...r,
    value: r.value === null ? null : Number(r.value),
    runId: Number(r.runId),
  }));
  const risk = churnRiskOf(list);
  return {
    profileId: id,
    scores: list,
    segments,
    churnRisk: risk && {
      value: risk.value,
      score: risk.score,
      model: risk.model,
      runId: risk.runId,
      atRisk: isAtRisk(risk.value),
      reasons: risk.label,
    },
  };
}
