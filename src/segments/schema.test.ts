import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openWarehouse } from '../store/index.js';
import { compileSegment } from './compile.js';
import type { SegmentNode } from './nodes.js';
import { PROFILE_COLUMNS } from './schema.js';

test('PROFILE_COLUMNS are columns of the migrated profiles table, and compiled segments run on the real schema', async () => {
  const db = await openWarehouse(':memory:');
  try {
    const rows = await db.all<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'profiles'",
    );
    const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
    const expected = { string: ['VARCHAR'], number: ['BIGINT', 'INTEGER', 'DOUBLE'], boolean: ['BOOLEAN'] };
    for (const [name, type] of Object.entries(PROFILE_COLUMNS)) {
      assert.ok(
        expected[type].includes(types.get(name) ?? ''),
        `${name}: ${types.get(name)} is not a ${type}`,
      );
    }
    const node: SegmentNode = {
      kind: 'and',
      children: [
        ...Object.keys(PROFILE_COLUMNS).map((field) => ({
          kind: 'compare' as const,
          field,
          op: 'is_null' as const,
        })),
        { kind: 'compare', field: 'rfm_tier', op: 'in', values: ['At risk'] },
        { kind: 'event', did: true, event: 'Order Completed', times: 2, withinDays: 90, where: [] },
      ],
    };
    const compiled = compileSegment(node, {
      schema: { columns: PROFILE_COLUMNS, traits: { rfm_tier: 'string' } },
      now: new Date('2026-01-01T00:00:00Z'),
    });
    assert.ok(compiled.ok);
    assert.deepEqual(await db.all(compiled.sql, compiled.params), []);
  } finally {
    await db.close();
  }
});
