import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { resolveIdentities } from '../identity/index.js';
import { saveSegment } from '../segments/index.js';
import type { Warehouse } from '../store/index.js';
import { withFeatures, withGroups } from './groups.js';
import { createMembers, dropMany, measureMany, sizesOf } from './many.js';
import { sideMoments } from './moments.js';
import { measure } from './summary.js';

// The segments `names` measured together, as the personas and the report measure them.
function measuredMany(db: Warehouse, names: string[]) {
  return withFeatures(db, async (s) => {
    await createMembers(s, names);
    try {
      return await measureMany(s, names, await sizesOf(s, names));
    } finally {
      await dropMany(s);
    }
  });
}

describe('many segments measured in one pass', () => {
  test('measureMany() gives each segment what measure() gives it alone (overlapping and empty segments too)', async () => {
    await withTestDb(async (db, dir) => {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      await saveSegment(db, 'ny', "region = 'NY'");
      await saveSegment(db, 'buyers', 'orders >= 1');
      await saveSegment(db, 'nobody', 'orders >= 1000');
      const names = ['ny', 'buyers', 'nobody'];
      const many = await measuredMany(db, names);
      for (const name of names) {
        const alone = await withGroups(db, { kind: 'segment', name }, (s, sizes) => measure(s, sizes));
        assert.deepEqual(many.get(name), alone, name);
      }
      assert.ok((many.get('ny')?.sizes.a ?? 0) > 0 && many.get('nobody')?.sizes.a === 0);
    });
  });

  test('a value a profile lists twice counts that profile once, as measure() counts it', async () => {
    await withTestDb(async (db, dir) => {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      // pt_cat keeps a list's repeated value once, so that measureMany counts rows without a DISTINCT.
      const d = db.dialect;
      await db.run(
        `UPDATE profiles SET interests = ${d.list(["'golf'", "'golf'", "'chess'"])} WHERE profile_id = (SELECT min(profile_id) FROM profiles)`,
      );
      await saveSegment(db, 'everyone', 'orders >= 0');
      const names = ['everyone'];
      const many = await measuredMany(db, names);
      const alone = await withGroups(db, { kind: 'segment', name: 'everyone' }, (s, sizes) =>
        measure(s, sizes),
      );
      assert.deepEqual(many.get('everyone'), alone);
      const interests = many.get('everyone')?.distributions.interests?.interests ?? [];
      const share = (value: string) => interests.find((v) => v.value === value)?.share;
      assert.ok((share('golf') ?? 0) > 0);
      assert.equal(share('golf'), share('chess'));
    });
  });

  test('sideMoments() gives count, mean, sample variance and the interpolated median of each side', () => {
    // Sorted values; profiles 0 and 2 are side a.
    const values = new Float64Array([1, 2, 4, 7, 10]);
    const owner = new Int32Array([0, 1, 2, 3, 4]);
    const inA = new Uint8Array([1, 0, 1, 0, 0]);
    const { a, b } = sideMoments(values, owner, inA, 0, 5);
    assert.deepEqual(a, { n: 2, mean: 2.5, variance: 4.5, median: 2.5 });
    assert.deepEqual(b, {
      n: 3,
      mean: 19 / 3,
      variance: ((2 - 19 / 3) ** 2 + (7 - 19 / 3) ** 2 + (10 - 19 / 3) ** 2) / 2,
      median: 7,
    });
    const one = sideMoments(values, owner, new Uint8Array([0, 0, 0, 0, 1]), 4, 5);
    assert.deepEqual(one, { a: { n: 1, mean: 10, variance: null, median: 10 }, b: null });
  });
});
