import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decryptField, encryptField, isEncrypted } from './cipher.js';
import { blindIndex, knownMatcher, textHolds } from './identifiers.js';
import { loadInstanceKey } from './key.js';

describe('privacy primitives', () => {
  const saved = process.env.CLIENTELE_KEY;
  process.env.CLIENTELE_KEY = 'ab'.repeat(32);
  const key = loadInstanceKey(':memory:')!;
  process.env.CLIENTELE_KEY = saved ?? '';

  it('encryptField() round-trips, never repeats a ciphertext, and refuses another column or a changed byte', () => {
    const a = encryptField(key, 'ann.lee@example.org', 'customers.email');
    const b = encryptField(key, 'ann.lee@example.org', 'customers.email');
    assert.ok(isEncrypted(a) && a !== b && !a.includes('ann'));
    assert.equal(decryptField(key, a, 'customers.email'), 'ann.lee@example.org');
    assert.throws(() => decryptField(key, a, 'orders.email'));
    // Flip a bit of the decoded bytes: editing a base64 character can land on padding bits that decode the same.
    const raw = Buffer.from(a.slice('enc1:'.length), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 0x01, raw.length - 1);
    const flipped = `enc1:${raw.toString('base64')}`;
    assert.throws(() => decryptField(key, flipped, 'customers.email'));
  });

  it('blindIndex() is keyed and typed; textHolds() finds identifiers in CSV lines, JSON and sentences', () => {
    assert.match(blindIndex(key, 'email', 'a@b.io'), /^[0-9a-f]{64}$/);
    assert.notEqual(blindIndex(key, 'email', 'a@b.io'), blindIndex(key, 'phone', 'a@b.io'));
    const m = knownMatcher([
      { type: 'email', value: 'ann.lee@example.org' },
      { type: 'phone', value: '+14155550132' },
      { type: 'customer_id', value: 'C-17' },
    ]);
    assert.ok(textHolds('C9,ANN.Lee@Example.org,x', m));
    assert.ok(textHolds('{"phone":"(415) 555-0132","x":1}', m));
    assert.ok(textHolds("column 'customer_id': 'C-17' is duplicated", m));
    assert.ok(!textHolds('C-170,bob@x.io,(415) 555-0133', m));
  });

  it('CLIENTELE_KEY must be 64 hexadecimal characters', () => {
    process.env.CLIENTELE_KEY = 'xyz';
    try {
      assert.throws(() => loadInstanceKey(':memory:'), /64 hexadecimal/);
    } finally {
      process.env.CLIENTELE_KEY = saved ?? '';
    }
  });
});
