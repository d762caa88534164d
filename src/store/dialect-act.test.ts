import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';

// The dialect functions the activation modules use, on the engine under test (CLIENTELE_TEST_ENGINE): the
// same SQL text from each engine's spelling gives the same answers.
test('jsonRecords, daysInterval, the lenient casts and %f answer alike on the engine under test', async () => {
  await withTestDb(async (db) => {
    const d = db.dialect;
    const rows = await db.all<{ id: number; name: string | null; score: number | null; ok: boolean | null }>(
      `SELECT r.id, r.name, r.score, r.ok FROM ${d.jsonRecords('?', { id: 'BIGINT', name: 'VARCHAR', score: 'DOUBLE', ok: 'BOOLEAN' }, 'r')} ORDER BY r.id`,
      [JSON.stringify([{ id: 2, name: "O'Brien", score: 1.5, ok: true }, { id: 1 }])],
    );
    assert.deepEqual(
      rows.map((r) => [Number(r.id), r.name, r.score, r.ok]),
      [
        [1, null, null, null],
        [2, "O'Brien", 1.5, true],
      ],
    );
    const [row] = await db.all<Record<string, unknown>>(
      `SELECT ${d.formatTime(`CAST('2024-02-27 10:00:00' AS TIMESTAMP) + ${d.daysInterval('?')}`, '%Y-%m-%d')} AS later,
         ${d.formatTime("CAST('2024-03-15 10:20:30.123456+00' AS TIMESTAMPTZ)", '%Y-%m-%dT%H:%M:%S.%fZ')} AS micros,
         CAST(${d.tryDate("'2024-02-30'")} AS VARCHAR) AS bad_date, CAST(${d.tryDate("'2024-02-29'")} AS VARCHAR) AS date,
         ${d.tryDate("'not a date'")} IS NULL AS no_date,
         ${d.tryDouble("'12.5'")} AS n, ${d.tryDouble("'twelve'")} IS NULL AS no_n,
         ${d.formatTime(d.tryTimestamptz("'2024-01-05T10:00:00Z'"), '%Y-%m-%dT%H:%M:%SZ')} AS at,
         ${d.tryTimestamptz("'yesterday-ish'")} IS NULL AS no_at,
         ${d.listContains(d.jsonList('?', 'BIGINT'), '3')} AS has`,
      ['3', '[1,2,3]'],
    );
    assert.deepEqual(row, {
      later: '2024-03-01',
      micros: '2024-03-15T10:20:30.123456Z',
      bad_date: null,
      date: '2024-02-29',
      no_date: true,
      n: 12.5,
      no_n: true,
      at: '2024-01-05T10:00:00Z',
      no_at: true,
      has: true,
    });
  });
});
