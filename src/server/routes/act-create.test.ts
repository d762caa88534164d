import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';
import { saveSegment } from '../../segments/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

it('POST /v1/experiments and /v1/placements create as the CLI does, and refuse what the CLI refuses', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'repeat', 'orders >= 2');
    const post = (url: string, payload: unknown) =>
      app.inject({ method: 'POST', url, headers: admin, payload: payload as object });
    const one = await post('/v1/experiments', { name: 'solo', segment: 'repeat', variants: ['control'] });
    assert.equal(one.statusCode, 400);
    assert.equal(one.json().error.code, 'CLT_ERR_ACTIVATION_INVALID');
    assert.match(one.json().error.message, /at least two variants/);
    // The service names the option as the body spells it, never a command-line flag (issue 13).
    assert.equal(one.json().error.details.option, 'variants');
    const held = await post('/v1/experiments', {
      name: 'h',
      segment: 'repeat',
      variants: ['a', 'b'],
      holdout: 150,
    });
    assert.equal(held.statusCode, 400);
    assert.equal(held.json().error.message, 'holdout 150: a percentage from 0 to 99');
    assert.equal(held.json().error.details.option, 'holdout');
    assert.doesNotMatch(one.body + held.body, /--/, 'no command-line flag in an API answer');
    const noSegment = await post('/v1/experiments', { name: 'x', segment: 'ghosts', variants: ['a', 'b'] });
    assert.equal(noSegment.statusCode, 404);
    const made = await post('/v1/experiments', {
      name: 'offer',
      segment: 'repeat',
      variants: ['control', 'offer'],
      weights: [1, 3],
      holdout: 10,
      start: '2026-12-01',
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(
      [made.json().variants, made.json().weights, made.json().holdout, made.json().startAt],
      [['control', 'offer'], [1, 3], 10, '2026-12-01T00:00:00Z'],
    );
    assert.equal(
      (await post('/v1/experiments', { name: 'offer', segment: 'repeat', variants: ['a', 'b'] })).statusCode,
      409,
    );

    const rules = [
      { if: 'local_hour >= 22', variant: 'night', payload: { headline: 'Still up?' } },
      { if: 'orders >= 2', experiment: 'offer' },
      { variant: 'default' },
    ];
    const placed = await post('/v1/placements', { name: 'hero', rules });
    assert.equal(placed.statusCode, 201, placed.body);
    assert.deepEqual(placed.json().rules, rules);
    const again = await post('/v1/placements', { name: 'hero', rules });
    assert.equal(again.json().error.code, 'CLT_ERR_ACTIVATION_EXISTS');
    const bad = await post('/v1/placements', {
      name: 'bad',
      rules: [{ if: 'nonsense_field > 1', variant: 'a' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /rules\/0\/if/);
    const both = await post('/v1/placements', {
      name: 'bad',
      rules: [{ variant: 'a', experiment: 'offer' }],
    });
    assert.match(both.json().error.message, /rules\/0: name either a variant or an experiment/);
    const listed = await app.inject({ method: 'GET', url: '/v1/placements', headers: admin });
    assert.deepEqual(
      listed.json().placements.map((p: { name: string }) => p.name),
      ['hero'],
    );
  });
});
