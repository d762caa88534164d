import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { migrate, openDuckDB, type Warehouse } from '../store/index.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openPostgres } from '../store/postgres/index.js';
import { loadFieldAliases, saveFieldAliases } from './aliases.js';

describe('field aliases', () => {
  it('are copied from the mappings of imports made before migration 12, and the latest reading of a name wins', async () => {
    await withTestDatabase(async ({ engine, location }) => {
      // Opened without openWarehouse's migrations, to stop at migration 11.
      const db: Warehouse = engine === 'postgres' ? await openPostgres(location) : await openDuckDB(location);
      for (const statement of db.dialect.prelude) await db.run(statement);
      try {
        await migrate(
          db,
          MIGRATIONS.filter((m) => m.version < 12),
        );
        for (const [id, mapping] of [
          [1, { region: 'customer_state', city: 'customer_city' }],
          [2, { region: 'customer_state', consent_email: 'newsletter' }],
        ] as const) {
          await db.run(
            `INSERT INTO imports VALUES (?, 'customers', 'c.csv', 'x', 1, 'csv', NULL, CAST(? AS JSON), now(), now(), 1, 1, 0, 0, 0, 0)`,
            [id, JSON.stringify(mapping)],
          );
        }
        await migrate(db);
        const aliases = await loadFieldAliases(db, ['customers']);
        assert.deepEqual(
          aliases.map((a) => [a.alias, a.field]),
          [
            ['customer_state', 'region'],
            ['newsletter', 'consent_email'],
            ['customer_city', 'city'],
          ],
        );
        await saveFieldAliases(db, 'customers', 3, [{ alias: 'customer_state', field: 'city', how: 'map' }]);
        const after = await loadFieldAliases(db);
        assert.deepEqual(after[0], { kind: 'customers', alias: 'customer_state', field: 'city' });
        assert.equal(after.filter((a) => a.alias === 'customer_state').length, 1);
        assert.deepEqual(await loadFieldAliases(db, ['products']), []);
      } finally {
        await db.close();
      }
    });
  });
});
