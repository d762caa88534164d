import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics } from '@segment/analytics-node';
import { withApi } from '../../test/helpers/server.js';

const N = 60;

async function listen(app: {
  listen: (o: { host: string; port: number }) => Promise<string>;
}): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('official clients over a real socket', () => {
  it('@segment/analytics-node and @rudderstack/rudder-sdk-node: every call type, every event exactly once', async () => {
    await withApi(
      async ({ app, db, keys }) => {
        const url = await listen(app);
        const segment = new Analytics({
          writeKey: keys.segment!,
          host: url,
          path: '/v1/batch',
          flushAt: 7,
          flushInterval: 50,
        });
        const errors: unknown[] = [];
        segment.on('error', (e) => errors.push(e));
        const rudder = new RudderAnalytics(keys.rudder!, {
          dataPlaneUrl: url,
          flushAt: 7,
          flushInterval: 50,
          logLevel: 'error',
          errorHandler: (e) => errors.push(e),
        });
        for (let i = 0; i < N; i++) {
          const who = { userId: `u${i % 10}` };
          switch (i % 6) {
            case 0:
              segment.track({ ...who, event: 'Order Completed', properties: { revenue: i } });
              rudder.track({ ...who, event: 'Order Completed', properties: { revenue: i } });
              break;
            case 1:
              segment.identify({ ...who, traits: { email: `p${i}@example.com` } });
              rudder.identify({ ...who, traits: { email: `p${i}@example.com` } });
              break;
            case 2:
              segment.page({ anonymousId: `a${i}`, name: 'Home', properties: { url: 'https://x.example/' } });
              rudder.page({ anonymousId: `a${i}`, name: 'Home', properties: { url: 'https://x.example/' } });
              break;
            case 3:
              segment.screen({ ...who, name: 'Settings' });
              rudder.screen({ ...who, name: 'Settings' });
              break;
            case 4:
              segment.group({ ...who, groupId: 'g1', traits: { plan: 'pro' } });
              rudder.group({ ...who, groupId: 'g1', traits: { plan: 'pro' } });
              break;
            default:
              segment.alias({ userId: `u${i}`, previousId: `a${i}` });
              rudder.alias({ userId: `u${i}`, previousId: `a${i}` });
          }
        }
        await segment.closeAndFlush({ timeout: 10_000 });
        await rudder.flush();
        // rudder-sdk-node flushes in the background when its queue reaches flushAt; wait until all have landed.
        for (let t = 0; t < 100; t++) {
          const [row] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM events');
          if (row!.n >= 2 * N) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.deepEqual(errors, []);
        const bySource = await db.all(
          `SELECT i.file, count(*)::INTEGER AS events, count(DISTINCT e.message_id)::INTEGER AS ids,
             count(DISTINCT e.type)::INTEGER AS types
           FROM events e JOIN imports i USING (import_id) GROUP BY 1 ORDER BY 1`,
        );
        assert.deepEqual(bySource, [
          { file: 'api:rudder', events: N, ids: N, types: 6 },
          { file: 'api:segment', events: N, ids: N, types: 6 },
        ]);
        const libraries = await db.all(
          "SELECT DISTINCT context->'library'->>'name' AS library FROM events ORDER BY 1",
        );
        assert.deepEqual(libraries, [{ library: '@segment/analytics-node' }, { library: 'analytics-node' }]);
        assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS n FROM rejects'), [{ n: 0 }]);
      },
      { sources: ['segment', 'rudder'] },
    );
  });

  it('answers 408 and closes the connection of a slow client that trickles its body past the deadline', async () => {
    await withApi(
      async ({ app, auth }) => {
        const url = new URL(await listen(app));
        const started = Date.now();
        const answer = await new Promise<string>((resolve, reject) => {
          // Trickles a byte every 100 ms, so the idle timeout never fires; only the request deadline can.
          let timer: NodeJS.Timeout | undefined;
          const socket = connect(Number(url.port), url.hostname, () => {
            socket.write(
              `POST /v1/track HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"userId":`,
            );
            timer = setInterval(() => socket.write(' '), 100);
          });
          socket.on('close', () => clearInterval(timer));
          let text = '';
          socket.on('data', (d) => {
            text += d;
          });
          socket.on('close', () => resolve(text));
          socket.on('error', reject);
        });
        assert.match(answer, /^HTTP\/1\.1 408 /, `${Date.now() - started} ms: ${answer.slice(0, 200)}`);
        assert.match(answer, /CLT_ERR_API_TIMEOUT/);
        const elapsed = Date.now() - started;
        assert.ok(
          // The trickle keeps the idle timeout from firing; the bound is loose for a busy machine.
          elapsed >= 350 && elapsed < 10_000,
          `closed by the request deadline (${elapsed} ms)`,
        );
      },
      { timeouts: { requestMs: 400, idleMs: 2000, keepAliveMs: 1000 } },
    );
  });
});
