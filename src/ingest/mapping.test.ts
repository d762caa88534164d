import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTempDir } from '../../test/helpers/tmp.js';
import { KINDS } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import { columnReadings, mapColumns, readExplicitMap } from './mapping.js';

const badMapping = (pattern: RegExp) => (e: unknown) =>
  e instanceof ClienteleError && e.code === 'CLT_ERR_IMPORT_BAD_MAPPING' && pattern.test(e.message);

describe('mapColumns', () => {
  it('reads a marketplace export’s prefixed names (customer_state → region, customer_city → city)', () => {
    const columns = [
      'customer_id',
      'customer_unique_id',
      'customer_zip_code_prefix',
      'customer_city',
      'customer_state',
    ];
    const m = mapColumns(KINDS.customers, columns);
    assert.deepEqual(m.fields, {
      customer_id: 'customer_id',
      city: 'customer_city',
      region: 'customer_state',
      postal_code: 'customer_zip_code_prefix',
    });
    assert.deepEqual(m.extras, ['customer_unique_id']);
    assert.deepEqual(
      columnReadings(m, columns).map((r) => [r.column, r.field, r.how]),
      [
        ['customer_id', 'customer_id', 'exact'],
        ['customer_unique_id', null, 'extra'],
        ['customer_zip_code_prefix', 'postal_code', 'synonym'],
        ['customer_city', 'city', 'normalized'],
        ['customer_state', 'region', 'synonym'],
      ],
    );
  });

  it('reads product_category_name as category and order_purchase_timestamp as the order date', () => {
    assert.equal(
      mapColumns(KINDS.products, ['product_id', 'product_category_name', 'product_weight_g']).fields.category,
      'product_category_name',
    );
    const orders = mapColumns(KINDS.orders, [
      'order_id',
      'customer_id',
      'order_status',
      'order_purchase_timestamp',
      'order_delivered_customer_date',
      'order_estimated_delivery_date',
    ]);
    assert.equal(orders.fields.order_ts, 'order_purchase_timestamp');
    assert.equal(orders.fields.status, 'order_status');
    assert.equal(orders.fields.delivered_at, 'order_delivered_customer_date');
    assert.equal(orders.fields.promised_at, 'order_estimated_delivery_date');
  });

  it('matches names ignoring case and separators, whole names before prefixed ones', () => {
    const m = mapColumns(KINDS.customers, [
      'Customer ID',
      'E-Mail',
      'FirstName',
      'customer_region',
      'Region',
    ]);
    assert.equal(m.fields.customer_id, 'Customer ID');
    assert.equal(m.fields.first_name, 'FirstName');
    assert.equal(m.fields.region, 'Region', 'the whole name wins over customer_region');
    assert.equal(m.how.Region, 'normalized');
    assert.deepEqual(m.extras, ['customer_region']);
  });

  it('lets --map win, with fields and columns in any case', () => {
    const m = mapColumns(KINDS.customers, ['id', 'newsletter', 'State'], {
      Consent_SMS: 'NEWSLETTER',
      region: null,
    });
    assert.equal(m.fields.consent_sms, 'newsletter');
    assert.equal(m.fields.consent_email, undefined);
    assert.equal(m.fields.region, undefined, 'a field mapped to null is left empty');
    assert.equal(m.how.newsletter, 'map');
  });

  it('refuses a bad --map naming the entry, the nearest names, and a map written the wrong way round', () => {
    const columns = ['product_id', 'product_category_name'];
    assert.throws(
      () => mapColumns(KINDS.products, columns, { categry: 'product_category_name' }),
      badMapping(/^map entry "categry".*did you mean 'category'/),
    );
    assert.throws(
      () => mapColumns(KINDS.products, columns, { category: 'product_category' }),
      badMapping(/^map entry "category": "product_category".*did you mean 'product_category_name'/),
    );
    assert.throws(
      () => mapColumns(KINDS.products, columns, { product_category_name: 'category' }),
      badMapping(/wrong way round.*\{"category": "product_category_name"\}/),
    );
  });
});

describe('readExplicitMap', () => {
  it('takes inline JSON or a file, and names a bad entry', async () => {
    assert.deepEqual(await readExplicitMap(' {"category":"product_category_name"}'), {
      category: 'product_category_name',
    });
    await withTempDir(async (dir) => {
      const file = join(dir, 'map.json');
      await writeFile(file, '{"region": "customer_state", "city": null}');
      assert.deepEqual(await readExplicitMap(file), { region: 'customer_state', city: null });
      await assert.rejects(
        readExplicitMap(join(dir, 'missing.json')),
        badMapping(/not a readable file|nor a readable file/),
      );
    });
    await assert.rejects(readExplicitMap('{"category": 3}'), badMapping(/field 'category' maps to 3/));
    await assert.rejects(readExplicitMap('{"category": '), badMapping(/not valid JSON/));
    await assert.rejects(readExplicitMap('["category"]'), badMapping(/expected an object/));
  });
});
