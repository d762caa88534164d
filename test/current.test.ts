import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ensureCurrent, isStale } from '../src/identity/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';

// Issue 12, item 3: profiles and segments are current after every import, from the CLI, the HTTP import route
// and the event API; no command answers with zeros because a resolution has not run.
const CUSTOMERS = `customer_id,email,country
c1,ann@example.com,DE
c2,bob@example.com,DE
c3,cy@example.com,FR
`;
const ORDERS = `order_id,customer_id,order_ts,revenue
o1,c1,2024-01-05T10:00:00Z,10
o2,c1,2024-02-05T10:00:00Z,20
o3,c2,2024-01-07T10:00:00Z,30
o4,c3,2024-01-08T10:00:00Z,40
o5,c3,2024-03-08T10:00:00Z,50
`;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('profiles are current without a manual resolve', () => {
  it('clientele import, then segment preview and profile answer at once', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
      await writeFile(join(dir, 'orders.csv'), ORDERS);
      const imported = await runCliJson<{ profiles: { profiles: number } | null }>([
        '--db',
        db,
        'import',
        join(dir, 'customers.csv'),
        join(dir, 'orders.csv'),
      ]);
      assert.equal(imported.profiles?.profiles, 3, 'the import joined its rows into profiles');
      const preview = await runCliJson<{ count: number }>([
        '--db',
        db,
        'segment',
        'preview',
        '--where',
        "country = 'DE' and orders >= 2",
      ]);
      assert.equal(preview.count, 1);
      const ann = await runCli(['--db', db, 'profile', 'ann@example.com']);
      assert.equal(ann.code, 0, ann.stderr);
      assert.match(ann.stdout, /ann@example\.com/);
    });
  });

  it('a re-import that changes a customer in place (same id, new country) moves their profile and segments', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
      await runCliJson(['--db', db, 'import', join(dir, 'customers.csv')]);
      const before = await runCliJson<{ count: number }>([
        '--db',
        db,
        'segment',
        'preview',
        '--where',
        "country = 'FR'",
      ]);
      assert.equal(before.count, 1);
      await writeFile(
        join(dir, 'customers-moved.csv'),
        CUSTOMERS.replace('c1,ann@example.com,DE', 'c1,ann@example.com,FR'),
      );
      const again = await runCliJson<{ updated: number }>([
        '--db',
        db,
        'import',
        join(dir, 'customers-moved.csv'),
        '--as',
        'customers',
      ]);
      assert.equal(again.updated, 1);
      const after = await runCliJson<{ count: number }>([
        '--db',
        db,
        'segment',
        'preview',
        '--where',
        "country = 'FR'",
      ]);
      assert.equal(after.count, 2, 'Ann moved to FR in her profile at once');
    });
  });

  it('order lines imported after their orders move their owners’ revenue (lines name no customer)', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
      await writeFile(
        join(dir, 'orders.csv'),
        'order_id,customer_id,order_ts\no1,c1,2024-01-05T10:00:00Z\no2,c2,2024-01-06T10:00:00Z\n',
      );
      await writeFile(
        join(dir, 'order_items.csv'),
        'order_id,product_id,quantity,unit_price\no1,p1,2,15\no1,p2,1,5\no2,p1,1,15\n',
      );
      await runCliJson(['--db', db, 'import', join(dir, 'customers.csv'), join(dir, 'orders.csv')]);
      await runCliJson(['--db', db, 'import', join(dir, 'order_items.csv')]);
      const rich = await runCliJson<{ count: number }>([
        '--db',
        db,
        'segment',
        'preview',
        '--where',
        'revenue >= 35',
      ]);
      assert.equal(rich.count, 1, 'ann: 2 × 15 + 5 from her lines');
      const any = await runCliJson<{ count: number }>([
        '--db',
        db,
        'segment',
        'preview',
        '--where',
        'revenue > 0',
      ]);
      assert.equal(any.count, 2);
    });
  });

  it('import --no-resolve leaves the joining to the first command that reads', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
      const imported = await runCliJson<{ profiles: unknown }>([
        '--db',
        db,
        'import',
        join(dir, 'customers.csv'),
        '--no-resolve',
      ]);
      assert.equal(imported.profiles, null);
      const status = await runCliJson<{ customers: number; prospects: number }>(['--db', db, 'status']);
      assert.equal(status.customers + status.prospects, 3, 'status resolved before counting');
      const cy = await runCli(['--db', db, 'profile', 'cy@example.com']);
      assert.equal(cy.code, 0, cy.stderr);
    });
  });

  it('the HTTP import route and live events are in profiles on the next read', async () => {
    await withApi(async ({ app, db, auth }) => {
      const up = await app.inject({
        method: 'POST',
        url: '/v1/imports?kind=customers&name=customers.csv',
        payload: CUSTOMERS,
        headers: { ...admin, 'content-type': 'text/csv' },
      });
      assert.equal(up.statusCode, 200, up.body);
      assert.equal(await isStale(db), false, 'the import route resolved');
      const ann = await app.inject({ method: 'GET', url: '/v1/profiles/ann@example.com', headers: admin });
      assert.equal(ann.statusCode, 200, ann.body);

      // A new person arrives over the event API only: the next read finds them, with no resolve run by anyone.
      const track = await app.inject({
        method: 'POST',
        url: '/v1/identify',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload: { userId: 'u-9', traits: { email: 'dee@example.com' } },
      });
      assert.equal(track.statusCode, 200, track.body);
      assert.equal(await isStale(db), true, 'an event leaves profiles behind until someone reads');
      const dee = await app.inject({ method: 'GET', url: '/v1/profiles/dee@example.com', headers: admin });
      assert.equal(dee.statusCode, 200, dee.body);
      assert.equal(await isStale(db), false);
      assert.equal(await ensureCurrent(db), null, 'nothing new: no second resolution');
    });
  });
});
