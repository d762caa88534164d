import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from './helpers/engine.js';

it("works as a library: import { … } from 'clientele' (the built package, by its own name)", async () => {
  const clientele = await import('clientele');
  await withTestDatabase(async ({ location, dir }) => {
    await writeFile(
      join(dir, 'orders.csv'),
      'order_id,email,order_date,amount\nO1,Ann@Example.org,2024-02-01,40\nO2,bob@example.org,2024-02-03,x\n',
    );
    const db = await clientele.openWarehouse(location);
    try {
      const summary = await clientele.importFile(db, join(dir, 'orders.csv'), { kind: 'orders' });
      assert.deepEqual([summary.accepted, summary.rejected], [1, 1]);
      assert.equal((await clientele.listRejects(db)).rows[0]?.reasonCode, 'not_a_number');
      await clientele.resolveIdentities(db);
      const id = await clientele.findProfile(db, 'ann@example.org');
      assert.equal((await clientele.getProfile(db, id!))?.metrics.orders, 1);
    } finally {
      await db.close();
    }
  });
});
