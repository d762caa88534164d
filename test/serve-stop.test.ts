import assert from 'node:assert/strict';
import { it } from 'node:test';
import pg from 'pg';
import { createKey } from '../src/events/index.js';
import { isPostgresLocation, openWarehouse } from '../src/store/index.js';
import { testLocation } from './helpers/engine.js';
import { spawnServe } from './helpers/serve-process.js';
import { withTempDir } from './helpers/tmp.js';

// The admin token from the app's link serve prints (a PostgreSQL database has no server file beside it).
const serve = async (db: string) => {
  const server = await spawnServe(db, {
    args: ['--refresh-every', '0'],
    waitFor: [/the web app: http:\/\/\S+/],
  });
  const link = /the web app: (http:\/\/\S+)/.exec(server.stderr())![1]!;
  return { ...server, adminToken: decodeURIComponent(/#token=([^&]+)/.exec(link)![1]!) };
};

// The statements clients of PostgreSQL database `url` are running (the running query of each backend not idle;
// autovacuum's left aside). Read on a bare connection: opening the warehouse again would wait for the locks of
// a statement left running. Once a server process has exited cleanly, every connection it had ended its last
// statement before it closed: a backend still running one belongs to a client that died under it, and runs on
// until it next writes to that client.
async function runningStatements(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ query: string }>(
      `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
       AND backend_type = 'client backend' AND state <> 'idle'`,
    );
    return rows.map((r) => r.query);
  } finally {
    await client.end();
  }
}

it('SIGTERM during a heavy preview cancels it, commits acknowledged events and exits cleanly', async () => {
  await withTempDir(async (dir) => {
    const db = await testLocation(dir, 'stop.duckdb');
    // 400,000 events over 20,000 profiles: twenty event conditions over them take seconds.
    const w = await openWarehouse(db);
    const { key } = await createKey(w, 'web');
    const rows =
      w.dialect.name === 'postgres' ? 'generate_series(0, 399999) AS t(i)' : 'range(400000) AS t(i)';
    await w.run(`INSERT INTO events (message_id, type, event, user_id, ts, row_key, import_id, source_row, row_hash)
      SELECT 'm' || i, 'track', 'e' || (i % 20), 'u' || (i % 20000), current_timestamp - ${w.dialect.seconds('i')}, 'm' || i, 0, i, 'h'
      FROM ${rows}`);
    await w.run(`INSERT INTO record_profiles (record_table, row_key, profile_id, seq)
      SELECT 'events', 'm' || i, i % 20000, i FROM ${rows}`);
    await w.close();
    const { child, url, stderr, adminToken } = await serve(db);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const tracked = await fetch(`${url}/v1/track`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ userId: 'u1', event: 'Paid', messageId: 'before-stop' }),
      });
      assert.equal(tracked.status, 200);
      const where = Array.from({ length: 20 }, (_, i) => `did 'e${i}' at least 2 times`).join(' and ');
      const preview = fetch(`${url}/v1/segments/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ where }),
      }).then(
        async (r) => ({ status: r.status, body: await r.text() }),
        (error: Error) => ({ status: 0, body: error.message }),
      );
      // Once the preview is running (the server has read it), ask the server to stop.
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill('SIGTERM');
      const answer = await preview;
      assert.equal(await exited, 0, stderr());
      assert.notEqual(answer.status, 200, 'the preview did not run to its end');
      if (answer.status !== 0) assert.match(answer.body, /CLT_ERR_QUERY_CANCELLED|CLT_ERR_QUERY_TIMEOUT/);
    } finally {
      child.kill('SIGKILL');
    }
    // PostgreSQL: the stopped server left no statement running.
    if (isPostgresLocation(db)) assert.deepEqual(await runningStatements(db), []);
    const reopened = await openWarehouse(db);
    try {
      assert.deepEqual(await reopened.all("SELECT message_id FROM events WHERE message_id = 'before-stop'"), [
        { message_id: 'before-stop' },
      ]);
    } finally {
      await reopened.close();
    }
  });
});
