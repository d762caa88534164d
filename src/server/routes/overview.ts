import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ClienteleError } from '../../errors/index.js';
import { restrictFiles } from '../../privacy/files.js';
import { findProfile } from '../../profiles/index.js';
import { readSettings } from '../../semantics/index.js';
import { createQueryScope, type Warehouse, withQueryScope } from '../../store/index.js';

/** What the overview route needs. */
export interface OverviewDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

const ProfileParams = Type.Object({
  id: Type.String({ description: 'A profile id, or any identifier (as for /v1/profiles/:id)' }),
});
const OverviewQuery = Type.Object({
  from: Type.Optional(
    Type.String({ format: 'date', description: 'First day (default: a year before `to`)' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day (default: the last order day)' })),
  segment: Type.Optional(
    Type.String({ minLength: 1, description: 'Only the current members of this segment' }),
  ),
});
type OverviewParams = Static<typeof OverviewQuery>;

/** A count (and revenue) per value of one attribute. */
export interface Breakdown {
  readonly key: string;
  readonly customers: number;
  readonly revenue: number;
}

/** What `GET /v1/overview` answers. */
export interface Overview {
  readonly range: { from: string; to: string; previousFrom: string; previousTo: string };
  readonly dataRange: { first: string | null; last: string | null };
  readonly segment: string | null;
  readonly totals: {
    profiles: number;
    customers: number;
    prospects: number;
    buyers: number;
    active: number;
    activePrevious: number;
    newBuyers: number;
    orders: number;
    ordersPrevious: number;
    revenue: number;
    revenuePrevious: number;
    /** Revenue in the range over revenue in the previous range of the same length, minus 1 (null without one). */
    growth: number | null;
    lifetimeRevenue: number;
  };
  readonly revenueByMonth: readonly { month: string; revenue: number; orders: number; buyers: number }[];
  readonly valueDistribution: readonly {
    from: number;
    to: number | null;
    customers: number;
    revenue: number;
  }[];
  readonly countries: readonly Breakdown[];
  readonly channels: readonly Breakdown[];
  readonly devices: readonly Breakdown[];
  readonly os: readonly Breakdown[];
  readonly computedMs: number;
  readonly cached: boolean;
}

// Lifetime revenue bands of the value distribution (the last is open).
const VALUE_BANDS = [0, 1, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const bandCase = `CASE ${VALUE_BANDS.map((_, i) => VALUE_BANDS.length - 1 - i)
  .map((i) => `WHEN revenue >= ${VALUE_BANDS[i]} THEN ${i}`)
  .join(' ')} END`;

/**
 * The overview's figures with two in-memory speed-ups. Orders are pre-aggregated once per database state
 * into an in-memory DuckDB database (`ATTACH ':memory:'`, visible to every connection, never written to the
 * file): one row per profile and day, so a range, a month series and a segment need no join of orders to
 * their profiles. Answers are cached per (database state, parameters), so a second load is a lookup.
 */
export class OverviewService {
  readonly #db: Warehouse;
  #attached: Promise<void> | undefined;
  #factsKey = '';
  #facts: Promise<void> | undefined;
  readonly #cache = new Map<string, Promise<Overview>>();
  #scratch = 0;
  #value: { key: string; answer: Promise<ValueSummary> } | undefined;

  constructor(db: Warehouse) {
    this.#db = db;
  }

  /** Builds the pre-aggregate now (server start), so the first visitor does not wait for it. */
  async warm(): Promise<void> {
    await this.get({});
  }

  /** The value summary, cached until a model runs again or profiles change. */
  async valueSummary(): Promise<ValueSummary> {
    const [row] = await this.#db.all(
      `SELECT (SELECT max(run_id) FROM model_runs) AS r, (SELECT count(*) FROM profiles) AS p,
         (SELECT CAST(max(refreshed_at) AS VARCHAR) FROM profiles) AS pr`,
    );
    const key = Object.values(row ?? {}).join('/');
    if (this.#value?.key !== key) this.#value = { key, answer: valueSummary(this.#db) };
    const entry = this.#value;
    entry.answer.catch(() => {
      if (this.#value === entry) this.#value = undefined;
    });
    return entry.answer;
  }

  /** The overview for a range and segment. */
  async get(params: OverviewParams): Promise<Overview> {
    const state = await this.#state();
    const key = `${state}|${params.from ?? ''}|${params.to ?? ''}|${params.segment ?? ''}`;
    // The promise is cached, not the answer: a request arriving while the same overview is being computed
    // (the browser's first one, during the warm-up) waits for it instead of computing it again.
    const hit = this.#cache.get(key);
    if (hit) return { ...(await hit), cached: true };
    const answer = (async (): Promise<Overview> => {
      const started = performance.now();
      await this.#ensureFacts(state);
      const body = await this.#compute(params);
      return { ...body, computedMs: Math.round(performance.now() - started), cached: false };
    })();
    if (this.#cache.size > 200) this.#cache.clear();
    this.#cache.set(key, answer);
    answer.catch(() => {
      if (this.#cache.get(key) === answer) this.#cache.delete(key);
    });
    return answer;
  }

  // Cheap counters that change whenever the definitions, imports, identity, orders or segments do. The overview reads no
  // events (devices come from the profiles, refreshed by identity resolution), so a stream of API events
  // does not empty the cache.
  async #state(): Promise<string> {
    const [row] = await this.#db.all(
      `SELECT (SELECT md5(sql) FROM duckdb_views() WHERE view_name = 'order_facts') AS d,
         (SELECT count(*) FROM orders) AS o, (SELECT max(import_id) FROM imports) AS i,
         (SELECT count(*) FROM record_profiles) AS r, (SELECT count(*) FROM profiles) AS p,
         (SELECT CAST(max(refreshed_at) AS VARCHAR) FROM profiles) AS pr,
         (SELECT count(*) FROM segment_membership) AS m, (SELECT CAST(max(refreshed_at) AS VARCHAR) FROM segments) AS s`,
    );
    return Object.values(row ?? {}).join('/');
  }

  // `DB.overview-<hash of the state>.parquet`; none for an in-memory database.
  #cacheFile(factsKey: string): string | null {
    const location = this.#db.location;
    if (location === ':memory:' || location === '') return null;
    return `${location}.overview-${createHash('sha256').update(factsKey).digest('hex').slice(0, 16)}.parquet`;
  }

  async #saveCopy(file: string): Promise<void> {
    const prefix = `${basename(this.#db.location)}.overview-`;
    const dir = dirname(file);
    for (const old of await readdir(dir)) {
      if (old.startsWith(prefix) && old.endsWith('.parquet')) await rm(join(dir, old), { force: true });
    }
    await this.#db.run('COPY web_cache.order_days TO ? (FORMAT parquet, COMPRESSION zstd)', [file]);
    restrictFiles(file);
  }

  async #ensureFacts(state: string): Promise<void> {
    // The order facts depend on the compiled definitions (docs/definitions.md) as well as on the data.
    const factsKey = state.split('/').slice(0, 6).join('/');
    if (this.#factsKey === factsKey && this.#facts) return this.#facts;
    this.#factsKey = factsKey;
    this.#cache.clear();
    this.#attached ??= this.#db.run("ATTACH IF NOT EXISTS ':memory:' AS web_cache");
    const build = async () => {
      await this.#attached;
      // A copy beside the database file, named after the state it was built from, survives restarts:
      // loading it is ~10× faster than the join (bench/web.ts), which a cold start feels.
      const file = this.#cacheFile(factsKey);
      if (file && existsSync(file)) {
        try {
          await this.#db.run(
            'CREATE OR REPLACE TABLE web_cache.order_days AS SELECT * FROM read_parquet(?)',
            [file],
          );
          return;
        } catch {
          // An unreadable copy is rebuilt below.
        }
      }
      // Sorted by day, so a range reads a few row groups (DuckDB's zone maps skip the others).
      await this.#db.run(
        `CREATE OR REPLACE TABLE web_cache.order_days AS
         SELECT CAST(o.order_ts AS DATE) AS day, rp.profile_id, count(*)::INTEGER AS orders,
           sum(coalesce(o.revenue, 0)) AS revenue
         FROM placed_orders o LEFT JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
         WHERE o.order_ts IS NOT NULL
         GROUP BY ALL ORDER BY day`,
      );
      if (file) await this.#saveCopy(file).catch(() => undefined);
    };
    this.#facts = build();
    this.#facts.catch(() => {
      this.#facts = undefined;
      this.#factsKey = '';
    });
    return this.#facts;
  }

  async #compute(params: OverviewParams): Promise<Omit<Overview, 'computedMs' | 'cached'>> {
    const db = this.#db;
    const segment = params.segment ?? null;
    if (segment !== null) {
      const [found] = await db.all('SELECT 1 AS x FROM segments WHERE name = ?', [segment]);
      if (!found)
        throw new ClienteleError('CLT_ERR_USAGE', `no segment named ${JSON.stringify(segment)}`, { segment });
    }
    const [bounds] = await db.all<{ first: string | null; last: string | null }>(
      `SELECT CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last FROM web_cache.order_days`,
    );
    const last = bounds?.last ?? new Date().toISOString().slice(0, 10);
    const to = params.to ?? last;
    // By default the range is the active window of docs/definitions.md, so `active` counts active customers.
    const window = (await readSettings(db)).activeWindowDays;
    const from = params.from ?? shiftDays(to, -(window - 1));
    if (from > to) throw new ClienteleError('CLT_ERR_USAGE', `from ${from} is after to ${to}`);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    const previousTo = shiftDays(from, -1);
    const previousFrom = shiftDays(previousTo, -(days - 1));

    // A segment's current members, read once into a scratch table of the in-memory database, then a
    // semi-join against it in each query; without a segment, no filter at all. (Cutting the members' order
    // days and profile columns into scratch tables instead was no faster at 1M customers.)
    const scratch = segment ? `web_cache.members_${++this.#scratch}` : null;
    if (scratch) {
      await db.run(
        `CREATE TABLE ${scratch} AS SELECT DISTINCT profile_id FROM segment_membership WHERE segment = ? AND exited_at IS NULL`,
        [segment],
      );
    }
    try {
      return await this.#figures({ segment, bounds, from, to, previousFrom, previousTo }, scratch);
    } finally {
      if (scratch)
        await db.run(`DROP TABLE IF EXISTS ${scratch}_days; DROP TABLE IF EXISTS ${scratch}_people`);
    }
  }

  async #figures(
    r: {
      segment: string | null;
      bounds: { first: string | null; last: string | null } | undefined;
      from: string;
      to: string;
      previousFrom: string;
      previousTo: string;
    },
    scratch: string | null,
  ): Promise<Omit<Overview, 'computedMs' | 'cached'>> {
    const db = this.#db;
    const { segment, bounds, from, to, previousFrom, previousTo } = r;
    const members = scratch ? `AND profile_id IN (SELECT profile_id FROM ${scratch})` : '';
    const days = 'web_cache.order_days';
    const people = `FROM profiles WHERE true ${members}`;

    const [p] = await db.all<Record<string, number>>(
      `SELECT count(*) AS profiles, count(*) FILTER (WHERE NOT coalesce(is_prospect, false)) AS customers,
         count(*) FILTER (WHERE coalesce(is_prospect, false)) AS prospects,
         count(*) FILTER (WHERE orders > 0) AS buyers, coalesce(sum(revenue), 0) AS lifetime
       ${people}`,
    );
    const [o] = await db.all<Record<string, number>>(
      `SELECT
         count(DISTINCT profile_id) FILTER (WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)) AS active,
         count(DISTINCT profile_id) FILTER (WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)) AS active_prev,
         coalesce(sum(orders) FILTER (WHERE day >= CAST(? AS DATE)), 0) AS orders,
         coalesce(sum(orders) FILTER (WHERE day < CAST(? AS DATE)), 0) AS orders_prev,
         coalesce(sum(revenue) FILTER (WHERE day >= CAST(? AS DATE)), 0) AS revenue,
         coalesce(sum(revenue) FILTER (WHERE day < CAST(? AS DATE)), 0) AS revenue_prev
       FROM ${days} WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) ${members}`,
      [from, to, previousFrom, previousTo, from, from, from, from, previousFrom, to],
    );
    const [nb] = await db.all<{ n: number }>(
      `SELECT count(*) AS n ${people} AND first_order_at >= CAST(? AS DATE)
         AND first_order_at < CAST(? AS DATE) + INTERVAL 1 DAY`,
      [from, to],
    );
    // Buyers per month as rows of a (month, person) grouping: one hash aggregate, cheaper than DISTINCT.
    const months = await db.all<{ month: string; revenue: number; orders: number; buyers: number }>(
      `SELECT strftime(m, '%Y-%m') AS month, sum(r) AS revenue, sum(o)::BIGINT AS orders, count(profile_id) AS buyers
       FROM (SELECT date_trunc('month', day) AS m, profile_id, sum(revenue) AS r, sum(orders) AS o
             FROM ${days} WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) ${members}
             GROUP BY 1, 2)
       GROUP BY m ORDER BY m`,
      [from, to],
    );
    // Every breakdown of the customers in one scan of the profiles; GROUPING() names the set of each row.
    const SETS: Record<number, 'country' | 'channel' | 'device' | 'os' | 'band'> = {
      15: 'country',
      23: 'channel',
      27: 'device',
      29: 'os',
      30: 'band',
    };
    const grouped = await db.all<{ g: number; key: string | null; customers: number; revenue: number }>(
      `SELECT GROUPING(country, acquisition_source, top_device, top_os, band) AS g,
         CAST(coalesce(country, acquisition_source, top_device, top_os, CAST(band AS VARCHAR)) AS VARCHAR) AS key,
         count(*) AS customers, coalesce(sum(revenue), 0) AS revenue
       FROM (SELECT country, acquisition_source, top_device, top_os, revenue, ${bandCase} AS band
             ${people} AND NOT coalesce(is_prospect, false))
       GROUP BY GROUPING SETS ((country), (acquisition_source), (top_device), (top_os), (band))`,
    );
    const sets = { country: [], channel: [], device: [], os: [], band: [] } as Record<
      'country' | 'channel' | 'device' | 'os' | 'band',
      { key: string; customers: number; revenue: number }[]
    >;
    for (const row of grouped) {
      const set = SETS[Number(row.g)];
      if (set)
        sets[set].push({
          key: row.key ?? 'unknown',
          customers: Number(row.customers),
          revenue: Number(row.revenue),
        });
    }
    const bands = sets.band
      .filter((b) => b.key !== 'unknown')
      .map((b) => ({ band: Number(b.key), customers: b.customers, revenue: b.revenue }))
      .sort((a, b) => a.band - b.band);
    const breakdown = (set: 'country' | 'channel' | 'device' | 'os', top: number): Breakdown[] => {
      const rows = sets[set].sort(
        (a, b) => b.customers - a.customers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      );
      if (rows.length <= top) return rows.map(numbers);
      const rest = rows.slice(top - 1);
      return [
        ...rows.slice(0, top - 1).map(numbers),
        {
          key: 'other',
          customers: rest.reduce((s, r) => s + Number(r.customers), 0),
          revenue: rest.reduce((s, r) => s + Number(r.revenue), 0),
        },
      ];
    };
    const revenue = Number(o?.revenue ?? 0);
    const revenuePrevious = Number(o?.revenue_prev ?? 0);
    return {
      range: { from, to, previousFrom, previousTo },
      dataRange: { first: bounds?.first ?? null, last: bounds?.last ?? null },
      segment,
      totals: {
        profiles: Number(p?.profiles ?? 0),
        customers: Number(p?.customers ?? 0),
        prospects: Number(p?.prospects ?? 0),
        buyers: Number(p?.buyers ?? 0),
        active: Number(o?.active ?? 0),
        activePrevious: Number(o?.active_prev ?? 0),
        newBuyers: Number(nb?.n ?? 0),
        orders: Number(o?.orders ?? 0),
        ordersPrevious: Number(o?.orders_prev ?? 0),
        revenue: round2(revenue),
        revenuePrevious: round2(revenuePrevious),
        growth: revenuePrevious > 0 ? revenue / revenuePrevious - 1 : null,
        lifetimeRevenue: round2(Number(p?.lifetime ?? 0)),
      },
      revenueByMonth: months.map((m) => ({
        month: m.month,
        revenue: round2(Number(m.revenue)),
        orders: Number(m.orders),
        buyers: Number(m.buyers),
      })),
      valueDistribution: bands.map((b) => ({
        from: VALUE_BANDS[Number(b.band)] ?? 0,
        to: VALUE_BANDS[Number(b.band) + 1] ?? null,
        customers: Number(b.customers),
        revenue: round2(Number(b.revenue)),
      })),
      countries: breakdown('country', 12),
      channels: breakdown('channel', 10),
      devices: breakdown('device', 8),
      os: breakdown('os', 8),
    };
  }
}

function numbers(r: { key: string; customers: number; revenue: number }): Breakdown {
  return { key: r.key, customers: Number(r.customers), revenue: round2(Number(r.revenue)) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function shiftDays(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

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

/** The RFM grid (counts and revenue per R × FM cell) and the CLV distribution, from the latest runs' scores. */
export async function valueSummary(db: Warehouse): Promise<ValueSummary> {
  const [rfmRun] = await db.all<{ r: number | null }>(
    "SELECT max(run_id) AS r FROM customer_scores WHERE score = 'rfm_r'",
  );
  let rfm: ValueSummary['rfm'] = null;
  if (rfmRun?.r !== null && rfmRun?.r !== undefined) {
    // FM = ⌊(F + M + 1) / 2⌋, as in src/modeling/rfm.ts.
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
       SELECT CAST(s.r AS INTEGER) AS r, CAST(floor((s.f + s.m + 1) / 2) AS INTEGER) AS fm, mode(s.tier) AS tier,
         count(*) AS customers, coalesce(sum(p.revenue), 0) AS revenue
       FROM s LEFT JOIN profiles p ON CAST(p.profile_id AS VARCHAR) = s.customer_key
       WHERE s.r IS NOT NULL GROUP BY ALL ORDER BY r, fm`,
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
      `SELECT count(*) AS n, avg(value) AS mean, sum(value) AS total, quantile_cont(value, 0.99) AS hi
       FROM customer_scores WHERE run_id = ? AND score = 'clv' AND value IS NOT NULL`,
      [clvRun.r],
    );
    // Twenty equal bands up to the 99th percentile; the last band takes the long tail.
    const hi = Math.max(1, Number(stats?.hi ?? 1));
    const width = hi / 20;
    const bands = await db.all<{ b: number; customers: number; value: number }>(
      `SELECT least(19, greatest(0, CAST(floor(value / ?) AS INTEGER))) AS b, count(*) AS customers, sum(value) AS value
       FROM customer_scores WHERE run_id = ? AND score = 'clv' AND value IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [width, clvRun.r],
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
  const scores = ids.length
    ? await db.all<{ score: string; value: number | null; label: string | null; runId: number }>(
        `SELECT s.score, s.value, s.label, s.run_id AS "runId", r.model,
           strftime(r.finished_at, '%Y-%m-%dT%H:%M:%SZ') AS "at"
         FROM (SELECT score, arg_max(value, run_id) AS value, arg_max(label, run_id) AS label, max(run_id) AS run_id
               FROM customer_scores WHERE run_id BETWEEN ? AND ? AND list_contains(?::BIGINT[], run_id)
                 AND customer_key = ? GROUP BY score) s
         JOIN model_runs r ON r.run_id = s.run_id ORDER BY s.score`,
        [Math.min(...ids), Math.max(...ids), `[${ids.join(',')}]`, String(id)],
      )
    : [];
  const segments = await db.all<{ name: string; enteredAt: string }>(
    `SELECT segment AS name, strftime(entered_at, '%Y-%m-%dT%H:%M:%SZ') AS "enteredAt"
     FROM segment_membership WHERE profile_id = ? AND exited_at IS NULL ORDER BY segment`,
    [id],
  );
  return {
    profileId: id,
    scores: scores.map((r) => ({
      ...r,
      value: r.value === null ? null : Number(r.value),
      runId: Number(r.runId),
    })),
    segments,
  };
}

/** `GET /v1/overview`: the figures of the web app's first screen, behind the role matrix (src/security/routes.ts). */
export async function overviewRoutes(
  app: FastifyInstance,
  deps: OverviewDeps & { service?: OverviewService; warm?: boolean },
): Promise<void> {
  const service = deps.service ?? new OverviewService(deps.db);
  if (deps.warm) {
    // In the background: the server answers at once, and the first overview waits only for what is left.
    // In a query scope of its own, so that a stopping server cancels it instead of waiting for it.
    let warming: Promise<void> | undefined;
    const scope = createQueryScope({ timeoutMs: Number.POSITIVE_INFINITY, label: 'the overview warm-up' });
    app.addHook('onReady', async () => {
      warming = withQueryScope(scope, () => service.warm())
        .catch((error: unknown) => {
          if (!scope.signal.aborted) app.log.warn({ err: error }, 'overview warm-up failed');
        })
        .finally(() => scope.end());
    });
    app.addHook('onClose', async () => {
      scope.abort('the server is stopping');
      await warming;
    });
  }
  app.get(
    '/v1/overview',
    {
      schema: {
        summary: 'Customers, activity, revenue and growth, value, geography, channels and devices',
        tags: ['overview'],
        security: [{ adminToken: [] }],
        querystring: OverviewQuery,
      },
    },
    async (request) => service.get(request.query as OverviewParams),
  );
  app.get(
    '/v1/value/summary',
    {
      schema: {
        summary: 'The RFM grid with counts and revenue per cell, and the CLV distribution (latest runs)',
        tags: ['models'],
        security: [{ adminToken: [] }],
      },
    },
    async () => service.valueSummary(),
  );
  app.get(
    '/v1/profiles/:id/scores',
    {
      schema: {
        summary: "One profile's latest model scores and its current segments",
        tags: ['profiles'],
        security: [{ adminToken: [] }],
        params: ProfileParams,
      },
    },
    async (request) => profileScores(deps.db, (request.params as { id: string }).id),
  );
}
