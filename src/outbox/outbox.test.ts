import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import {
  backoffMs,
  checkHttpUrl,
  enqueue,
  flushOutbox,
  outboxStatus,
  type RetryPolicy,
  verifySignature,
} from './index.js';

interface Received {
  readonly id: string;
  readonly signature: string | undefined;
  readonly body: string;
}

// A real receiver on a socket; `answer` decides each request's fate.
async function receiver(answer: (req: IncomingMessage) => number | 'hang') {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const a = answer(req);
      if (a === 'hang') return;
      if (a < 300)
        got.push({
          id: String(req.headers['x-clientele-delivery']),
          signature: req.headers['x-clientele-signature'] as string | undefined,
          body,
        });
      res.statusCode = a;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    got,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const POLICY: RetryPolicy = { maxAttempts: 3, baseMs: 1_000, capMs: 60_000 };

test('backoffMs() stays between half and all of the capped exponential delay', () => {
  for (let attempt = 1; attempt <= 30; attempt++) {
    const full = Math.min(POLICY.capMs, POLICY.baseMs * 2 ** (attempt - 1));
    assert.equal(backoffMs(attempt, POLICY, 0), full / 2);
    assert.ok(backoffMs(attempt, POLICY, 0.999) <= full);
  }
});

test('checkHttpUrl() refuses other schemes and keeps http(s)', () => {
  assert.equal(checkHttpUrl('https://example.com/x'), 'https://example.com/x');
  for (const bad of ['file:///etc/passwd', 'ftp://x/y', 'javascript:alert(1)', 'not a url']) {
    assert.throws(() => checkHttpUrl(bad), {
      code: 'CLT_ERR_OUTBOX_URL',
      details: { option: 'url', url: bad },
    });
  }
  // Named as the API spells the option (issue 13), even when a caller writes it as a flag.
  assert.throws(() => checkHttpUrl('ftp://x/y', '--webhook'), {
    message: 'webhook ftp://x/y: only http:// and https:// URLs are accepted, not ftp:',
    details: { option: 'webhook', url: 'ftp://x/y' },
  });
});

test('flushOutbox() delivers signed bodies once each, in order per key', async () => {
  const r = await receiver(() => 200);
  try {
    await withTestDb(async (db) => {
      const ids = await enqueue(db, [
        { origin: 't', orderingKey: 'a', url: r.url, body: '{"n":1}', secret: 's3cret' },
        { origin: 't', orderingKey: 'a', url: r.url, body: '{"n":2}', secret: 's3cret' },
        { origin: 't', orderingKey: 'b', url: r.url, body: '{"n":3}', secret: 's3cret' },
        { origin: 't', orderingKey: 'a', url: r.url, body: '{"n":4}', secret: 's3cret' },
      ]);
      const result = await flushOutbox(db);
      assert.deepEqual(result, { delivered: 4, retried: 0, dead: 0, pending: 0 });
      assert.deepEqual(new Set(r.got.map((g) => g.id)), new Set(ids));
      for (const g of r.got) assert.ok(verifySignature(g.body, 's3cret', g.signature));
      assert.ok(!verifySignature(r.got[0]!.body, 'other', r.got[0]!.signature));
      const a = r.got.filter((g) => ['1', '2', '4'].includes(JSON.parse(g.body).n.toString()));
      assert.deepEqual(
        a.map((g) => JSON.parse(g.body).n),
        [1, 2, 4],
      );
      // Flushing again sends nothing more.
      assert.equal((await flushOutbox(db)).delivered, 0);
      assert.equal(r.got.length, 4);
      assert.equal((await outboxStatus(db)).delivered, 4);
    });
  } finally {
    await r.close();
  }
});

test('a receiver answering 500 or 410 is retried with backoff, later messages of the key wait, then dead-lettered', async () => {
  let status = 500;
  const r = await receiver(() => status);
  try {
    await withTestDb(async (db) => {
      await enqueue(
        db,
        [
          { origin: 't', orderingKey: 'p1', url: r.url, body: '{"n":1}' },
          { origin: 't', orderingKey: 'p1', url: r.url, body: '{"n":2}' },
        ],
        POLICY,
      );
      let clock = Date.now() + 1;
      const now = () => clock;
      const first = await flushOutbox(db, { now, policy: POLICY });
      assert.deepEqual(first, { delivered: 0, retried: 1, dead: 0, pending: 2 });
      // Not due yet: nothing is tried.
      assert.deepEqual(await flushOutbox(db, { now, policy: POLICY }), {
        delivered: 0,
        retried: 0,
        dead: 0,
        pending: 2,
      });
      status = 410;
      clock += 120_000;
      assert.equal((await flushOutbox(db, { now, policy: POLICY })).retried, 1);
      clock += 120_000;
      const last = await flushOutbox(db, { now, policy: POLICY });
      // The first died after its third try; the second then went out and failed its first try.
      assert.equal(last.dead, 1);
      assert.equal(r.got.length, 0);
      status = 200;
      clock += 120_000;
      assert.equal((await flushOutbox(db, { now, policy: POLICY })).delivered, 1);
      assert.deepEqual(
        r.got.map((g) => JSON.parse(g.body).n),
        [2],
      );
      const s = await outboxStatus(db);
      assert.equal(s.dead, 1);
      assert.equal(s.deadLetters[0]?.lastStatus, 410);
      assert.equal(s.deadLetters[0]?.attempts, 3);
    });
  } finally {
    await r.close();
  }
});

test('a slow or down receiver costs a try and never throws', async () => {
  const slow = await receiver(() => 'hang');
  try {
    await withTestDb(async (db) => {
      await enqueue(db, [{ origin: 't', orderingKey: 'k', url: slow.url, body: '{}' }], POLICY);
      const result = await flushOutbox(db, { timeoutMs: 200, policy: POLICY });
      assert.equal(result.retried, 1);
      const [row] = await db.all<{ e: string }>('SELECT last_error AS e FROM outbox');
      assert.match(row!.e, /no answer within 200 ms/);
    });
  } finally {
    await slow.close();
  }
  await withTestDb(async (db) => {
    // A port nobody listens on.
    const down = await receiver(() => 200);
    const url = down.url;
    await down.close();
    await enqueue(db, [{ origin: 't', orderingKey: 'k', url, body: '{}' }], POLICY);
    const result = await flushOutbox(db, { policy: POLICY, budgetMs: 5_000 });
    assert.equal(result.retried, 1);
  });
});

test('a try cut by the flush budget is not a failed try: it counts nothing and is due again', async () => {
  const slow = await receiver(() => 'hang');
  try {
    await withTestDb(async (db) => {
      await enqueue(db, [{ origin: 't', orderingKey: 'k', url: slow.url, body: '{}' }], POLICY);
      // The budget ends long before the receiver's timeout would.
      const result = await flushOutbox(db, { budgetMs: 300, timeoutMs: 5_000, policy: POLICY });
      assert.deepEqual(
        { delivered: result.delivered, retried: result.retried, dead: result.dead, pending: result.pending },
        { delivered: 0, retried: 0, dead: 0, pending: 1 },
      );
      const [row] = await db.all<{ attempts: number; e: string | null; due: boolean }>(
        'SELECT attempts, last_error AS e, next_at <= now() AS due FROM outbox',
      );
      assert.equal(Number(row!.attempts), 0, 'no try counted');
      assert.equal(row!.e, null);
      assert.equal(row!.due, true, 'due again at once, not after the lease');
    });
  } finally {
    await slow.close();
  }
});

test('two flushes at once (the server loop beside a request) deliver each message once', async () => {
  const got: string[] = [];
  // A receiver slow enough that the two flushes overlap.
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        got.push(String(req.headers['x-clientele-delivery']));
        res.end();
      }, 30),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    await withTestDb(async (db) => {
      const ids = await enqueue(
        db,
        Array.from({ length: 40 }, (_, i) => ({
          origin: 't',
          orderingKey: `p${i}`,
          url,
          body: `{"n":${i}}`,
        })),
      );
      const [a, b] = await Promise.all([flushOutbox(db), flushOutbox(db)]);
      assert.equal(a.delivered + b.delivered, 40);
      assert.equal(got.length, 40, 'a delivery was posted twice');
      assert.deepEqual(new Set(got), new Set(ids));
      assert.equal((await outboxStatus(db)).delivered, 40);
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
