import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';

// Ten shoppers with two orders each; c2 and c7 refused profiling in the shop's export, c3 said yes, the rest
// said nothing (which does not stop scoring: a refusal is an objection, not a missing opt-in).
const CUSTOMERS = `customer_id,email,consent_profiling\n${Array.from(
  { length: 10 },
  (_, i) => `c${i + 1},p${i + 1}@x.io,${i + 1 === 2 || i + 1 === 7 ? 'no' : i + 1 === 3 ? 'yes' : ''}`,
).join('\n')}\n`;
const ORDERS = `order_id,customer_id,order_ts,revenue\n${Array.from({ length: 10 }, (_, i) =>
  [0, 1]
    .map((k) => `o${i}-${k},c${i + 1},2024-0${1 + k * 3}-${10 + i}T10:00:00Z,${20 + i * 5 + k}`)
    .join('\n'),
).join('\n')}\n`;

describe('the profiling consent', () => {
  it('a person who refused profiling keeps no model score, and segments on scores do not hold them', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
      await writeFile(join(dir, 'orders.csv'), ORDERS);
      await runCliJson(['--db', db, 'import', join(dir, 'customers.csv'), '--as', 'customers']);
      await runCliJson(['--db', db, 'import', join(dir, 'orders.csv'), '--as', 'orders']);
      const rfm = await runCliJson<{ runId: number; customers: number }>(['--db', db, 'model', 'rfm']);
      assert.equal(rfm.customers, 10, 'the model still reads everyone');
      const w = await openWarehouse(db);
      try {
        const scored = await w.all<{ id: string }>(
          `SELECT DISTINCT c.customer_id AS id FROM customer_scores s
           JOIN record_profiles rp ON CAST(rp.profile_id AS VARCHAR) = s.customer_key AND rp.record_table = 'customers'
           JOIN customers c ON c.row_key = rp.row_key WHERE s.run_id = ? ORDER BY 1`,
          [rfm.runId],
        );
        const ids = scored.map((r) => r.id);
        assert.equal(ids.length, 8);
        assert.ok(!ids.includes('c2') && !ids.includes('c7'), ids.join(','));
        assert.ok(ids.includes('c3') && ids.includes('c1'));
        const [run] = await w.all<{ n: number }>(
          'SELECT customers_scored::INTEGER AS n FROM model_runs WHERE run_id = ?',
          [rfm.runId],
        );
        assert.equal(run?.n, 8);
      } finally {
        await w.close();
      }
    });
  });
});
