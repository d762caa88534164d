import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personKey } from './layout.js';
import { parseWorkers } from './workers.js';

describe('scale init input', () => {
  it('parses worker URLs with their credentials, and refuses none, a non-URL or one named twice', () => {
    const [a, b] = parseWorkers(' postgres://u:p%40ss@h1:6000/s1 ,postgresql://u:x@h2/s2');
    assert.deepEqual(
      [a?.index, a?.target.host, a?.target.port, a?.target.database, a?.password],
      [0, 'h1', 6000, 's1', 'p@ss'],
    );
    assert.deepEqual([b?.index, b?.target.port, b?.target.database], [1, 5432, 's2']);
    assert.doesNotMatch(a?.target.shown ?? '', /p%40ss|p@ss/);
    assert.throws(() => parseWorkers(' , '), /CLT_ERR_USAGE|at least one/);
    assert.throws(
      () => parseWorkers('h1:5432/s1'),
      (e: Error & { code?: string }) => e.code === 'CLT_ERR_STORE_URL',
    );
    assert.throws(
      () => parseWorkers('postgres://u:p@h1:5432/s1,postgres://v:q@h1/s1'),
      (e: Error & { code?: string }) => e.code === 'CLT_ERR_USAGE' && /h1:5432\/s1 twice/.test(e.message),
    );
  });

  it('places a record by its first identifier, then its row key', () => {
    assert.equal(
      personKey(['order_id', 'customer_id', 'email', 'phone', 'anonymous_id', 'row_key']),
      `coalesce(NULLIF("customer_id", ''), NULLIF(lower(btrim("email")), ''), NULLIF("phone", ''), NULLIF("anonymous_id", ''), "row_key")`,
    );
    assert.equal(
      personKey(['user_id', 'anonymous_id', 'row_key']),
      `coalesce(NULLIF("user_id", ''), NULLIF("anonymous_id", ''), "row_key")`,
    );
  });
});
