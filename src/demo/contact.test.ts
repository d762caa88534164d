import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { breakEmail, breakPhone, formatPhone, makeEmail, PHONE_FORMATS, recaseEmail } from './contact.js';
import { drawPhone, STATES } from './geo.js';
import { customerId, duplicateId } from './ids.js';
import { Rng } from './prng.js';

// The shape the importer's email check will accept: one @, a dot in the domain, no spaces or commas.
const PLAIN_EMAIL = /^[^\s@,]+@[^\s@,]+\.[a-z]{2,}$/i;

describe('phones', () => {
  it('every city draws numbers libphonenumber-js accepts, in every format', () => {
    const rng = new Rng(11);
    for (const state of STATES) {
      for (const city of state.cities) {
        for (let i = 0; i < 50; i++) {
          const e164 = drawPhone(rng, city);
          assert.ok(isValidPhoneNumber(e164), `${e164} (${city.name}) is not valid`);
          for (const format of PHONE_FORMATS) {
            const written = formatPhone(e164, format);
            assert.equal(parsePhoneNumberFromString(written, 'US')?.number, e164, `${written} (${format})`);
          }
        }
      }
    }
  });

  it('malformed phones are rejected by libphonenumber-js', () => {
    const rng = new Rng(12);
    const city = STATES[0]?.cities[0];
    assert.ok(city);
    for (let i = 0; i < 500; i++) {
      const broken = breakPhone(rng, drawPhone(rng, city));
      assert.equal(isValidPhoneNumber(broken, 'US'), false, broken);
    }
  });
});

describe('emails', () => {
  it('are unique even when everyone has the same name', () => {
    const rng = new Rng(13);
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const email = makeEmail(rng, i, 'Mary', "O'Brien");
      assert.match(email, PLAIN_EMAIL);
      assert.ok(!seen.has(email), `${email} repeats`);
      seen.add(email);
    }
  });

  it('company addresses are unique per company domain', () => {
    const rng = new Rng(14);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(makeEmail(rng, i, 'Ann', 'Lee', 'acme.com'));
    assert.equal(seen.size, 50_000);
  });

  it('a recased address normalises back to the original', () => {
    const rng = new Rng(15);
    for (let i = 0; i < 1000; i++) {
      const email = makeEmail(rng, i, 'Jo', 'Smith');
      const recased = recaseEmail(rng, email);
      assert.equal(recased.trim().toLowerCase(), email);
    }
  });

  it('a broken address fails a plain email check', () => {
    const rng = new Rng(16);
    for (let i = 0; i < 1000; i++) {
      const broken = breakEmail(rng, makeEmail(rng, i, 'Jo', 'Smith'));
      assert.doesNotMatch(broken, PLAIN_EMAIL, broken);
    }
  });
});

describe('ids', () => {
  it('customer and duplicate ids are distinct and unrelated-looking', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      ids.add(customerId(7, i));
      ids.add(duplicateId(7, i));
    }
    assert.equal(ids.size, 200_000);
    assert.match(customerId(7, 0), /^C\d{9}$/);
    // No fixed digit offset links a person's two records.
    assert.notEqual(customerId(7, 1).slice(2), duplicateId(7, 1).slice(2));
  });
});
