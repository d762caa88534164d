import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { syncAudience, syncAudienceIfStale } from '../src/destinations/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { startReceiver } from './helpers/receiver.js';
import { withApi } from './helpers/server.js';

// Ann and Bob (US) allow ads; Cy (US) refused them; Dee (US) said nothing; Eve is in France.
const CUSTOMERS = `customer_id,email,first_name,country,consent_ads
c1,ann@x.io,Ann,US,yes
c2,bob@x.io,Bob,US,true
c3,cy@x.io,Cy,US,no
c4,dee@x.io,Dee,US,
c5,eve@x.io,Eve,FR,yes
`;

// The five customers imported and the segment `us` saved; the CLI on that database.
async function usShop(dir: string, db: string) {
  const cli = (...a: string[]) => runCliJson<Record<string, unknown>>(['--db', db, ...a]);
  await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
  await cli('import', join(dir, 'customers.csv'));
  await cli('segment', 'create', 'us', '--where', "country = 'US'");
  return cli;
}

describe('destinations and audiences (built CLI)', () => {
  test('a webhook audience sends consenting members once, then the moves, signed and deduplicable', async () => {
    const hook = await startReceiver('s3cret');
    try {
      await withTestDatabase(async ({ dir, location: db }) => {
        const cli = await usShop(dir, db);
        const bad = await runCli([
          '--db',
          db,
          'destinations',
          'create',
          'x',
          '--type',
          'webhook',
          '--url',
          'file:///etc/passwd',
        ]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /CLT_ERR_OUTBOX_URL/);
        await cli(
          'destinations',
          'create',
          'hook',
          '--type',
          'webhook',
          '--url',
          hook.url,
          '--secret',
          's3cret',
        );
        await cli(
          'audiences',
          'create',
          'us-ads',
          '--segment',
          'us',
          '--to',
          'hook',
          '--fields',
          'email,first_name',
        );
        const first = await cli('audiences', 'sync', 'us-ads');
        assert.deepEqual(
          { entered: first.entered, exited: first.exited, sent: first.sent, failed: first.failed },
          { entered: 2, exited: 0, sent: 2, failed: 0 },
        );
        assert.equal(hook.got.length, 2);
        assert.ok(hook.got.every((g) => g.verified));
        const names = hook.got.map(
          (g) => (g.body.profile as { traits: { first_name: string } }).traits.first_name,
        );
        assert.deepEqual(names.sort(), ['Ann', 'Bob']);
        assert.equal(hook.got[0]!.body.type, 'audience.entered');
        assert.equal(hook.got[0]!.body.audience, 'us-ads');
        // Nothing moved: nothing is sent.
        const again = await cli('audiences', 'sync', 'us-ads');
        assert.equal(again.entered, 0);
        assert.equal(hook.got.length, 2);
        // Bob leaves the segment (its rule changes); the receiver is down meanwhile and the sync still returns.
        // (An updated customers row does not yet move its profile: reported, see the lead's notes.)
        await cli('segment', 'create', 'us', '--where', "country = 'US' and first_name != 'Bob'");
        hook.state.mode = 500;
        const down = await runCliJson<Record<string, number>>(['--db', db, 'audiences', 'sync', 'us-ads']);
        assert.equal(down.exited, 1);
        assert.equal(down.failed, 1);
        const pending = await cli('outbox');
        assert.equal(pending.pending, 1);
        hook.state.mode = 'ok';
        // The retry is due after its backoff; a flush then delivers it. Waiting on a backoff would time the
        // test, so the retry is made due by moving its time in the database the CLI reads.
        const { openWarehouse } = await import('../src/store/index.js');
        const w = await openWarehouse(db);
        await w.run(
          "UPDATE outbox SET next_at = current_timestamp - INTERVAL '1 minute' WHERE status = 'pending'",
        );
        await w.close();
        const flushed = await cli('outbox', 'flush');
        assert.equal(flushed.delivered, 1);
        assert.equal(hook.got.length, 3);
        assert.equal(hook.got[2]!.body.type, 'audience.exited');
        assert.equal((hook.got[2]!.body.profile as { customerId: string }).customerId, 'c2');
        const listed = await runCliJson<{ name: string; members: number }[]>([
          '--db',
          db,
          'audiences',
          'list',
        ]);
        assert.equal(listed[0]?.members, 1);
      });
    } finally {
      await hook.close();
    }
  });

  test('a receiver that never answers does not hang the CLI: the sync returns and the delivery waits', async () => {
    const hook = await startReceiver(null);
    hook.state.mode = 'hang';
    try {
      await withTestDatabase(async ({ dir, location: db }) => {
        await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
        await runCliJson(['--db', db, 'import', join(dir, 'customers.csv')]);
        await runCliJson(['--db', db, 'segment', 'create', 'fr', '--where', "country = 'FR'"]);
        await runCliJson([
          '--db',
          db,
          'destinations',
          'create',
          'slow',
          '--type',
          'webhook',
          '--url',
          hook.url,
        ]);
        await runCliJson(['--db', db, 'audiences', 'create', 'fr', '--segment', 'fr', '--to', 'slow']);
        const run = await runCli(['--db', db, 'audiences', 'sync', '--json'], {
          env: { CLIENTELE_OUTBOX_BUDGET_MS: '300' },
        });
        assert.equal(run.code, 0, run.stderr);
        const out = JSON.parse(run.stdout) as {
          entered: number;
          failed: number;
          warnings: { code: string }[];
        };
        assert.equal(out.entered, 1);
        assert.equal(out.failed, 1);
        assert.equal(out.warnings[0]?.code, 'CLT_WARN_DELIVERY_PENDING');
      });
    } finally {
      await hook.close();
    }
  });

  test('a Segment-type destination sends Segment-spec identify and track calls our own /v1/batch accepts', async () => {
    await withApi(async (api) => {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
      await withTestDatabase(async ({ dir, location: db }) => {
        await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
        await runCliJson(['--db', db, 'import', join(dir, 'customers.csv')]);
        await runCliJson(['--db', db, 'segment', 'create', 'us', '--where', "country = 'US'"]);
        await runCliJson([
          '--db',
          db,
          'destinations',
          'create',
          'seg',
          '--type',
          'segment',
          '--url',
          url,
          '--write-key',
          api.key,
        ]);
        const tested = await runCliJson<{ ok: boolean }>(['--db', db, 'destinations', 'test', 'seg']);
        assert.equal(tested.ok, true);
        await runCliJson(['--db', db, 'audiences', 'create', 'us', '--segment', 'us', '--to', 'seg']);
        const sync = await runCliJson<Record<string, number>>(['--db', db, 'audiences', 'sync', 'us']);
        assert.equal(sync.sent, 2);
      });
      const rows = await api.db.all<{
        type: string;
        user_id: string;
        event: string | null;
        t: string | null;
      }>(
        `SELECT type, user_id, event, CAST(traits AS VARCHAR) AS t FROM events WHERE user_id IN ('c1', 'c2') ORDER BY user_id, type`,
      );
      assert.deepEqual(
        rows.map((r) => [r.user_id, r.type, r.event]),
        [
          ['c1', 'identify', null],
          ['c1', 'track', 'Audience Entered'],
          ['c2', 'identify', null],
          ['c2', 'track', 'Audience Entered'],
        ],
      );
      assert.equal(JSON.parse(rows[0]!.t!).us, true);
    });
  });
  test('two syncs of one audience at once (the server loop beside a request) send each member once', async () => {
    const hook = await startReceiver('s');
    try {
      await withTestDatabase(async ({ dir, location: db }) => {
        const cli = await usShop(dir, db);
        await cli('destinations', 'create', 'hook', '--type', 'webhook', '--url', hook.url, '--secret', 's');
        await cli('audiences', 'create', 'us-ads', '--segment', 'us', '--to', 'hook');
        const wh = await openWarehouse(db);
        try {
          const both = await Promise.all([syncAudience(wh, 'us-ads'), syncAudience(wh, 'us-ads')]);
          assert.deepEqual(
            both.map((s) => s.entered).sort(),
            [0, 2],
            'the second finds nothing left to move',
          );
          const [members] = await wh.all<{ n: number }>(
            "SELECT count(*)::INTEGER AS n FROM audience_members WHERE audience = 'us-ads'",
          );
          assert.equal(members?.n, 2);
          const [queued] = await wh.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM outbox');
          assert.equal(queued?.n, 2, 'one delivery per consenting member, not two');
          // The loop's sync, queued behind a request's, finds the audience current and records nothing.
          assert.equal(await syncAudienceIfStale(wh, 'us-ads'), null);
        } finally {
          await wh.close();
        }
      });
    } finally {
      await hook.close();
    }
  });
});
