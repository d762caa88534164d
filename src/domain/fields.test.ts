import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClienteleError } from '../errors/index.js';
import { type FieldAlias, fieldKey, matchName, nearestNames, resolveName } from './fields.js';

const KNOWN = ['region', 'city', 'country', 'consent_email', 'income', 'orders', 'revenue'];
const ALIASES: FieldAlias[] = [
  { kind: 'customers', alias: 'customer_state', field: 'region' },
  { kind: 'customers', alias: 'newsletter', field: 'consent_email' },
  { kind: 'customers', alias: 'customer_zip_code_prefix', field: 'postal_code' },
];

describe('the field resolver', () => {
  it('reduces names to letters and digits in lower case', () => {
    assert.equal(fieldKey('Customer State'), 'customerstate');
    assert.equal(fieldKey('customer_state'), 'customerstate');
    assert.equal(fieldKey('customerState'), 'customerstate');
    assert.equal(fieldKey('\uFEFFNum-Web.Visits'), 'numwebvisits');
  });

  it('finds the canonical name, then the same name in another case or spelling, then a file alias', () => {
    assert.deepEqual(matchName('region', KNOWN, ALIASES), { name: 'region', via: 'exact' });
    assert.deepEqual(matchName('Consent-Email', KNOWN, ALIASES), {
      name: 'consent_email',
      via: 'normalized',
    });
    assert.deepEqual(matchName('customer_state', KNOWN, ALIASES), {
      name: 'region',
      via: 'alias',
      alias: 'customer_state',
    });
    assert.deepEqual(matchName('NEWSLETTER', KNOWN, ALIASES), {
      name: 'consent_email',
      via: 'alias',
      alias: 'newsletter',
    });
  });

  it('ignores an alias whose field this surface does not know', () => {
    assert.equal(matchName('customer_zip_code_prefix', KNOWN, ALIASES), undefined);
  });

  it('takes the first alias of a name, so the latest import wins', () => {
    const aliases: FieldAlias[] = [
      { kind: 'customers', alias: 'state', field: 'city' },
      { kind: 'customers', alias: 'state', field: 'region' },
    ];
    assert.equal(matchName('state', KNOWN, aliases)?.name, 'city');
  });

  it('suggests the nearest names, the file’s own names among them', () => {
    assert.deepEqual(nearestNames('regoin', KNOWN), ['region']);
    assert.ok(nearestNames('state', [...KNOWN, 'customer_state']).includes('customer_state'));
    assert.deepEqual(nearestNames('zzzzzzzzzz', KNOWN), []);
  });

  it('throws a coded error naming the unknown name and the nearest known ones', () => {
    assert.throws(
      () => resolveName('newsleter', KNOWN, { aliases: ALIASES, what: 'customer trait' }),
      (e: unknown) =>
        e instanceof ClienteleError &&
        e.code === 'CLT_ERR_FIELD_UNKNOWN' &&
        /no customer trait named 'newsleter'; did you mean 'newsletter'/.test(e.message) &&
        ((e.details?.suggestions ?? []) as string[]).includes('newsletter'),
    );
    assert.throws(
      () => resolveName('x', KNOWN, { what: 'dimension', code: 'CLT_ERR_MINING_BAD_OPTION' }),
      (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_MINING_BAD_OPTION',
    );
  });
});
