import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { enableEncryption } from './enable.js';
import { FieldCrypto, fieldCrypto, holdsPersonalKey } from './fields.js';

const key = { data: randomBytes(32), index: randomBytes(32), source: 'memory' };

describe('field encryption', () => {
  it('seals personal values and reveals them, wherever they were copied, but not as another kind', () => {
    const crypto = new FieldCrypto(key);
    const sealed = crypto.seal('email', 'ann@example.org');
    assert.match(sealed, /^enc1:/);
    assert.notEqual(crypto.seal('email', 'ann@example.org'), sealed, 'a fresh IV each time');
    assert.equal(crypto.reveal(sealed, 'email'), 'ann@example.org');
    assert.equal(
      crypto.reveal(sealed, 'phone'),
      'ann@example.org',
      'a wrong hint falls back to the other kinds',
    );
    assert.equal(crypto.reveal('plain'), 'plain');
    const other = new FieldCrypto({ ...key, data: randomBytes(32) });
    assert.throws(() => other.reveal(sealed), /CLT_ERR_PRIVACY_DECRYPT|does not decrypt/);
  });

  it('seals the personal keys of JSON documents at any depth and reveals any answer', () => {
    const crypto = new FieldCrypto(key);
    const row = {
      email: 'ann@example.org',
      event: 'Signed Up',
      traits: { firstName: 'Ann', plan: 'pro', consent: { email: true }, phone: 4155550132 },
      context: { ip: '203.0.113.7', traits: { email: 'ann@example.org' }, os: { name: 'iOS' } },
    };
    const sealed = crypto.sealJson(row) as typeof row;
    const text = JSON.stringify(sealed);
    for (const clear of ['ann@example.org', 'Ann', '4155550132', '203.0.113.7'])
      assert.ok(!text.includes(clear));
    assert.equal(sealed.event, 'Signed Up');
    assert.equal(sealed.traits.plan, 'pro');
    assert.deepEqual(sealed.traits.consent, { email: true }, 'booleans are not personal values');
    assert.deepEqual(crypto.revealDeep(sealed), { ...row, traits: { ...row.traits, phone: '4155550132' } });
    // Ciphertext inside text (a JSON document read as text) is revealed in place.
    assert.equal(crypto.revealDeep(`{"email":"${sealed.email}"}`), '{"email":"ann@example.org"}');
    assert.ok(holdsPersonalKey('{"a": 1, "email" : "x"}'));
    assert.ok(!holdsPersonalKey('{"plan": "pro"}'));
  });

  it('is off until init --encrypt, and then needs the key', async () => {
    await withTestDb(async (db) => {
      assert.equal(await fieldCrypto(db), null);
      const state = await enableEncryption(db);
      assert.deepEqual([state.encrypted, state.changed], [true, true]);
      const crypto = await fieldCrypto(db);
      assert.ok(crypto);
      assert.equal((await enableEncryption(db)).changed, false);
    });
  });
});
