import assert from 'node:assert/strict';
import { it } from 'node:test';
import { withTestDb } from '../../../test/helpers/engine.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';
import { saveSegment } from '../../segments/index.js';
import type { Warehouse } from '../../store/index.js';
import { personaOf } from './generate.js';

it('a failure of the words while the figures are measured is the caller’s error, not an unhandled rejection that ends the process', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    // The words read through `numbers` (voice.ts), the figures through sessions of their own: only the words fail.
    const failing = new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'numbers') return () => Promise.reject(new Error('the words failed'));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Warehouse;
    await assert.rejects(personaOf(failing, 'buyers'), /the words failed/);
  });
});
