import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type PostgresServer, startPostgres } from '../../../test/helpers/postgres.js';
import { KIND_NAMES, KINDS } from '../../domain/kinds.js';
import { ClienteleError } from '../../errors/index.js';
import { postgresDialect as d, duckdbDialect } from '../dialect.js';
import { checkIdentitySpellings } from '../dialect-identity.fixture.js';
import { checkPeopleSpellings } from '../dialect-people.fixture.js';
import { openWarehouse } from '../index.js';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from '../migrations/index.js';
import { openPostgres } from './postgres-warehouse.js';

describe('the schema on PostgreSQL', () => {
  let server: PostgresServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server?.stop();
  });

  it('runs every migration, carries every field of the domain, and compiles the definitions', async () => {
    const db = await openWarehouse(await server.createDatabase());
    try {
      const versions = await db.all<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        versions.map((v) => v.version),
        MIGRATIONS.map((m) => m.version).sort((a, b) => a - b),
      );
      for (const kind of KIND_NAMES) {
        const spec = KINDS[kind];
        const cols = await db.all<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_name = ?',
          [spec.table],
        );
        const names = new Set(cols.map((c) => c.column_name));
        for (const field of spec.fields)
          assert.ok(names.has(field.name), `${spec.table}.${field.name} missing`);
      }
      const [types] = await db.all(
        `SELECT (SELECT data_type FROM information_schema.columns WHERE table_name = 'imports' AND column_name = 'options') AS json,
           (SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'revenue') AS money`,
      );
      assert.deepEqual(types, { json: 'jsonb', money: 'double precision' });
      assert.deepEqual(await migrate(db), [], 'a second run applies nothing');
      // The views answer (empty), and an order with a cancelled status is not placed.
      await db.run(
        `INSERT INTO orders (order_id, customer_id, order_ts, revenue, status, row_key, row_hash, import_id)
         VALUES ('o1', 'c1', TIMESTAMP '2024-01-02', 10, 'paid', 'k1', 'h1', 1),
                ('o2', 'c1', TIMESTAMP '2024-03-05', 5, 'Cancelled', 'k2', 'h2', 1)`,
      );
      const facts = await db.all(
        'SELECT customer_key, orders, revenue, tenure_days, active FROM customer_facts',
      );
      assert.deepEqual(facts, [{ customer_key: 'c1', orders: 1, revenue: 10, tenure_days: 0, active: true }]);
    } finally {
      await db.close();
    }
  });

  it('migrates a database of an older version and refuses one of a newer version', async () => {
    const url = await server.createDatabase();
    const old = await openPostgres(url);
    try {
      for (const s of d.prelude) await old.run(s);
      assert.deepEqual(
        await migrate(old, MIGRATIONS.slice(0, 5)),
        MIGRATIONS.slice(0, 5).map((m) => m.version),
      );
    } finally {
      await old.close();
    }
    const db = await openWarehouse(url);
    try {
      const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      assert.equal(n?.n, MIGRATIONS.length);
      await db.run("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    } finally {
      await db.close();
    }
    await assert.rejects(openWarehouse(url), (e: unknown) => {
      assert.ok(e instanceof ClienteleError);
      assert.equal(e.code, 'CLT_ERR_STORE_MIGRATION');
      assert.match(e.message, /schema version 999/);
      assert.doesNotMatch(e.message, /clientele-test/, 'the password is never shown');
      return true;
    });
  });

  it('lets one migration run at a time: a second one waits for the lock and then finds nothing to do', async () => {
    const url = await server.createDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // Hold the schema lock as a migrating process would.
      await holder.query('SELECT pg_advisory_lock($1)', [0x436c6e74]);
      const opening = openWarehouse(url);
      // The opener is waiting on the lock (seen in pg_locks), and has changed nothing yet.
      for (;;) {
        const { rows } = await holder.query(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        );
        if (rows[0].n === 1) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const { rows } = await holder.query("SELECT to_regclass('schema_migrations') AS t");
      assert.equal(rows[0].t, null);
      // Two at once: both finish once the lock is released, each migration applied once.
      const second = openWarehouse(url);
      await holder.query('SELECT pg_advisory_unlock($1)', [0x436c6e74]);
      const [a, b] = await Promise.all([opening, second]);
      const counts = await a.all('SELECT count(*) AS n, count(DISTINCT version) AS d FROM schema_migrations');
      assert.deepEqual(counts, [{ n: MIGRATIONS.length, d: MIGRATIONS.length }]);
      await a.close();
      await b.close();
    } finally {
      await holder.end();
    }
  });

  it("runs the dialect's PostgreSQL spellings and gets DuckDB's answers", async () => {
    const db = await openPostgres(await server.createDatabase());
    try {
      const ts = "TIMESTAMP '2024-03-15 10:20:30'";
      const [row] = await db.all(
        `SELECT ${d.listContains(d.list(["'a'", "'b'"]), "'b'")} AS has,
           ${d.formatTime(d.dateTrunc('month', ts), '%Y-%m-%d')} AS month,
           ${d.dateDiff('day', "DATE '2024-03-01'", "DATE '2024-03-15'")} AS days,
           ${d.dateDiff('month', "DATE '2024-01-31'", "DATE '2024-03-01'")} AS months,
           ${d.epochSeconds("TIMESTAMP '1970-01-02 00:00:00'")} AS s, ${d.epochMs("TIMESTAMP '1970-01-01 00:00:01'")} AS ms,
           CAST(${d.epochSeconds(`${ts} + ${d.seconds('90')}`)} - ${d.epochSeconds(ts)} AS INTEGER) AS later,
           ${d.jsonText(`CAST('{"a b": {"c\\"d": "x"}}' AS JSONB)`, ['a b', 'c"d'])} AS j,
           ${d.regexpMatches("'payment_failed'", "'(^|[^a-z])(fail)'")} AS re,
           CAST(DATE '2024-03-15' - ${d.days(14)} AS DATE) AS back,
           ${d.approxCountDistinct('i')} AS n
         FROM generate_series(0, 2) t(i)`,
      );
      assert.deepEqual(row, {
        has: true,
        month: '2024-03-01',
        days: 14,
        months: 2,
        s: 86400,
        ms: 1000,
        later: 90,
        j: 'x',
        re: true,
        back: new Date('2024-03-01T00:00:00Z'),
        n: 3,
      });
      const kept = await db.all(
        d.qualify(
          'SELECT i, row_number() OVER (ORDER BY i DESC) AS r FROM generate_series(0, 4) t(i)',
          'r <= 2',
        ),
      );
      assert.deepEqual(kept.map((r) => r.i).sort(), [3, 4]);
      assert.equal(
        d.ddl('x JSON, y DOUBLE, z DOUBLE PRECISION, w HUGEINT'),
        'x JSONB, y DOUBLE PRECISION, z DOUBLE PRECISION, w NUMERIC(39, 0)',
      );
      assert.equal(duckdbDialect.ddl('x JSON'), 'x JSON');
    } finally {
      await db.close();
    }
  });

  it('spells what identity resolution and the profile refresh use, with the answers DuckDB gives', async () => {
    const db = await openPostgres(await server.createDatabase());
    try {
      await checkIdentitySpellings(db);
      await checkPeopleSpellings(db);
    } finally {
      await db.close();
    }
  });
});
