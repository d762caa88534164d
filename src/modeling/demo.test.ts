import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { generateDemo } from '../demo/index.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse } from '../store/index.js';
import { runChurn, runClv } from './index.js';

// docs/demo-data.md: λ ~ Gamma(0.75, 12) per week and p ~ Beta(0.8, 4) for paid search, the other
// channels scaling them; a calendar-week fit of paid search gives r 0.764, α 11.73, a and b low.
it('on the demo business, BG/NBD recovers the planted r and α, and the planted churn causes raise churn', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    await generateDemo({ customers: 2000, seed: 7, outDir: dir, workers: 0 });
    const db = await openWarehouse(location);
    try {
      for (const kind of ['customers', 'orders', 'feedback', 'messages'] as const) {
        await importFile(db, join(dir, `${kind}.csv`), { kind });
      }
      const clv = await runClv(db, { unit: 'week' });
      // All channels together (their λ multipliers average about 1.1, so α a little under 12).
      assert.ok(Math.abs((clv.bgnbd.r ?? 0) - 0.75) < 0.1, `r ${clv.bgnbd.r}`);
      assert.ok((clv.bgnbd.alpha ?? 0) > 9 && (clv.bgnbd.alpha ?? 0) < 13, `alpha ${clv.bgnbd.alpha}`);
      // The causes planted around the last order before a dropout: late delivery, a ticket, an unsubscribe.
      const churn = await runChurn(db, {
        lapsedDays: 180,
        features: [
          'late_delivery_share',
          'tickets',
          'unsubscribed',
          'orders',
          'days_since_first_order',
          'revenue',
          'returns',
        ],
      });
      const top = churn.drivers.slice(0, 5);
      for (const cause of ['late_delivery_share', 'tickets', 'unsubscribed']) {
        const driver = top.find((d) => d.name === cause);
        assert.equal(driver?.direction, 'raises', `${cause} among the top five drivers, raising churn`);
      }
    } finally {
      await db.close();
    }
  });
});
