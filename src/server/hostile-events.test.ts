import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { basic, withApi } from '../../test/helpers/server.js';
import { DEFAULT_LIMITS } from '../events/index.js';

const good = (id: string) => ({ type: 'track', event: 'Viewed', userId: `u-${id}`, messageId: id });

describe('hostile events', () => {
  it('a lone surrogate beside good batches from four other clients: every good event is stored', async () => {
    const sources = ['bad', 'c1', 'c2', 'c3', 'c4'];
    await withApi(
      async ({ app, db, keys }) => {
        // Raw JSON text: "\ud800" is valid JSON, and that is how the poison arrives.
        const poison = '{"batch":[{"type":"track","event":"\\ud800","userId":"x","messageId":"poison"}]}';
        const requests: Promise<{ statusCode: number; body: string }>[] = [];
        const expected: string[] = [];
        for (let round = 0; round < 10; round++) {
          requests.push(
            app.inject({
              method: 'POST',
              url: '/v1/batch',
              headers: { authorization: basic(keys.bad!), 'content-type': 'application/json' },
              payload: poison,
            }),
          );
          for (const client of sources.slice(1)) {
            const ids = [`${client}-${round}-a`, `${client}-${round}-b`];
            expected.push(...ids);
            requests.push(
              app.inject({
                method: 'POST',
                url: '/v1/batch',
                headers: { authorization: basic(keys[client]!) },
                payload: { batch: ids.map(good) },
              }),
            );
          }
        }
        const answers = await Promise.all(requests);
        const poisoned = answers.filter((_, i) => i % 5 === 0);
        const others = answers.filter((_, i) => i % 5 !== 0);
        for (const r of others) assert.equal(r.statusCode, 200, r.body);
        for (const r of poisoned) {
          assert.equal(r.statusCode, 400);
          assert.match(r.body, /lone UTF-16 surrogate/);
          assert.doesNotMatch(r.body, /\/tmp|spool/);
        }
        const stored = await db.all<{ m: string }>(
          "SELECT message_id AS m FROM events WHERE message_id <> 'poison' ORDER BY m",
        );
        assert.deepEqual(
          stored.map((r) => r.m),
          [...expected].sort(),
        );
        const [rejects] = await db.all<{ n: number }>(
          "SELECT count(*) AS n FROM rejects WHERE file = 'api:bad' AND reason_code = 'malformed_unicode'",
        );
        assert.equal(rejects?.n, 10);
      },
      { sources, writer: { maxDelayMs: 20 } },
    );
  });

  it('properties nested 5,000 deep are one rejected event; the good events of the batch are stored', async () => {
    await withApi(async ({ app, auth, db }) => {
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const payload = `{"batch":[${JSON.stringify(good('g1'))},{"type":"track","event":"e","userId":"u","properties":${deep}},${JSON.stringify(good('g2'))}]}`;
      const r = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload,
      });
      assert.equal(r.statusCode, 400, r.body);
      const problem = r.json().error.details.rejected[0];
      assert.equal(problem.index, 1);
      assert.equal(problem.code, 'too_deep');
      assert.deepEqual(
        (await db.all<{ m: string }>('SELECT message_id AS m FROM events ORDER BY m')).map((x) => x.m),
        ['g1', 'g2'],
      );
    });
  });

  it('refuses 2024-02-30 and numbers beyond 2^53 instead of storing something else', async () => {
    await withApi(async ({ app, auth, db }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload: `{"batch":[{"type":"track","event":"e","userId":"u","timestamp":"2024-02-30T10:00:00Z"},{"type":"track","event":"e","userId":"u","properties":{"n":99999999999999999999}},{"type":"track","event":"e","userId":"u","properties":{"n":1e400}}]}`,
      });
      assert.equal(r.statusCode, 400);
      assert.deepEqual(
        r.json().error.details.rejected.map((p: { code: string; field: string }) => [p.code, p.field]),
        [
          ['bad_date', 'timestamp'],
          ['number_out_of_range', 'properties.n'],
          ['number_out_of_range', 'properties.n'],
        ],
      );
      const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM events');
      assert.equal(n?.n, 0);
    });
  });

  it('answers 429 with Retry-After before reading a body once too many requests are in flight', async () => {
    await withApi(
      async ({ app, auth, db }) => {
        const answers = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            app.inject({
              method: 'POST',
              url: '/v1/batch',
              headers: { authorization: auth },
              payload: { batch: [good(`f${i}`)] },
            }),
          ),
        );
        const ok = answers.filter((r) => r.statusCode === 200);
        const refused = answers.filter((r) => r.statusCode === 429);
        assert.equal(ok.length + refused.length, 6);
        assert.equal(ok.length, 2, 'two requests fit');
        for (const r of refused) {
          assert.equal(r.headers['retry-after'], '1');
          assert.equal(r.json().error.code, 'CLT_ERR_API_OVERLOADED');
        }
        const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM events');
        assert.equal(n?.n, ok.length, 'every acknowledged event is stored, nothing else');
        const after = await app.inject({
          method: 'POST',
          url: '/v1/track',
          headers: { authorization: auth },
          payload: good('later'),
        });
        assert.equal(after.statusCode, 200, 'room again once the writes are done');
      },
      { limits: { ...DEFAULT_LIMITS, maxRequestsInFlight: 2 }, writer: { maxDelayMs: 300 } },
    );
  });
});
