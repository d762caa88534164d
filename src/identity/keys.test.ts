import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { importFile } from '../ingest/index.js';
import { findProfile, getProfile } from '../profiles/index.js';
import type { Warehouse } from '../store/index.js';
import { resolveIdentities } from './index.js';

const profileCount = async (db: Warehouse) =>
  (await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM profiles'))[0]!.n;

describe('identifiers declared at import (--identifier)', () => {
  it('join records by the declared key, rebuild once when declared after a resolve, and keep joining later imports', async () => {
    await withTestDb(async (db, dir) => {
      const first = join(dir, 'customers.csv');
      await writeFile(
        first,
        'customer_id,customer_unique_id,customer_state\nc1,u1,SP\nc2,u1,SP\nc3,u2,RJ\nc4,1,MG\nc5,unknown,SC\nc6,unknown,SC\n',
      );
      await importFile(db, first, { kind: 'customers' });
      await resolveIdentities(db);
      assert.equal(await profileCount(db), 6, 'without the key every per-order customer id is a person');

      // Declared on a second import of the same file: nothing new is stored, yet the next resolve rebuilds.
      const again = await importFile(db, first, { kind: 'customers', identifiers: ['customer_unique_id'] });
      assert.equal(again.duplicates, 6);
      const rebuilt = await resolveIdentities(db);
      assert.equal(rebuilt.mode, 'full');
      assert.equal(
        await profileCount(db),
        5,
        'c1 and c2 are one person; the placeholder unknown joins no one',
      );
      assert.equal(await findProfile(db, 'c1'), await findProfile(db, 'c2'));
      assert.notEqual(await findProfile(db, 'c5'), await findProfile(db, 'c6'));
      assert.equal(
        await findProfile(db, 'u1'),
        await findProfile(db, 'c1'),
        'the key alone finds the person',
      );

      // Later files need no flag: the declaration is kept, and the next resolve is incremental again.
      const later = join(dir, 'customers-2.csv');
      await writeFile(later, 'customer_id,customer_unique_id,customer_state\nc7,u1,SP\nc8,1,MG\n');
      await importFile(db, later, { kind: 'customers' });
      const next = await resolveIdentities(db);
      assert.equal(next.mode, 'incremental');
      assert.equal(await findProfile(db, 'c7'), await findProfile(db, 'c1'));
      assert.equal(await findProfile(db, 'c8'), await findProfile(db, 'c4'), 'a numeric key still joins');
      const profile = await getProfile(db, (await findProfile(db, 'c1'))!);
      assert.deepEqual([...profile!.customerIds].sort(), ['c1', 'c2', 'c7']);
    });
  });

  it('keeps keys of different names apart, even with equal values', async () => {
    await withTestDb(async (db, dir) => {
      const a = join(dir, 'a.csv');
      const b = join(dir, 'b.csv');
      await writeFile(a, 'customer_id,member_no\nA,7\n');
      await writeFile(b, 'customer_id,card_no\nB,7\n');
      await importFile(db, a, { kind: 'customers', identifiers: ['member_no'] });
      await importFile(db, b, { kind: 'customers', identifiers: ['card_no'] });
      await resolveIdentities(db);
      assert.notEqual(await findProfile(db, 'A'), await findProfile(db, 'B'));
    });
  });

  it('brings a review that names only its order to the order’s customer; a guest order’s review stays unattributed', async () => {
    await withTestDb(async (db, dir) => {
      const orders = join(dir, 'orders.csv');
      const reviews = join(dir, 'reviews.csv');
      await writeFile(orders, 'order_id,customer_id,order_date\nO1,C1,2024-01-05\nO2,,2024-01-06\n');
      await writeFile(
        reviews,
        'review_id,order_id,review_score,review_comment_message,review_creation_date\nR1,O1,5,,10-Jan-24\nR2,O2,1,late,11-Jan-24\nR3,O9,4,,12-Jan-24\n',
      );
      // Reviews first: they wait, unattributed, until their order arrives.
      await importFile(db, reviews, { kind: 'feedback' });
      const early = await resolveIdentities(db);
      assert.equal(early.unattributed, 3);
      await importFile(db, orders, { kind: 'orders' });
      const summary = await resolveIdentities(db);
      const c1 = await findProfile(db, 'C1');
      const owners = await db.all<{ id: string; p: number | null }>(
        `SELECT f.feedback_id AS id, rp.profile_id AS p FROM feedback f
         LEFT JOIN record_profiles rp ON rp.record_table = 'feedback' AND rp.row_key = f.row_key ORDER BY 1`,
      );
      assert.deepEqual(owners, [
        { id: 'R1', p: c1 },
        { id: 'R2', p: null },
        { id: 'R3', p: null },
      ]);
      assert.equal(summary.unattributed, 3, 'the guest order and the two reviews without a known customer');
      const [stored] = await db.all<{ reviews: number; average_rating: number }>(
        'SELECT reviews::INTEGER AS reviews, average_rating FROM profiles WHERE profile_id = ?',
        [c1],
      );
      assert.deepEqual(stored, { reviews: 1, average_rating: 5 });
      assert.equal((await getProfile(db, c1!))!.metrics.reviews, 1);
    });
  });
});
