import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { countryCode } from '../domain/countries.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { previewSegment } from '../segments/index.js';
import { openWarehouse } from '../store/index.js';

it('knows a country however it is written, and nothing that is not one', () => {
  for (const [written, code] of [
    ['US', 'US'],
    ['usa', 'US'],
    [' United States ', 'US'],
    ['U.S.A.', 'US'],
    ['United Kingdom', 'GB'],
    ['England', 'GB'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['DEU', 'DE'],
    ['España', 'ES'],
  ] as const) {
    assert.equal(countryCode(written), code, written);
  }
  assert.equal(countryCode('Narnia'), null);
});

it('profiles carry the ISO code, so one rule finds every way the country was written', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const db = await openWarehouse(location);
    try {
      const file = join(dir, 'customers.csv');
      await writeFile(
        file,
        'customer_id,email,country\nc1,a@x.io,US\nc2,b@x.io,USA\nc3,c@x.io,United States\nc4,d@x.io,Deutschland\nc5,e@x.io,Narnia\n',
      );
      await importFile(db, file, { kind: 'customers' });
      await resolveIdentities(db);
      const rows = await db.all<{ country: string }>('SELECT country FROM profiles ORDER BY email');
      assert.deepEqual(
        rows.map((r) => r.country),
        ['US', 'US', 'US', 'DE', 'Narnia'],
      );
      assert.equal((await previewSegment(db, "country = 'US'")).count, 3);
      const raw = await db.all<{ country: string }>("SELECT country FROM customers WHERE customer_id = 'c2'");
      assert.equal(raw[0]?.country, 'USA', 'the imported record keeps what it said');
    } finally {
      await db.close();
    }
  });
});
