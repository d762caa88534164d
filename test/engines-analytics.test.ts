/**
 * One demo business (2,000 customers) on DuckDB and, copied by `clientele db copy`, on a throwaway PostgreSQL:
 * the copy is whole (a round trip back to DuckDB gives every table's rows again), and the analytics answer
 * alike on both engines — trend, cohorts, basket supports, RFM, CLV parameters, the churn model, the mining
 * scan, funnel and anomalies, the overview and segments.
 * Numbers agree to 1e-9 relative, sets as sets.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basketParameters, mineRules } from '../src/mining/basket-rules.js';
import { anomalies, cohorts, funnel, scan, trend } from '../src/mining/index.js';
import { runChurn } from '../src/modeling/churn.js';
import { runClv } from '../src/modeling/clv.js';
import { runRfm } from '../src/modeling/rfm.js';
import { OverviewService } from '../src/overview/index.js';
import { listSegments, previewSegment, saveSegment, segmentMembers } from '../src/segments/store.js';
import { readTables } from '../src/store/copy/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { demoDatabase } from './helpers/demo.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

// Fields that name a moment or a duration of the run itself, not the answer.
const VOLATILE =
  /^(seconds|computedMs|cached|startedAt|finishedAt|runId|run|createdAt|refreshedAt|enteredAt|at)$/;

/** Asserts `a` and `b` equal, numbers to 1e-9 relative, skipping the run's own times and ids. */
function assertClose(a: unknown, b: unknown, path = '$', tolerance = 1e-9): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return;
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    assert.ok(Math.abs(a - b) <= tolerance * scale, `${path}: ${a} ≠ ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${path}: lengths ${a.length} ≠ ${b.length}`);
    for (const [i, v] of a.entries()) assertClose(v, b[i], `${path}[${i}]`, tolerance);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = (o: object) =>
      Object.keys(o)
        .filter((k) => !VOLATILE.test(k))
        .sort();
    assert.deepEqual(keys(a), keys(b), `${path}: keys differ`);
    for (const k of keys(a))
      assertClose(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
        tolerance,
      );
    return;
  }
  assert.deepEqual(a, b, path);
}

// Every table's rows as sorted text lines (JSON values re-written with sorted keys: jsonb reorders them).
async function tableDigest(db: Warehouse): Promise<Map<string, string[]>> {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const out = new Map<string, string[]>();
  for (const t of await readTables(db)) {
    if (t.name === 'schema_migrations') continue;
    const cols = t.columns.map((c) =>
      c.carry === 'cast' || c.carry === 'list'
        ? `CAST(${JSON.stringify(c.name)} AS VARCHAR) AS ${JSON.stringify(c.name)}`
        : JSON.stringify(c.name),
    );
    const rows = await db.all(`SELECT ${cols.join(', ')} FROM ${JSON.stringify(t.name)}`);
    out.set(
      t.name,
      rows
        .map((r) =>
          JSON.stringify(
            Object.fromEntries(
              Object.entries(r).map(([k, v]) => {
                if (typeof v === 'string' && /^[[{]/.test(v)) {
                  try {
                    return [k, canonical(JSON.parse(v))];
                  } catch {
                    return [k, v];
                  }
                }
                return [k, v];
              }),
            ),
          ),
        )
        .sort(),
    );
  }
  return out;
}

// The copy alone took 13 minutes on a loaded two-core machine: the whole suite gets half an hour.
describe('one demo business on DuckDB and on PostgreSQL (clientele db copy)', { timeout: 1_800_000 }, () => {
  let server: PostgresServer;
  let dir: string;
  let release: () => void;
  let duck: Warehouse;
  let pg: Warehouse;
  let url: string;
  const done = new Promise<void>((r) => {
    release = r;
  });
  let demo: string;

  before(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
    // The folder lives until after(): withTempDir's callback waits for the tests to finish.
    await new Promise<void>((ready) => {
      void withTempDir(async (d) => {
        dir = d;
        ready();
        await done;
      });
    });
    demo = (await demoDatabase(dir, 2_000)).db;
  });

  after(async () => {
    await pg?.close();
    await duck?.close();
    await server?.stop();
    release();
  });

  it('copies every table to PostgreSQL, refuses a non-empty target, and copies back the same rows', async () => {
    const copy = await runCli(['db', 'copy', '--from', demo, '--to', url, '--json']);
    assert.equal(copy.code, 0, copy.stderr);
    const summary = JSON.parse(copy.stdout) as {
      rows: number;
      toEngine: string;
      sequences: Record<string, number>;
    };
    assert.equal(summary.toEngine, 'postgresql');
    assert.ok(summary.rows > 100_000);
    assert.ok((summary.sequences.import_ids ?? 0) > 1);

    const again = await runCli(['db', 'copy', '--from', demo, '--to', url]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /CLT_ERR_COPY_NOT_EMPTY/);
    const same = await runCli(['db', 'copy', '--from', demo, '--to', demo]);
    assert.equal(same.code, 2);
    assert.match(same.stderr, /CLT_ERR_COPY_SAME/);

    const back = join(dir, 'back.duckdb');
    const home = await runCli(['db', 'copy', '--from', url, '--to', back, '--json']);
    assert.equal(home.code, 0, home.stderr);
    const replaced = await runCli(['db', 'copy', '--from', url, '--to', back, '--replace', '--json']);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.equal((JSON.parse(replaced.stdout) as { replaced: boolean }).replaced, true);
    const [a, b] = [await openWarehouse(demo), await openWarehouse(back)];
    try {
      const [da, db] = [await tableDigest(a), await tableDigest(b)];
      assert.deepEqual([...db.keys()].sort(), [...da.keys()].sort());
      for (const [table, rows] of da) assert.deepEqual(db.get(table), rows, `table ${table}`);
      // The sequences moved past every id copied: the next import id is beyond the last one used.
      const [{ next } = { next: 0 }] = await b.all<{ next: number }>("SELECT nextval('import_ids') AS next");
      const [{ top } = { top: 0 }] = await a.all<{ top: number }>(
        'SELECT max(import_id) AS top FROM imports',
      );
      assert.ok(next > top, `next import id ${next} after ${top}`);
    } finally {
      await b.close();
      await a.close();
    }
    duck = await openWarehouse(demo);
    pg = await openWarehouse(url);
  });

  it('trend and cohorts agree', async () => {
    for (const options of [{}, { by: 'month' as const, metric: 'revenue' as const }]) {
      assertClose(await cohorts(pg, options), await cohorts(duck, options));
    }
    for (const options of [{}, { by: 'week' }, { dimension: 'channel' }]) {
      assertClose(await trend(pg, options), await trend(duck, options));
    }
  });

  it('basket item and pair supports, and the rules they feed, agree', async () => {
    const p = basketParameters({ minSupport: 0.002, minConfidence: 0.05 });
    const [a, b] = [await mineRules(duck, p), await mineRules(pg, p)];
    // Item ids follow the engines' text order, so counts are compared by item key.
    const supports = (m: typeof a) => {
      const { offsets, items, itemKeys } = m.baskets;
      const single = new Map<string, number>();
      const pairs = new Map<string, number>();
      for (let s = 0; s + 1 < offsets.length; s++) {
        const basket = [...items.subarray(offsets[s], offsets[s + 1])]
          .map((i) => itemKeys[i] as string)
          .sort();
        basket.forEach((x, i) => {
          single.set(x, (single.get(x) ?? 0) + 1);
          for (const y of basket.slice(i + 1))
            pairs.set(`${x}\u0000${y}`, (pairs.get(`${x}\u0000${y}`) ?? 0) + 1);
        });
      }
      return { baskets: offsets.length - 1, single, pairs };
    };
    const [sa, sb] = [supports(a), supports(b)];
    assert.equal(sb.baskets, sa.baskets);
    assert.deepEqual(sb.single, sa.single);
    assert.deepEqual(sb.pairs, sa.pairs);
    assert.equal(b.itemsetCount, a.itemsetCount);
    const rules = (m: typeof a) =>
      m.rules
        .map((r) => {
          const names = (ids: readonly number[]) =>
            ids
              .map((i) => m.baskets.itemKeys[i])
              .sort()
              .join('+');
          return `${names(r.antecedent)}=>${names(r.consequent)} ${r.support.toFixed(12)} ${r.confidence.toFixed(12)}`;
        })
        .sort();
    assert.deepEqual(rules(b), rules(a));
  });

  it('RFM tiers and the CLV parameters agree', async () => {
    assertClose(await runRfm(pg, { asOf: '2025-12-31' }), await runRfm(duck, { asOf: '2025-12-31' }));
    const [a, b] = [await runClv(duck), await runClv(pg)];
    assertClose(b, a);
  });

  it('the churn model (features, metrics, drivers), a mining scan, the funnel and anomalies agree', async () => {
    const churn = { lapsedDays: 180, seed: 7 };
    assertClose(await runChurn(pg, churn), await runChurn(duck, churn));
    // Findings are sets: the order of equal scores is the engines' own.
    const findings = async (db: Warehouse) => {
      const r = await scan(db, { top: 10 });
      return {
        ...r,
        findings: [...r.findings].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)),
      };
    };
    assertClose(await findings(pg), await findings(duck));
    assertClose(await anomalies(pg, {}), await anomalies(duck, {}));
    const steps = {
      steps: ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'],
      by: 'device_type',
    };
    assertClose(await funnel(pg, steps), await funnel(duck, steps));
  });

  it('the overview agrees, for everyone and for a segment', async () => {
    assertClose(await new OverviewService(pg).get({}), await new OverviewService(duck).get({}));
    await saveSegment(duck, 'loyal', 'orders >= 3 and revenue > 500');
    await saveSegment(pg, 'loyal', 'orders >= 3 and revenue > 500');
    assertClose(
      await new OverviewService(pg).get({ segment: 'loyal', from: '2025-01-01', to: '2025-06-30' }),
      await new OverviewService(duck).get({ segment: 'loyal', from: '2025-01-01', to: '2025-06-30' }),
    );
  });

  it('segment previews, saved segments and their members agree', async () => {
    for (const rule of [
      'orders >= 3 and revenue > 500',
      "country in ('DE', 'US') and not (orders < 2)",
      "email contains 'gmail'",
      "did 'Order Completed' at least 1 times in last 3650 days",
      'revenue > 100 or orders = 1',
    ]) {
      assert.deepEqual(await previewSegment(pg, rule), await previewSegment(duck, rule), rule);
    }
    await saveSegment(duck, 'gmail', "email contains 'gmail' and orders >= 2");
    await saveSegment(pg, 'gmail', "email contains 'gmail' and orders >= 2");
    const ids = async (db: Warehouse) => new Set((await segmentMembers(db, 'gmail')).map((m) => m.id));
    assert.deepEqual(await ids(pg), await ids(duck));
    assertClose(await segmentMembers(pg, 'gmail', 50), await segmentMembers(duck, 'gmail', 50));
    const sizes = async (db: Warehouse) =>
      (await listSegments(db)).map((s) => ({ name: s.name, count: s.count, points: s.sizes.length }));
    assert.deepEqual(await sizes(pg), await sizes(duck));
  });
});
