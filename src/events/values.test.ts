import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS } from './limits.js';
import { normalizeEvent } from './normalize.js';
import { parseTimestamp } from './timestamp.js';
import { checkValue, cut, isWellFormed, toWellFormed } from './values.js';

const limits = { maxDepth: 4, maxValues: 20 };
const norm = (e: unknown) => normalizeEvent(e, { receivedAt: Date.UTC(2024, 4, 1), limits: DEFAULT_LIMITS });

// JSON text nested `depth` objects deep, built as text: building it as an object and stringifying overflows.
const nested = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

describe('isWellFormed() and toWellFormed()', () => {
  it('refuse lone surrogates and keep pairs', () => {
    assert.equal(isWellFormed('plain 😀 text'), true);
    for (const bad of ['\ud800', 'a\udc00', '\ud83d', '\ud83dx\ude00'])
      assert.equal(isWellFormed(bad), false, bad);
    assert.equal(toWellFormed('a\ud800b😀\udc00'), 'a\ufffdb😀\ufffd');
    assert.equal(cut('ab😀', 3), 'ab', 'a pair is never split');
  });
});

describe('checkValue()', () => {
  it('names the first problem and its path', () => {
    assert.equal(checkValue({ a: [1, 'x', { b: true }] }, limits), null);
    assert.deepEqual(checkValue({ p: { list: ['ok', '\ud800'] } }, limits), {
      code: 'malformed_unicode',
      path: 'p.list[1]',
      reason: 'p.list[1] holds a lone UTF-16 surrogate (not valid Unicode)',
    });
    assert.equal(checkValue(JSON.parse('{"k\\udfff": 1}'), limits)?.code, 'malformed_unicode');
    assert.equal(checkValue(nested(5), limits)?.code, 'too_deep');
    assert.equal(checkValue(nested(4), limits), null);
    assert.equal(checkValue({ n: Number.POSITIVE_INFINITY }, limits)?.code, 'number_out_of_range');
    assert.equal(checkValue(JSON.parse('{"n": 99999999999999999999}'), limits)?.code, 'number_out_of_range');
    assert.equal(checkValue({ n: -9007199254740991, f: 0.5 }, limits), null);
    assert.equal(
      checkValue({ list: Array.from({ length: 30 }, (_, i) => i) }, limits)?.code,
      'too_many_values',
    );
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.equal(checkValue(deep, DEFAULT_LIMITS)?.code, 'too_deep');
  });
});

describe('parseTimestamp()', () => {
  it('reads ISO 8601 with and without an offset (none is UTC)', () => {
    const ms = (t: string) => {
      const r = parseTimestamp(t);
      assert.ok(r.ok, t);
      return r.ms;
    };
    assert.equal(ms('2024-02-29'), Date.UTC(2024, 1, 29));
    assert.equal(ms('2024-05-01T10:00:00Z'), Date.UTC(2024, 4, 1, 10));
    assert.equal(ms('2024-05-01T10:00:00'), Date.UTC(2024, 4, 1, 10));
    assert.equal(ms('2024-05-01 12:30:15.123456+02:00'), Date.UTC(2024, 4, 1, 10, 30, 15, 123));
    assert.equal(ms('2024-05-01T10:00-0130'), Date.UTC(2024, 4, 1, 11, 30));
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const bad of [
      '2024-02-30',
      '2023-02-29',
      '2024-04-31T00:00:00Z',
      '2024-13-01',
      '2024-00-10',
      '2024-05-01T24:00:00Z',
      '2024-05-01T10:60Z',
      'yesterday',
      '2024-05-01T10:00:00+25:00',
    ]) {
      assert.equal(parseTimestamp(bad).ok, false, bad);
    }
    const r = parseTimestamp('2024-02-30');
    assert.ok(!r.ok);
    assert.match(r.reason, /2024-02 has 29 days/);
  });
});

describe('normalizeEvent() on hostile values', () => {
  it('rejects each with its reason and a raw copy that is valid Unicode', () => {
    const cases: [unknown, string, string | null][] = [
      [{ type: 'track', event: '\ud800', userId: 'u' }, 'malformed_unicode', 'event'],
      [
        { type: 'track', event: 'e', userId: 'u', properties: nested(5000) },
        'too_deep',
        'properties.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
      ],
      [
        { type: 'track', event: 'e', userId: 'u', properties: JSON.parse('{"n": 1e400}') },
        'number_out_of_range',
        'properties.n',
      ],
      [
        { type: 'track', event: 'e', userId: 'u', timestamp: '2024-02-30T00:00:00Z' },
        'bad_date',
        'timestamp',
      ],
    ];
    for (const [event, code, field] of cases) {
      const r = norm(event);
      assert.ok(!r.ok);
      assert.equal(r.code, code);
      assert.equal(r.field, field);
      assert.ok(r.raw === null || isWellFormed(r.raw));
      assert.ok(isWellFormed(r.reason));
    }
    const wrapped = norm({ type: '\ud800'.repeat(30) + 'x', userId: 'u' });
    assert.ok(!wrapped.ok && isWellFormed(wrapped.reason) && isWellFormed(wrapped.raw ?? ''));
  });
});
