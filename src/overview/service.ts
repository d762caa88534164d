/**
 * The figures of the web app's first screen (`GET /v1/overview`): customers, activity, revenue and growth,
 * value bands, geography, channels and devices, over a range and optionally one segment's members.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { restrictFiles } from '../privacy/files.js';
import { moneySum, moneyTotal, readSettings } from '../semantics/index.js';
import type { Warehouse } from '../store/index.js';
import { type ValueSummary, valueSummary } from './value.js';

/** The range and segment of an overview (the route's query). */
export interface OverviewParams {
  /** First day, YYYY-MM-DD (default: the active window before `to`). */
  readonly from?: string;
  /** Last day, YYYY-MM-DD (default: the last order day). */
  readonly to?: string;
  /** Only the current members of this segment. */
  readonly segment?: string;
}

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

// How many recently asked overviews are computed again after a data change.
const RECENT = 6;

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
  // The parameters asked for most recently (the default overview, the segments people look at), newest last.
  #recent: string[] = [JSON.stringify({})];

  constructor(db: Warehouse) {
    this.#db = db;
  }

  /** Builds the pre-aggregate now (server start), so the first visitor does not wait for it. */
  async warm(): Promise<void> {
    await this.get({});
  }

  /**
   * After the data changed (a resolution ran): the pre-aggregate, the overviews asked for most recently and
   * the value summary, computed again for the new state, so the next visitor reads them instead of waiting.
   * The answers are those a request would get (the same cache, keyed by the state).
   */
  async rewarm(): Promise<void> {
    for (const params of [...this.#recent].reverse()) {
      // A segment dropped since is no reason to stop warming the others.
      await this.get(JSON.parse(params) as OverviewParams).catch(() => undefined);
    }
    await this.valueSummary();
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
    this.#remember(params);
    const state = await this.#state();
    // Without a segment the figures read no segment table: a segment's refresh (the state's last two
    // counters) leaves that answer as it was, so it stays cached.
    const read = params.segment === undefined ? state.split('/').slice(0, 6).join('/') : state;
    const key = `${read}|${params.from ?? ''}|${params.to ?? ''}|${params.segment ?? ''}`;
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

  #remember(params: OverviewParams): void {
    const key = JSON.stringify({
      ...(params.from !== undefined && { from: params.from }),
      ...(params.to !== undefined && { to: params.to }),
      ...(params.segment !== undefined && { segment: params.segment }),
    });
    this.#recent = [...this.#recent.filter((k) => k !== key), key].slice(-RECENT);
  }

  // Cheap counters that change whenever the definitions, imports, identity, orders or segments do. The overview reads no
  // events (devices come from the profiles, refreshed by identity resolution), so a stream of API events
  // does not empty the cache.
  async #state(): Promise<string> {
    const [row] = await this.#db.all(
      `SELECT ${this.#db.dialect.viewHash('order_facts')} AS d,
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
    // PostgreSQL keeps its pre-aggregate in a schema of the database, and writes no Parquet.
    if (location === ':memory:' || location === '' || this.#db.dialect.name === 'postgres') return null;
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
    this.#attached ??= this.#db.run(this.#db.dialect.scratchSpace('web_cache'));
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
        this.#db.dialect.replaceTableAs(
          'web_cache.order_days',
          `SELECT CAST(o.order_ts AS DATE) AS day, rp.profile_id, count(*)::INTEGER AS orders,
             ${moneyTotal('o.revenue')} AS revenue
           FROM placed_orders o LEFT JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = o.row_key
           WHERE o.order_ts IS NOT NULL
           GROUP BY 1, 2 ORDER BY day`,
        ),
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
        throw new ClienteleError(
          'CLT_ERR_SEGMENT_NOT_FOUND',
          `no segment named '${segment}'`,
          { name: segment },
          phrase('error.noSegment', { name: segment }),
        );
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
    // Named per process too: on PostgreSQL several servers share the schema.
    const scratch = segment ? `web_cache.members_${process.pid}_${++this.#scratch}` : null;
    if (scratch) {
      await db.run(
        `CREATE TABLE ${scratch} AS SELECT DISTINCT profile_id FROM segment_membership WHERE segment = ? AND exited_at IS NULL`,
        [segment],
      );
    }
    try {
      return await this.#figures({ segment, bounds, from, to, previousFrom, previousTo }, scratch);
    } finally {
      // The members' table goes with the answer: one left per segment overview added up in memory.
      if (scratch) await db.run(`DROP TABLE IF EXISTS ${scratch}`);
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
         count(*) FILTER (WHERE orders > 0) AS buyers, ${moneyTotal('revenue')} AS lifetime
       ${people}`,
    );
    const [o] = await db.all<Record<string, number>>(
      `SELECT
         count(DISTINCT profile_id) FILTER (WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)) AS active,
         count(DISTINCT profile_id) FILTER (WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)) AS active_prev,
         coalesce(sum(orders) FILTER (WHERE day >= CAST(? AS DATE)), 0) AS orders,
         coalesce(sum(orders) FILTER (WHERE day < CAST(? AS DATE)), 0) AS orders_prev,
         ${moneySum('revenue', 'day >= CAST(? AS DATE)')} AS revenue,
         ${moneySum('revenue', 'day < CAST(? AS DATE)')} AS revenue_prev
       FROM ${days} WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) ${members}`,
      [from, to, previousFrom, previousTo, from, from, from, from, previousFrom, to],
    );
    const [nb] = await db.all<{ n: number }>(
      `SELECT count(*) AS n ${people} AND first_order_at >= CAST(? AS DATE)
         AND first_order_at < CAST(? AS DATE) + INTERVAL '1 day'`,
      [from, to],
    );
    // Buyers per month as rows of a (month, person) grouping: one hash aggregate, cheaper than DISTINCT.
    const months = await db.all<{ month: string; revenue: number; orders: number; buyers: number }>(
      `SELECT ${db.dialect.formatTime('m', '%Y-%m')} AS month, ${moneyTotal('r')} AS revenue, sum(o)::BIGINT AS orders, count(profile_id) AS buyers
       FROM (SELECT date_trunc('month', day) AS m, profile_id, ${moneyTotal('revenue')} AS r, sum(orders) AS o
             FROM ${days} WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) ${members}
             GROUP BY 1, 2) pm
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
         count(*) AS customers, ${moneyTotal('revenue')} AS revenue
       FROM (SELECT country, acquisition_source, top_device, top_os, revenue, ${bandCase} AS band
             ${people} AND NOT coalesce(is_prospect, false)) c
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

/** Rounds money to cents. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function shiftDays(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}
