/**
 * The built CLI on PostgreSQL (issue 18): `status` names the engine, and bad input ends in coded errors that
 * say what to do: a server that is down, wrong credentials, a database of a newer schema, work not yet ported.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { freePort, type PostgresServer, startPostgres } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

describe('clientele on PostgreSQL', () => {
  let server: PostgresServer;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server?.stop();
  });

  it('status --db postgres://… names the engine and counts an empty database', async () => {
    const url = await server.createDatabase();
    const run = await runCli(['status', '--db', url, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const status = JSON.parse(run.stdout);
    assert.equal(status.engine, 'postgresql');
    assert.equal(status.customers, 0);
    assert.equal(status.placedOrders, 0);
    assert.equal(status.profiles, 0);
    assert.ok(Object.values(status.tables).every((n) => n === 0));
    assert.doesNotMatch(run.stdout, new RegExp(server.password), 'the password is never printed');
    // CLIENTELE_DB the same, and the text names the engine too.
    const text = await runCli(['status'], { env: { CLIENTELE_DB: url } });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\(PostgreSQL\)/);
    // A DuckDB file says so.
    await withTempDir(async (dir) => {
      const duck = await runCli(['status', '--db', join(dir, 'c.duckdb'), '--json']);
      assert.equal(JSON.parse(duck.stdout).engine, 'duckdb');
    });
  });

  it('names host and port when the server is down', async () => {
    const port = await freePort();
    const run = await runCli(['status', '--db', `postgres://postgres:x@127.0.0.1:${port}/db`]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}`));
    assert.match(run.stderr, /CLT_ERR_STORE_UNREACHABLE/);
    assert.doesNotMatch(run.stderr, /CLT_ERR_INTERNAL/);
  });

  it('clientele serve keeps trying for a while, saying so, before it gives up', async () => {
    const port = await freePort();
    const run = await runCli([
      'serve',
      '--port',
      '0',
      '--wait-for-db',
      '2',
      '--db',
      `postgres://postgres:x@127.0.0.1:${port}/db`,
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /waiting for the database \(attempt 1\)/);
    assert.match(run.stderr, new RegExp(`127\\.0\\.0\\.1:${port}.*\\n.*CLT_ERR_STORE_UNREACHABLE`));
  });

  it('refuses wrong credentials and a missing database with what to correct', async () => {
    const wrong = await runCli([
      'status',
      '--db',
      `postgres://postgres:wrong@${server.host}:${server.port}/postgres`,
    ]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /refused user postgres/);
    assert.match(wrong.stderr, /CLT_ERR_STORE_AUTH/);
    assert.doesNotMatch(wrong.stderr, /wrong@/, 'the password is never printed');
    const missing = await runCli(['status', '--db', server.url('no_such_db')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /database no_such_db does not exist/);
    assert.match(missing.stderr, /CLT_ERR_STORE_OPEN/);
  });

  it('imports a file (COPY into PostgreSQL), and refuses a database of a newer schema version', async () => {
    const url = await server.createDatabase();
    assert.equal((await runCli(['status', '--db', url])).code, 0);
    await withTempDir(async (dir) => {
      const csv = join(dir, 'c.csv');
      writeFileSync(csv, 'customer_id,email\nc1,a@example.com\nc2,A@Example.com\nc3,b@example.com\n');
      // The resolution that follows an import by default runs on PostgreSQL too: c1 and c2 share an email.
      const imported = await runCli(['import', csv, '--as', 'customers', '--db', url, '--json']);
      assert.equal(imported.code, 0, imported.stderr);
      const out = JSON.parse(imported.stdout);
      assert.equal(out.files[0].accepted, 3);
      assert.equal(out.profiles.records, 3);
      assert.equal(out.profiles.profiles, 2);
    });
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    await client.end();
    const newer = await runCli(['status', '--db', url]);
    assert.equal(newer.code, 1);
    assert.match(newer.stderr, /schema version 999, newer than this Clientele knows/);
    assert.match(newer.stderr, /CLT_ERR_STORE_MIGRATION/);
  });
});
