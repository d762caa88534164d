import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Analytics } from '@segment/analytics-node';
import { EventWriter, loadSources } from '../src/events/index.js';
import { buildApp } from '../src/server/index.js';
import { exclusively, openWarehouse } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { spawnServe } from './helpers/serve-process.js';

// A PostgreSQL database keeps no key file: every process that opens it is given the same key.
const ENV = { CLIENTELE_KEY: randomBytes(32).toString('hex') };

/** Starts `clientele serve --port 0` on `db` and waits for the line that gives its address. */
const serve = (db: string) => spawnServe(db, { args: ['--refresh-every', '1'], env: ENV });

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Sends one batch of events with the given messageIds; true when the server acknowledged it (200). */
async function sendBatch(url: string, key: string, ids: readonly string[]): Promise<boolean> {
  try {
    const r = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: basic(key), 'content-type': 'application/json' },
      body: JSON.stringify({
        batch: ids.map((messageId, i) => ({
          type: 'track',
          event: 'Viewed',
          userId: `u${i % 7}`,
          messageId,
          properties: { i },
        })),
      }),
    });
    await r.arrayBuffer();
    return r.status === 200;
  } catch {
    // The server died before it answered: not acknowledged.
    return false;
  }
}

describe('several servers on one PostgreSQL database', () => {
  let pg: PostgresServer;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg?.stop();
  });

  it('two servers take events, one is killed with SIGKILL mid-flight, and every acknowledged event is stored once', async () => {
    const db = await pg.createDatabase('two_servers');
    const created = await runCli(['--db', db, 'keys', 'create', '--name', 'web', '--json'], { env: ENV });
    assert.equal(created.code, 0, created.stderr);
    const { key } = JSON.parse(created.stdout) as { key: string };
    const a = await serve(db);
    const b = await serve(db);
    try {
      // The official client, one per server: every event it was told succeeded must be stored once.
      const acked = new Set<string>();
      const clientErrors: unknown[] = [];
      for (const [name, server] of [
        ['a', a],
        ['b', b],
      ] as const) {
        const segment = new Analytics({
          writeKey: key,
          host: server.url,
          path: '/v1/batch',
          flushAt: 5,
          flushInterval: 20,
        });
        segment.on('error', (e) => clientErrors.push(e));
        for (let i = 0; i < 40; i++) {
          const messageId = `sdk-${name}-${i}`;
          segment.track({ userId: `u${i % 5}`, event: 'Signed Up', messageId }, (err) => {
            if (!err) acked.add(messageId);
          });
        }
        await segment.closeAndFlush();
      }
      assert.deepEqual(clientErrors, []);
      assert.equal(acked.size, 80);

      // Raw batches to both servers; A is killed while batches to it are in flight.
      const batches = Array.from({ length: 60 }, (_, n) =>
        Array.from({ length: 20 }, (_, i) => `raw-${n}-${i}`),
      );
      const results = new Map<number, boolean>();
      const sends = batches.map(async (ids, n) => {
        // Staggered, so that some land before the kill and some after.
        await new Promise((r) => setTimeout(r, n * 5));
        results.set(n, await sendBatch(n % 2 ? b.url : a.url, key, ids));
      });
      await new Promise((r) => setTimeout(r, 120));
      a.child.kill('SIGKILL');
      await Promise.all(sends);
      await a.exited();
      assert.equal(a.child.signalCode, 'SIGKILL');
      for (const [n, ok] of results) if (ok) for (const id of batches[n]!) acked.add(id);
      assert.ok(
        [...results].some(([n, ok]) => n % 2 === 0 && !ok),
        'some batches to the killed server went unacknowledged',
      );

      // A client retries what was not acknowledged on the surviving server, and, as clients do after a
      // lost answer, some of what was: stored once all the same.
      const retried = [...results].filter(([n, ok]) => !ok || n % 4 === 0).map(([n]) => n);
      for (const n of retried) {
        assert.ok(await sendBatch(b.url, key, batches[n]!), `batch ${n} retried on B`);
        for (const id of batches[n]!) acked.add(id);
      }

      const warehouse = await openWarehouse(db);
      try {
        const rows = await warehouse.all<{ id: string; n: number }>(
          'SELECT message_id AS id, count(*)::INTEGER AS n FROM events GROUP BY message_id',
        );
        const stored = new Map(rows.map((r) => [r.id, r.n]));
        const doubled = rows.filter((r) => r.n > 1).map((r) => r.id);
        assert.deepEqual(doubled, [], 'nothing stored twice');
        const lost = [...acked].filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], 'nothing acknowledged is lost');
        // Every batch was finally acknowledged by one server or the other: all of them are stored.
        assert.equal(stored.size, 80 + 60 * 20);
      } finally {
        await warehouse.close();
      }
      assert.doesNotMatch(b.stderr(), /event write failed/);
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGTERM');
      await b.exited();
    }
  });

  it('runs background work of one kind on one process at a time, and on another once the first is gone', async () => {
    const url = await pg.createDatabase('leases');
    const one = await openWarehouse(url);
    const two = await openWarehouse(url);
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const first = exclusively(one, 'refresh', async () => {
        entered();
        await held;
        return 'one';
      });
      await inside;
      assert.deepEqual(await exclusively(two, 'refresh', async () => 'two'), { ran: false });
      // Another kind of work is not held up.
      assert.deepEqual(await exclusively(two, 'schedules', async () => 'two'), { ran: true, value: 'two' });
      release();
      assert.deepEqual(await first, { ran: true, value: 'one' });
      assert.deepEqual(await exclusively(two, 'refresh', async () => 'two'), { ran: true, value: 'two' });
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('answers 503 CLT_ERR_STORE_BUSY with Retry-After when every pooled connection stays in use past the wait', async () => {
    // In this process too: an admin's request is audited, and the audit chain is keyed.
    process.env.CLIENTELE_KEY = ENV.CLIENTELE_KEY;
    // Two connections: the root's own and one more, which the test holds while a request waits for it.
    const db = await openWarehouse(await pg.createDatabase('pool'), { poolSize: 2, poolWaitMs: 300 });
    const writer = await EventWriter.create(db);
    const app = await buildApp({ db, writer, sources: await loadSources(db), adminToken: 'pool-admin' });
    try {
      const ask = () =>
        app.inject({ method: 'GET', url: '/v1/rejects', headers: { authorization: 'Bearer pool-admin' } });
      const first = await ask();
      assert.equal(first.statusCode, 200, first.body);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const taken = new Promise<void>((r) => (holding = r));
      const holder = db.session(async (s) => {
        await s.run('SELECT 1');
        holding();
        await held;
      });
      await taken;
      const busy = await ask();
      release();
      await holder;
      assert.equal(busy.statusCode, 503, busy.body);
      assert.equal(busy.json().error.code, 'CLT_ERR_STORE_BUSY');
      assert.equal(busy.headers['retry-after'], '1');
      assert.equal((await ask()).statusCode, 200, 'once the connection is back, requests are answered again');
    } finally {
      await app.close();
      await writer.close();
      await db.close();
    }
  });
});
