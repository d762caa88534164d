import assert from 'node:assert/strict';
import { it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { resolveIdentities } from '../identity/index.js';
import { findProfile } from './lookup.js';

// The identifiers and the profile number are asked in one statement (issue 13): the number still counts only
// when no identifier matched (src/mining/profiles.test.ts: an all-digit customer id wins over a profile's number).
it('a profile number finds its profile, a number no profile has finds none, and text that is neither finds none', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    const id = await findProfile(db, 'c5');
    assert.ok(id !== null);
    assert.equal(await findProfile(db, String(id)), id);
    assert.equal(await findProfile(db, ` ${id} `), id, 'spaces around the number are ignored');
    assert.equal(await findProfile(db, '987654321'), null);
    assert.equal(await findProfile(db, 'nobody-at-all'), null);
  });
});
